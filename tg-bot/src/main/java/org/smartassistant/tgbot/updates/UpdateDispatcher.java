package org.smartassistant.tgbot.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where Telegram updates enter. telegrambots' long polling hands over each batch and confirms it
 * (the next getUpdates carries the new offset) as soon as this returns, so this returns only when
 * every update of the batch is taken in: its envelope is in the inbox, or it needs none. Updates
 * run in parallel across chats and in order within a chat. While Redis or rest-service is down the
 * batch waits and is retried, and is therefore neither confirmed nor lost. Answers to the user run
 * afterwards, in the chat's order, without holding up the next batch.
 */
@Component
class UpdateDispatcher implements LongPollingUpdateConsumer {

  private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 5_000;

  private final UpdateIntake intake;
  private final ChatLanes intakeLanes;
  private final ChatLanes followUpLanes;
  private volatile boolean stopping;

  UpdateDispatcher(UpdateIntake intake, TelegramProperties properties) {
    this.intake = intake;
    this.intakeLanes = new ChatLanes("telegram-intake", properties.updateThreads());
    this.followUpLanes = new ChatLanes("telegram-answer", properties.updateThreads());
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
      takenIn.add(intakeLanes.submit(chat.get(), () -> takeIn(update, chat.get())));
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

  /** Takes one update in, waiting out outages of Redis and rest-service; never throws. */
  private void takeIn(Update update, long chatId) {
    long retryMillis = FIRST_RETRY_MILLIS;
    while (true) {
      try {
        FollowUp followUp = intake.accept(update);
        if (followUp != null) {
          followUpLanes.submit(chatId, () -> runFollowUp(followUp));
        }
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (stopping) {
          log.info(
              "update {} not taken in before shutdown; Telegram delivers it again",
              update.getUpdateId());
          return;
        }
        if (!Transient.isTransient(e)) {
          log.error(
              "update {} in chat {} cannot be handled and is dropped",
              update.getUpdateId(),
              chatId,
              e);
          followUpLanes.submit(chatId, () -> runFollowUp(intake.apology(chatId)));
          return;
        }
        log.warn(
            "update {} not taken in yet, again in {} ms (it stays unconfirmed): {}",
            update.getUpdateId(),
            retryMillis,
            e.toString());
        try {
          Thread.sleep(retryMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
      }
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

  /** Stops taking updates; gives the ones in hand a moment to finish. */
  void stop() {
    stopping = true;
    intakeLanes.shutdown(5, TimeUnit.SECONDS);
    followUpLanes.shutdown(5, TimeUnit.SECONDS);
  }
}
