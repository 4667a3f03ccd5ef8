package org.smartassistant.assistant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Turns that finish while a history request is out go together in the next request, each stored
 * once; a turn the batch does not store is sent on its own, so it is stored or its own error is
 * thrown.
 */
class HistoryBatchesTest extends AssistantFlowTest {

  private static final String TURNS = "POST /api/messages/batch";

  @Autowired HistoryBatches batches;

  @Test
  void turnsThatFinishWhileARequestIsOutGoTogetherInTheNext() throws Exception {
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      users.add(newUser("U" + i, "UTC", "You are a secretary."));
    }
    int before = rest.requestCount(TURNS);
    ExecutorService threads = Executors.newFixedThreadPool(users.size());
    List<Thread> storing = new ArrayList<>();
    List<CompletableFuture<Void>> stored = new ArrayList<>();
    rest.holdHistoryAppends();
    try {
      // the first turn's request is out (held, its thread reading the answer), then the four
      // others come and wait
      stored.add(storeOn(threads, storing, users.get(0)));
      await().atMost(WAIT).until(() -> rest.requestCount(TURNS) > before);
      for (long user : users.subList(1, users.size())) {
        stored.add(storeOn(threads, storing, user));
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  storing.size() == users.size()
                      && storing.subList(1, storing.size()).stream()
                          .allMatch(HistoryBatchesTest::waitsForTheRequestOut));
    } finally {
      rest.releaseHistoryAppends();
    }
    for (CompletableFuture<Void> each : stored) {
      each.get();
    }
    threads.shutdown();

    // two requests for five turns: the held one, then the four that waited for it
    List<List<Long>> ours =
        rest.turnBatches().stream()
            .filter(batch -> batch.stream().anyMatch(users::contains))
            .toList();
    assertThat(ours).hasSize(2);
    assertThat(ours.get(0)).containsExactly(users.get(0));
    assertThat(ours.get(1)).containsExactlyInAnyOrderElementsOf(users.subList(1, users.size()));
    for (long user : users) {
      assertThat(rest.messages(user))
          .extracting(MessageDto::content)
          .containsExactly("hello " + user, "hi " + user);
      assertThat(rest.requestCount("POST /api/users/" + user + "/messages/batch")).isZero();
    }
  }

  @Test
  void aTurnTheBatchRefusesIsSentOnItsOwnAndItsErrorIsThrown() {
    long unknown = userIds.incrementAndGet();

    assertThatThrownBy(() -> batches.store(unknown, "t-" + unknown + ":history", said(unknown)))
        .isInstanceOf(HttpClientErrorException.NotFound.class);

    assertThat(rest.requestCount("POST /api/users/" + unknown + "/messages/batch")).isEqualTo(1);
  }

  @Test
  void whenTheBatchRequestFailsEachTurnIsStoredOnItsOwn() {
    long user = newUser("Vi", "UTC", "You are Vi's secretary.");
    rest.refuseTurnBatches(true);
    try {
      batches.store(user, "t-" + user + ":history", said(user));
    } finally {
      rest.refuseTurnBatches(false);
    }

    assertThat(rest.messages(user)).hasSize(2);
    assertThat(rest.messageKeys())
        .contains("t-" + user + ":history:0:user", "t-" + user + ":history:1:assistant");
    assertThat(rest.requestCount("POST /api/users/" + user + "/messages/batch")).isEqualTo(1);
  }

  /** Whether the thread waits in the queue for the request that is out to come back. */
  private static boolean waitsForTheRequestOut(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("awaitUninterruptibly")) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<Void> storeOn(
      ExecutorService threads, List<Thread> storing, long user) {
    return CompletableFuture.runAsync(
        () -> {
          synchronized (storing) {
            storing.add(Thread.currentThread());
          }
          batches.store(user, "t-" + user + ":history", said(user));
        },
        threads);
  }

  private static AppendMessagesRequest said(long user) {
    return new AppendMessagesRequest(
        List.of(
            new AppendMessageRequest(null, MessageRole.USER, "hello " + user),
            new AppendMessageRequest(null, MessageRole.ASSISTANT, "hi " + user)));
  }
}
