package org.smartassistant.rest.secretaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.dao.DataIntegrityViolationException;

/** At most one active secretary per user, held by the database itself. */
class OneActiveSecretaryTest extends RestServiceTest {

  @Test
  void concurrentAssignmentsNeverLeaveTwoActiveSecretaries() throws Exception {
    long user = newUser();
    List<UUID> secretaries = List.of(newAssistant(true), newAssistant(true), newAssistant(true));
    int requests = 12;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        UUID choice = secretaries.get(i % secretaries.size());
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return api()
                      .put(
                          "/api/users/" + user + "/secretary",
                          Api.json("assistantId", choice.toString()));
                },
                pool));
      }
      start.countDown();
      for (CompletableFuture<Api.Response> answer : answers) {
        assertThat(answer.get().status()).as(answer.get().toString()).isIn(200, 409);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM user_secretaries WHERE user_id = ? AND active",
                Long.class,
                user))
        .isEqualTo(1);
    String answered =
        api().get("/api/users/" + user + "/secretary").json().get("assistant").get("id").asString();
    assertThat(secretaries.stream().map(UUID::toString)).contains(answered);
  }

  @Test
  void theDatabaseRefusesASecondActiveSecretaryEvenWithoutTheService() {
    long user = newUser();
    UUID first = newAssistant(true);
    UUID second = newAssistant(true);
    jdbc.update(
        "INSERT INTO user_secretaries (user_id, assistant_id, active, assigned_at)"
            + " VALUES (?, ?, true, now())",
        user,
        first);

    assertThatThrownBy(
            () ->
                jdbc.update(
                    "INSERT INTO user_secretaries (user_id, assistant_id, active, assigned_at)"
                        + " VALUES (?, ?, true, now())",
                    user,
                    second))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("user_secretaries_one_active_idx");
    // inactive history rows are allowed
    jdbc.update(
        "INSERT INTO user_secretaries (user_id, assistant_id, active, assigned_at)"
            + " VALUES (?, ?, false, now())",
        user,
        second);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
