package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.RedisMonitor;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.test.context.TestPropertySource;

/**
 * The assistant as a whole, from an envelope in the inbox to the envelope in the outbox: real
 * Redis, the real consumer, Spring AI's OpenAI model against the fake OpenAI API, and a fake
 * rest-service. The model is retried as configured by default (twice), as the failure tests count.
 */
@TestPropertySource(properties = "smart.llm.max-retries=2")
class InboxFlowTest extends AssistantFlowTest {

  @Autowired UserMessageHandler userMessages;

  // ---------------------------------------------------------------- conversation

  @Test
  void answersWithTheUsersLocalTimeAndThePreviousTurns() {
    long user = newUser("Ann", "Europe/Berlin", "You are Ann's secretary.");

    Envelope first = send(user, "hello");
    assertThat(awaitAnswer(first).text()).isEqualTo("You said: hello");
    Envelope second = send(user, "and now?");
    Envelope reply = awaitAnswer(second);
    // the turn stores what was said after its reply
    awaitProcessed();

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.chatId()).isEqualTo(chatOf(user));
    assertThat(reply.text()).isEqualTo("You said: and now?");
    assertThat(reply.attr(EnvelopeAttribute.IN_REPLY_TO)).isEqualTo(second.id().toString());
    assertThat(reply.attr(EnvelopeAttribute.IN_REPLY_TO_TYPE)).isEqualTo("user_message");
    OpenAiRequest request = llm.lastRequest();
    assertThat(request.systemPrompt())
        .startsWith("You are Ann's secretary.")
        .contains("Tuesday, 24 November 2026, 09:30 (Europe/Berlin, UTC+01:00)")
        .contains("Name: Ann.")
        .contains("Time zone: Europe/Berlin.");
    assertThat(request.messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("system", request.systemPrompt()),
            org.assertj.core.groups.Tuple.tuple("user", "hello"),
            org.assertj.core.groups.Tuple.tuple("assistant", "You said: hello"),
            org.assertj.core.groups.Tuple.tuple("user", "and now?"));
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MessageRole.USER, "hello"),
            org.assertj.core.groups.Tuple.tuple(MessageRole.ASSISTANT, "You said: hello"),
            org.assertj.core.groups.Tuple.tuple(MessageRole.USER, "and now?"),
            org.assertj.core.groups.Tuple.tuple(MessageRole.ASSISTANT, "You said: and now?"));
  }

  @Test
  void timeToolResultGoesBackToTheModelAndTheFinalAnswerIsSent() {
    long user = newUser("Bob", "America/New_York", "You are Bob's secretary.");
    AssistantDto secretary = rest.assignSecretary(user, "You are Bob's secretary.");
    rest.linkTool(secretary.id(), "clock", ToolType.TIME);
    rest.linkTool(secretary.id(), "old_clock", ToolType.TIME, false);
    llm.enqueue(
        OpenAiAnswer.toolCall("clock", "{\"timezone\":\"Asia/Tokyo\"}"),
        OpenAiAnswer.text("In Tokyo it is half past five in the evening."));

    Envelope reply = awaitAnswer(send(user, "what time is it in Tokyo?"));

    assertThat(reply.text()).isEqualTo("In Tokyo it is half past five in the evening.");
    List<OpenAiRequest> requests = llm.requests();
    assertThat(requests).hasSize(2);
    // only active tools are offered, under their configured names
    assertThat(requests.get(0).toolNames()).containsExactly("clock");
    assertThat(requests.get(0).tools().get(0).description()).isEqualTo("configured clock");
    OpenAiRequest second = requests.get(1);
    String callId = second.messages().get(2).toolCalls().get(0).id();
    assertThat(second.toolResult(callId))
        .hasValueSatisfying(
            result ->
                assertThat(result).contains("Tuesday, 24 November 2026, 17:30 in Asia/Tokyo"));
    // the user reaches the tool through the tool context, which the model never sees
    assertThat(second.body()).doesNotContain(Long.toString(chatOf(user)));
  }

  @Test
  void historyIsReloadedFromRestServiceWhenRedisLostIt() {
    long user = newUser("Cleo", "UTC", "You are Cleo's secretary.");
    awaitAnswer(send(user, "my cat is called Tom"));
    awaitAnswer(send(user, "I like tea"));

    redis.delete("assistant:conversation:" + user);
    awaitAnswer(send(user, "what do you know?"));

    assertThat(llm.lastRequest().messages())
        .extracting(OpenAiMessage::content)
        .containsSubsequence(
            "my cat is called Tom",
            "You said: my cat is called Tom",
            "I like tea",
            "You said: I like tea",
            "what do you know?");
  }

  @Test
  void aTurnOfAUserNotCachedReadsWhatItNeedsInOneRequest() {
    long user = newUser("Ida", "UTC", "You are Ida's secretary.");
    rest.addMemory(user, "Ida drinks green tea");
    String path = "GET /api/users/" + user;
    awaitAnswer(send(user, "my cat is called Tom"));
    assertThat(rest.requestCount(path + "/turn-context")).isEqualTo(1);
    assertThat(llm.lastRequest().systemPrompt()).contains("Ida drinks green tea");

    // all the assistant keeps about Ida is gone: her next turn reads it again, in one request
    redis.delete("assistant:conversation:" + user);
    publishChange(ChangeKind.USER, Long.toString(user));
    publishChange(ChangeKind.SECRETARY, Long.toString(user));
    await()
        .atMost(WAIT)
        .until(
            () ->
                !Boolean.TRUE.equals(redis.hasKey("assistant:cache:user:" + user))
                    && !Boolean.TRUE.equals(redis.hasKey("assistant:cache:secretary:" + user)));
    awaitAnswer(send(user, "what do I drink?"));

    assertThat(rest.requestCount(path + "/turn-context")).isEqualTo(2);
    for (String alone : List.of("", "/secretary", "/messages/window", "/memories")) {
      assertThat(rest.requestCount(path + alone)).as("%s%s alone", path, alone).isZero();
    }
    assertThat(llm.lastRequest().systemPrompt())
        .startsWith("You are Ida's secretary.")
        .contains("Ida drinks green tea");
    assertThat(llm.lastRequest().messages())
        .extracting(OpenAiMessage::content)
        .containsSubsequence(
            "my cat is called Tom", "You said: my cat is called Tom", "what do I drink?");
  }

  @Test
  void aLongFirstMessageIsAnsweredThoughItIsTooLongToSearchFactsWith() {
    long user = newUser("Jo", "UTC", "You are Jo's secretary.");
    rest.addMemory(user, "Jo drinks green tea");
    String text = "tea ".repeat(600); // 2400 characters: rest-service searches facts with 2000

    Envelope message = send(user, text);
    Envelope reply = onlyAnswerTo(message);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(deadLettersOf(message)).isEmpty();
    assertThat(rest.requestCount("GET /api/users/" + user + "/turn-context")).isEqualTo(1);
    assertThat(llm.lastRequest().lastUserText()).isEqualTo(text);
  }

  @Test
  void resetForgetsTheConversation() {
    long user = newUser("Dan", "UTC", "You are Dan's secretary.");
    awaitAnswer(send(user, "remember the number 42"));

    Envelope confirmation = awaitAnswer(send(user, EnvelopeType.CONVERSATION_RESET, null));
    assertThat(confirmation.text()).isEqualTo(ConversationResetHandler.CONFIRMATION);
    assertThat(rest.messages(user)).isEmpty();
    awaitAnswer(send(user, "which number?"));

    assertThat(llm.lastRequest().messages())
        .extracting(OpenAiMessage::role)
        .containsExactly("system", "user");
  }

  @Test
  void overflowingWindowIsSummarisedAndTheSummaryIsKept() {
    long user = newUser("Eve", "UTC", "You are Eve's secretary.");
    llm.respondWith(
        request ->
            request.systemPromptContains("You keep the memory")
                ? OpenAiAnswer.text("Eve likes green tea and has a cat named Tom.")
                : null);
    setHistoryWindow(4);
    try {
      awaitAnswer(send(user, "I like green tea"));
      awaitAnswer(send(user, "my cat is Tom"));
      awaitAnswer(send(user, "it is raining"));
      await().atMost(WAIT).until(() -> rest.messages(user).size() == 7);

      awaitAnswer(send(user, "what do you know about me?"));
    } finally {
      setHistoryWindow(20);
    }

    OpenAiRequest summaryRequest =
        llm.requests().stream()
            .filter(r -> r.systemPromptContains("You keep the memory"))
            .findFirst()
            .orElseThrow();
    assertThat(summaryRequest.lastUserText())
        .contains("User: I like green tea", "User: my cat is Tom")
        .doesNotContain("it is raining");
    OpenAiRequest last = llm.lastRequest();
    assertThat(last.systemPrompt()).contains("Eve likes green tea and has a cat named Tom.");
    assertThat(last.messages())
        .extracting(OpenAiMessage::content)
        .containsSubsequence(
            "it is raining", "You said: it is raining", "what do you know about me?")
        .doesNotContain("I like green tea");
    assertThat(rest.messages(user))
        .filteredOn(m -> m.role() == MessageRole.SYSTEM)
        .extracting(MessageDto::content)
        .containsExactly("Eve likes green tea and has a cat named Tom.");
    // every model call is paid for, the summary's too; it went with the summary in one request,
    // as each turn's goes with the turn's history
    await()
        .atMost(WAIT)
        .until(
            () ->
                rest.usageOf(user).stream().mapToInt(RecordUsageRequest::calls).sum()
                    == llm.requests().size());
    assertThat(rest.requestCount("POST /api/users/" + user + "/usage")).isZero();
    assertThat(rest.requestCount("POST /api/users/" + user + "/messages")).isZero();
  }

  // ---------------------------------------------------------------- secretary cache

  @Test
  void secretaryIsCachedAndDroppedOnItsChangeEvent() {
    long user = newUser("Fay", "UTC", "You are Alpha.");
    awaitAnswer(send(user, "one"));
    awaitAnswer(send(user, "two"));
    // read once, with the user (the first turn's one request), then cached
    assertThat(rest.requestCount("GET /api/users/" + user + "/turn-context")).isEqualTo(1);
    assertThat(rest.requestCount("GET /api/users/" + user + "/secretary")).isZero();
    assertThat(llm.lastRequest().systemPrompt()).startsWith("You are Alpha.");

    rest.assignSecretary(user, "You are Beta.");
    publishChange(ChangeKind.SECRETARY, Long.toString(user));
    await()
        .atMost(WAIT)
        .until(() -> !Boolean.TRUE.equals(redis.hasKey("assistant:cache:secretary:" + user)));
    awaitAnswer(send(user, "three"));

    assertThat(llm.lastRequest().systemPrompt()).startsWith("You are Beta.");
    // the user still cached: the secretary alone is read again
    assertThat(rest.requestCount("GET /api/users/" + user + "/secretary")).isEqualTo(1);
    assertThat(rest.requestCount("GET /api/users/" + user + "/turn-context")).isEqualTo(1);
  }

  // ---------------------------------------------------------------- failures

  @Test
  void serverErrorsAreRetriedAndTheMessageIsAnsweredOnce() {
    long user = newUser("Gus", "UTC", "You are Gus's secretary.");
    llm.enqueue(
        OpenAiAnswer.serverError(), OpenAiAnswer.serverError(), OpenAiAnswer.text("Recovered."));

    Envelope message = send(user, "hello?");
    Envelope reply = onlyAnswerTo(message);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.text()).isEqualTo("Recovered.");
    assertThat(llm.requests()).hasSize(3);
    assertThat(deadLettersOf(message)).isEmpty();
  }

  @Test
  void modelThatAlwaysFailsGivesOneApologyAndOneDeadLetter() {
    long user = newUser("Hal", "UTC", "You are Hal's secretary.");
    llm.respondWith(
        request ->
            request.systemPromptContains("You are Hal's secretary.")
                ? OpenAiAnswer.serverError()
                : null);

    Envelope message = send(user, "hello?");
    await().atMost(WAIT).until(() -> deadLettersOf(message).size() == 1);
    await().atMost(WAIT).until(() -> !answersTo(message).isEmpty());

    List<Envelope> answers = answersTo(message);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).type()).isEqualTo(EnvelopeType.ERROR);
    assertThat(answers.get(0).text()).isEqualTo(DeadLetterReplies.APOLOGY);
    assertThat(answers.get(0).chatId()).isEqualTo(chatOf(user));
    // three deliveries, each with the SDK's two retries
    assertThat(llm.requestCount()).isEqualTo(9);
    assertThat(deadLettersOf(message)).hasSize(1);
  }

  @Test
  void redeliveredEnvelopeIsAnsweredOnceWithoutAskingTheModelAgain() {
    long user = newUser("Ida", "UTC", "You are Ida's secretary.");
    Envelope message = send(user, "hello");
    awaitAnswer(message);
    awaitProcessed();

    // as if the instance had died after its answer, before acknowledging
    userMessages.handle(message);

    assertThat(answersTo(message)).hasSize(1);
    assertThat(llm.requests()).hasSize(1);
    assertThat(rest.messages(user)).hasSize(2);
  }

  @Test
  void aTurnRemembersItsStepsInTheWritesTheyRecord() {
    long user = newUser("Jo", "UTC", "You are Jo's secretary.");
    RedisStandaloneConfiguration server =
        ((LettuceConnectionFactory) redis.getConnectionFactory()).getStandaloneConfiguration();
    try (RedisMonitor monitor =
        RedisMonitor.start(
            server.getHostName(),
            server.getPort(),
            server.getPassword().map(String::new).orElse(null))) {
      Envelope message = send(user, "hello");
      awaitAnswer(message);
      awaitProcessed();

      String turn = "assistant:turn:" + message.id();
      List<RedisMonitor.Command> sentNamingTheTurn =
          monitor.until(redis::hasKey).stream()
              .filter(command -> !command.fromScript())
              .filter(command -> command.mentions(turn))
              .toList();
      // no round trip of their own: the answer goes with the reply's outbox entry, the stored
      // mark with the conversation window, each in one script
      assertThat(sentNamingTheTurn)
          .isNotEmpty()
          .allSatisfy(command -> assertThat(command.name()).startsWith("EVAL"));
      assertThat(sentNamingTheTurn)
          .anySatisfy(
              command -> assertThat(command.words()).contains(turn + ":answer", Streams.OUTBOX))
          .anySatisfy(
              command ->
                  assertThat(command.words())
                      .contains(turn + ":stored", "assistant:conversation:" + user));
    }
  }

  @Test
  void anAnswerWhoseReplyDidNotGoOutIsNotRemembered() {
    long user = newUser("Kim", "UTC", "You are Kim's secretary.");
    Envelope message =
        Envelope.of(EnvelopeType.USER_MESSAGE, user, chatOf(user), "hello", "test", NOW);
    llm.enqueue(OpenAiAnswer.text("First answer."), OpenAiAnswer.text("Second answer."));
    // the reply's entry cannot be added: its idempotency key holds a hash, on which the publish
    // script fails (as it would with Redis gone between the model's answer and the reply)
    String replyKey = Streams.OUTBOX + ":once:reply:" + message.id();
    redis.opsForHash().put(replyKey, "not", "an entry id");
    try {
      assertThatThrownBy(() -> userMessages.handle(message)).isInstanceOf(RuntimeException.class);
      assertThat(answersTo(message)).isEmpty();
      assertThat(redis.hasKey("assistant:turn:" + message.id() + ":answer")).isFalse();
    } finally {
      redis.delete(replyKey);
    }

    // handled again (the consumer's retry): the model is asked again, and what the user is sent
    // is what the conversation keeps
    userMessages.handle(message);

    assertThat(llm.requests()).hasSize(2);
    assertThat(answersTo(message)).extracting(Envelope::text).containsExactly("Second answer.");
    assertThat(rest.messages(user))
        .extracting(MessageDto::content)
        .containsExactly("hello", "Second answer.");
    assertThat(redis.opsForValue().get("assistant:turn:" + message.id() + ":answer"))
        .isEqualTo("Second answer.");
  }

  @Test
  void aMessageOnItsFirstDeliveryLooksUpNoEarlierTurn() {
    long user = newUser("Ida", "UTC", "You are Ida's secretary.");
    Envelope message =
        Envelope.of(EnvelopeType.USER_MESSAGE, user, chatOf(user), "hello", "test", NOW);
    // what an earlier attempt would have left: a message read as new had none, so its turn does
    // not look (it would answer "not asked" and store nothing)
    redis.opsForValue().set("assistant:turn:" + message.id() + ":answer", "not asked");
    redis.opsForValue().set("assistant:turn:" + message.id() + ":stored", "done");
    publisher.publish(message);

    assertThat(awaitAnswer(message).text()).isEqualTo("You said: hello");
    awaitProcessed();
    assertThat(llm.requests()).hasSize(1);
    assertThat(rest.messages(user)).hasSize(2);
    // remembered for a later delivery, which does look (redelivered… above)
    assertThat(redis.opsForValue().get("assistant:turn:" + message.id() + ":answer"))
        .isEqualTo("You said: hello");
  }

  @Test
  void theReplyIsOutBeforeTheTurnsHistoryIsStored() {
    long user = newUser("Hal", "UTC", "You are Hal's secretary.");
    rest.holdHistoryAppends();
    Envelope message;
    try {
      message = send(user, "quick, please");

      // answered while its history append is still held
      assertThat(awaitAnswer(message).text()).isEqualTo("You said: quick, please");
      assertThat(rest.messages(user)).isEmpty();
    } finally {
      rest.releaseHistoryAppends();
    }

    awaitProcessed();
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MessageRole.USER, "quick, please"),
            org.assertj.core.groups.Tuple.tuple(MessageRole.ASSISTANT, "You said: quick, please"));
    assertThat(answersTo(message)).hasSize(1);
  }

  @Test
  void unknownUserIsAskedToStart() {
    long user = userIds.incrementAndGet();

    Envelope answer = awaitAnswer(send(user, "hi"));

    assertThat(answer.type()).isEqualTo(EnvelopeType.ERROR);
    assertThat(answer.text()).isEqualTo(UserMessageHandler.UNKNOWN_USER);
    assertThat(llm.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- reminders
  // (reminders/ReminderAnnouncer)

  @Test
  void reminderIsToldInTheSecretarysVoiceAndJoinsTheConversation() {
    long user = newUser("Jon", "Europe/Paris", "You are Jon's secretary.");
    llm.enqueue(OpenAiAnswer.text("Jon, time to call your mum!"));

    Envelope notice = awaitAnswer(sendReminder(user, "call mum"));

    assertThat(notice.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(notice.text()).isEqualTo("Jon, time to call your mum!");
    assertThat(llm.lastRequest().systemPrompt()).startsWith("You are Jon's secretary.");
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MessageRole.ASSISTANT, "Jon, time to call your mum!"));
  }

  @Test
  void reminderIsDeliveredAsWrittenWhenTheModelFails() {
    long user = newUser("Kim", "UTC", "You are Kim's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());

    Envelope notice = awaitAnswer(sendReminder(user, "water the plants"));

    assertThat(notice.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(notice.text()).isEqualTo("⏰ Reminder: water the plants");
  }

  // ---------------------------------------------------------------- helpers

  List<MapRecord<String, Object, Object>> deadLettersOf(Envelope message) {
    return redis.opsForStream().range(Streams.dlq(Streams.INBOX), Range.unbounded()).stream()
        .filter(
            record ->
                String.valueOf(record.getValue().get("envelope")).contains(message.id().toString()))
        .toList();
  }

  void setHistoryWindow(int window) {
    rest.setHistoryWindow(window);
    publishChange(ChangeKind.SETTINGS, "global");
    await()
        .atMost(WAIT)
        .until(() -> !Boolean.TRUE.equals(redis.hasKey("assistant:cache:settings:global")));
  }
}
