package org.smartassistant.tgbot.updates;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.retry.BoundedRetry;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where Telegram updates enter. telegrambots' long polling hands over each batch and confirms it
 * (the next getUpdates carries the new offset) as soon as this returns, so this returns only when
 * every update of the batch is taken in: its envelope is in the inbox, or it needs none. Updates
 * run in parallel across chats and in order within a chat. While Redis or rest-service is out of
 * reach the update is retried until they are back and its batch waits, neither confirmed nor lost.
 * An update that fails otherwise (a 5xx, a data error) is retried within the bounds of {@code
 * smart.telegram.intake}, then given up with an apology to its user, so it cannot hold up the
 * others for good. Answers to the user run afterwards, in the chat's order, without holding up the
 * next batch.
 */
@Component
class UpdateDispatcher implements LongPollingUpdateConsumer {

  private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

  /**
   * The observation of an update from its arrival in a batch until it is taken in (its wait for the
   * chat's lane included); the trace it starts is carried on by the inbox envelope.
   */
  static final String UPDATE_OBSERVATION = "smart.telegram.update";

  /** How long a webhook request waits for its update to be taken in (Telegram waits ~60 s). */
  private static final java.time.Duration WEBHOOK_PATIENCE = java.time.Duration.ofSeconds(30);

  /**
   * Redis or rest-service out of reach: an outage for every user, waited out for as long as it
   * lasts (the batch stays unconfirmed, so nothing is lost; nobody else could be served meanwhile).
   * An error Redis itself answered is not an outage.
   */
  private static final Predicate<Throwable> OUTAGE =
      failure ->
          !BoundedRetry.causedBy(RedisCommandExecutionException.class).test(failure)
              && BoundedRetry.causedBy(
                      RedisConnectionFailureException.class,
                      QueryTimeoutException.class,
                      RedisException.class,
                      ResourceAccessException.class)
                  .test(failure);

  /** A failing answer for this update (a 5xx, a data error): retried within bounds only. */
  private static final Predicate<Throwable> FAILURE =
      BoundedRetry.causedBy(HttpServerErrorException.class, DataAccessException.class);

  private final UpdateIntake intake;
  private final int updateThreads;
  // replaced on each start: a stop shuts them down, and a paused context is started again
  private volatile ChatLanes intakeLanes;
  private volatile ChatLanes followUpLanes;
  private final RetryTemplate outageRetry;
  private final RetryTemplate failureRetry;
  private final ObservationRegistry observations;
  private volatile boolean stopping;

  UpdateDispatcher(
      UpdateIntake intake, TelegramProperties properties, ObservationRegistry observations) {
    this.intake = intake;
    this.observations = observations;
    this.updateThreads = properties.updateThreads();
    this.intakeLanes = new ChatLanes("telegram-intake", updateThreads);
    this.followUpLanes = new ChatLanes("telegram-answer", updateThreads);
    this.outageRetry =
        properties
            .intake()
            .outageRetry()
            .template(failure -> !stopping && OUTAGE.test(failure), new RetryLog());
    this.failureRetry =
        properties
            .intake()
            .retry()
            .template(
                failure -> !stopping && !OUTAGE.test(failure) && FAILURE.test(failure),
                new RetryLog());
  }

