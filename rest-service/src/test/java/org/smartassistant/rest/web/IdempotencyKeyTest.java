package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.rest.RestServiceTest;
import org.smartassistant.testsupport.fakes.FaultyHttpProxy;
import org.smartassistant.testsupport.fakes.FaultyHttpProxy.ProxiedRequest;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

/**
 * A creating POST whose answer is lost on the way back (a proxy forwards it to rest-service, then
 * answers the client 502): the common client retries it only with an {@code Idempotency-Key}, and
 * rest-service answers the repeat with what the first request created instead of creating again.
 */
class IdempotencyKeyTest extends RestServiceTest {

  private FaultyHttpProxy proxy;

  @BeforeEach
  void startProxy() {
    proxy = new FaultyHttpProxy(baseUrl());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** The client as the other services build it, with retries, talking through the proxy. */
  private RestServiceClient clientThroughProxy() {
    return ServiceClients.create(
        RestServiceClient.class,
        restClientBuilder,
        new ServiceClientProperties(
            proxy.baseUrl(), null, Duration.ofSeconds(10), 3, Duration.ofMillis(20)),
        TOKEN);
  }

  private static CreateReminderRequest reminder(long user, String text) {
    return CreateReminderRequest.oneTime(
        user, Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), text);
  }

  private List<ReminderDto> remindersOf(long user) {
    return client().reminders(user, null, null, 0, 100).items();
  }

  @Test
  void aReminderCreateWhoseAnswerWasLostIsRetriedAndCreatesOneReminder() {
    long user = newUser();
    proxy.loseAnswers("POST", "/api/reminders"::equals, 1);

    ReminderDto created =
        clientThroughProxy().createReminder("turn-1:0", reminder(user, "water the plants"));

    List<ProxiedRequest> sent = proxy.requests("POST", "/api/reminders");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).upstreamStatus()).isEqualTo(201);
    assertThat(sent.get(0).answerLost()).isTrue();
    assertThat(sent.get(1).upstreamStatus()).isEqualTo(200);
    assertThat(sent).extracting(ProxiedRequest::idempotencyKey).containsOnly("turn-1:0");
    assertThat(remindersOf(user)).extracting(ReminderDto::id).containsExactly(created.id());
    assertThat(created.text()).isEqualTo("water the plants");
  }

  @Test
  void aHistoryAppendWhoseAnswerWasLostIsRetriedAndAppendsOneMessage() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages";
    proxy.loseAnswers("POST", path::equals, 1);

    MessageDto appended =
        clientThroughProxy()
            .appendMessage(
                user,
                "envelope-1:history:0",
                new AppendMessageRequest(null, MessageRole.USER, "hi"));

    List<ProxiedRequest> sent = proxy.requests("POST", path);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).upstreamStatus()).isEqualTo(201);
    assertThat(sent.get(0).answerLost()).isTrue();
    assertThat(sent.get(1).upstreamStatus()).isEqualTo(200);
    assertThat(client().messages(user, null, null))
        .extracting(MessageDto::id)
        .containsExactly(appended.id());
  }

  @Test
  void aPostWithoutAKeyIsNotRetriedAndTheLostAnswerSurfaces() {
    long user = newUser();
    proxy.loseAnswers("POST", "/api/reminders"::equals, 1);

    assertThatThrownBy(() -> clientThroughProxy().createReminder(reminder(user, "feed the cat")))
        .isInstanceOf(HttpServerErrorException.BadGateway.class);

    assertThat(proxy.requests("POST", "/api/reminders")).hasSize(1);
    assertThat(remindersOf(user)).hasSize(1);
  }

  @Test
  void theSameKeyAgainAnswersTheFirstResultAndWritesNothing() {
    long user = newUser();
    CreateReminderRequest request = reminder(user, "call mum");
    AppendMessageRequest message = new AppendMessageRequest(null, MessageRole.ASSISTANT, "ok");

    ReminderDto first = client().createReminder("k-1", request);
    ReminderDto again = client().createReminder("k-1", request);
    MessageDto firstMessage = client().appendMessage(user, "k-1", message);
    MessageDto messageAgain = client().appendMessage(user, "k-1", message);

    assertThat(again).isEqualTo(first);
    assertThat(messageAgain).isEqualTo(firstMessage);
    assertThat(remindersOf(user)).hasSize(1);
    assertThat(client().messages(user, null, null)).hasSize(1);
    // the same key of another user is another request
    long other = newUser();
    assertThat(client().createReminder("k-1", reminder(other, "call mum")).id())
        .isNotEqualTo(first.id());
  }

  @Test
  void theSameKeyWithAnotherRequestIsAConflict() {
    long user = newUser();
    client().createReminder("k-2", reminder(user, "call mum"));
    client().appendMessage(user, "k-2", new AppendMessageRequest(null, MessageRole.USER, "a"));

    assertThatThrownBy(() -> client().createReminder("k-2", reminder(user, "call dad")))
        .isInstanceOfSatisfying(
            HttpClientErrorException.Conflict.class,
            e ->
                assertThat(e.getResponseBodyAsString())
                    .contains("Idempotency-Key")
                    .contains("different request"));
    assertThatThrownBy(
            () ->
                client()
                    .appendMessage(
                        user, "k-2", new AppendMessageRequest(null, MessageRole.USER, "b")))
        .isInstanceOf(HttpClientErrorException.Conflict.class);
    assertThat(remindersOf(user)).hasSize(1);
    assertThat(client().messages(user, null, null)).hasSize(1);
  }

  @Test
  void aBlankOrTooLongKeyIsRefusedNamingTheHeader() {
    long user = newUser();

    assertThatThrownBy(() -> client().createReminder("x".repeat(201), reminder(user, "a")))
        .isInstanceOfSatisfying(
            HttpClientErrorException.BadRequest.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("Idempotency-Key"));
    assertThatThrownBy(
            () ->
                client()
                    .appendMessage(
                        user, " ", new AppendMessageRequest(null, MessageRole.USER, "b")))
        .isInstanceOf(HttpClientErrorException.BadRequest.class);
  }
}