  @Override
  public void consume(List<Update> updates) {
    if (stopping) {
      return; // a long poll that ended after the stop: these updates are delivered again later
    }
    List<CompletableFuture<Void>> takenIn = new ArrayList<>(updates.size());
    for (Update update : updates) {
      Optional<Long> chat = UpdateIntake.chatOf(update);
      if (chat.isEmpty()) {
        continue; // nothing the bot handles: confirming it loses nothing
      }
      // one trace per update, from its arrival to its envelope in the inbox and on to the reply
      Observation observation =
          Observation.start(UPDATE_OBSERVATION, observations).contextualName("telegram update");
      takenIn.add(intakeLanes.submit(chat.get(), () -> takeIn(update, chat.get(), observation)));
    }
    try {
      CompletableFuture.allOf(takenIn.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      // stopping: the batch is not confirmed (polling ends with this call) and comes again later
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.error("taking in a batch of updates failed", e.getCause());
    }
  }

  /**
   * Takes one update in, retrying outages of Redis and rest-service within the intake's bounds;
   * never throws. An update still failing after the last retry, or failing for another reason, is
   * given up: logged, its user told with an apology, and its batch confirmed, so one poisoned
   * update does not hold up everybody's next updates.
   */
  private void takeIn(Update update, long chatId, Observation observation) {
    try (Observation.Scope scope = observation.openScope()) {
      takeIn(update, chatId);
    } finally {
      observation.stop();
    }
  }

  private void takeIn(Update update, long chatId) {
    FollowUp followUp;
    try {
      followUp =
          outageRetry.execute(
              named(
                  update, () -> failureRetry.execute(named(update, () -> intake.accept(update)))));
    } catch (RetryException e) {
      Throwable failure = lastFailure(e);
      if (failure instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
      if (stopping) {
        log.info(
            "update {} not taken in before shutdown; Telegram delivers it again",
            update.getUpdateId());
        return;
      }
      log.error(
          "update {} in chat {} cannot be handled and is dropped after {} attempt(s)",
          update.getUpdateId(),
          chatId,
          e.getRetryCount() + 1,
          failure);
      followUpLanes.submit(chatId, () -> runFollowUp(intake.apology(chatId)));
      return;
    }
    if (followUp != null) {
      followUpLanes.submit(chatId, () -> runFollowUp(followUp));
    }
  }

  /**
   * Takes one update in as the webhook receives it: in its chat's lane, with the bounded retries of
   * a failing answer but without waiting out an outage (Telegram sends the update again instead).
   * Returns only when the update is taken in (its envelope is in the inbox, or it needs none).
   *
   * @throws Exception when it was not taken in, so that Telegram is answered with an error
   */
  void takeInNow(Update update) throws Exception {
    Optional<Long> chat = UpdateIntake.chatOf(update);
    if (chat.isEmpty()) {
      return;
    }
    if (stopping) {
      throw new IllegalStateException("stopping: update " + update.getUpdateId() + " not taken in");
    }
    Observation observation =
        Observation.start(UPDATE_OBSERVATION, observations).contextualName("telegram update");
    CompletableFuture<FollowUp> takenIn = new CompletableFuture<>();
    intakeLanes.submit(
        chat.get(),
        () -> {
          try (Observation.Scope scope = observation.openScope()) {
            takenIn.complete(failureRetry.execute(named(update, () -> intake.accept(update))));
          } catch (Throwable failure) {
            takenIn.completeExceptionally(failure);
          } finally {
            observation.stop();
          }
        });
    FollowUp followUp;
    try {
      followUp = takenIn.get(WEBHOOK_PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RetryException retry
          ? new IllegalStateException(lastFailure(retry))
          : e;
    }
    if (followUp != null) {
      followUpLanes.submit(chat.get(), () -> runFollowUp(followUp));
    }
  }

  /** The failure behind the (possibly nested) retries' giving up. */
  private static Throwable lastFailure(RetryException e) {
    Throwable failure = e;
    while (failure instanceof RetryException retry && retry.getLastException() != null) {
      failure = retry.getLastException();
    }
    return failure;
  }

  private static Retryable<FollowUp> named(Update update, Retryable<FollowUp> work) {
    return new Retryable<>() {
      @Override
      public FollowUp execute() throws Throwable {
        return work.execute();
      }

      @Override
      public String getName() {
        return "update " + update.getUpdateId();
      }
    };
  }

  /** Logs each failed attempt that is tried again: the update stays unconfirmed meanwhile. */
  private static final class RetryLog implements RetryListener {
    @Override
    public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
      log.warn(
          "{} not taken in yet, trying again (it stays unconfirmed): {}",
          retryable.getName(),
          failure.toString());
    }
  }

  private static void runFollowUp(FollowUp followUp) {
    try {
      followUp.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("answering an update failed", e);
    }
  }

  /** Takes updates (again, after a {@link #stop()}: the polling was stopped and started again). */
  synchronized void start() {
    if (stopping) {
      intakeLanes = new ChatLanes("telegram-intake", updateThreads);
      followUpLanes = new ChatLanes("telegram-answer", updateThreads);
      stopping = false;
    }
  }

  /** Stops taking updates; gives the ones in hand a moment to finish. */
  synchronized void stop() {
    stopping = true;
    intakeLanes.shutdown(5, TimeUnit.SECONDS);
    followUpLanes.shutdown(5, TimeUnit.SECONDS);
  }
}
