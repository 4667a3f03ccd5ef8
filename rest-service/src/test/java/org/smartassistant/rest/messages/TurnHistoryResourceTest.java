package org.smartassistant.rest.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.AppendTurnsRequest;
import org.smartassistant.common.api.AppendTurnsRequest.Turn;
import org.smartassistant.common.api.AppendTurnsResult;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code POST /api/messages/batch}: several users' turns in one request, each on its own. */
@ExtendWith(OutputCaptureExtension.class)
class TurnHistoryResourceTest extends RestServiceTest {

  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void turnsOfSeveralUsersAreStoredInOneRequestEachOnceUnderItsKey() {
    long ada = newUser();
    long bob = newUser();
    UUID assistant = newAssistant(true);
    Instant at = Instant.parse("2031-05-06T10:00:00Z");
    AppendMessagesRequest adaSaid =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "hello"),
                new AppendMessageRequest(assistant, MessageRole.ASSISTANT, "hi Ada")),
            List.of(
                new RecordUsageRequest(
                    assistant,
                    LlmProvider.OPENAI,
                    "gpt-4o-mini",
                    1,
                    100,
                    10,
                    new BigDecimal("0.0001"),
                    at)));
    AppendMessagesRequest bobSaid =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "hey"),
                new AppendMessageRequest(assistant, MessageRole.ASSISTANT, "hi Bob")));
    AppendTurnsRequest both =
        new AppendTurnsRequest(
            List.of(
                new Turn(ada, "turn-a:history", TRACEPARENT, adaSaid),
                new Turn(bob, "turn-b:history", null, bobSaid)));

    AppendTurnsResult first = client().appendTurns(both);
    AppendTurnsResult again = client().appendTurns(both);

    assertThat(first.turns())
        .extracting(AppendTurnsResult.Outcome::status)
        .containsExactly(201, 201);
    assertThat(again.turns())
        .extracting(AppendTurnsResult.Outcome::status)
        .containsExactly(200, 200);
    assertThat(first.turns()).allMatch(AppendTurnsResult.Outcome::stored);
    assertThat(client().messages(ada, null, null))
        .extracting(MessageDto::content)
        .containsExactly("hello", "hi Ada");
    assertThat(client().messages(bob, null, null))
        .extracting(MessageDto::content)
        .containsExactly("hey", "hi Bob");
    // the keys the one-user request gives its messages: the same rows, not new ones
    List<MessageDto> single = client().appendMessages(ada, "turn-a:history", adaSaid);
    assertThat(single).isEqualTo(client().messages(ada, null, null));
    // the usage went with the turn, once
    LocalDate day = LocalDate.of(2031, 5, 6);
    assertThat(client().usage(ada, day, day).calls()).isEqualTo(1);
    assertThat(client().usage(ada, day, day).promptTokens()).isEqualTo(100);
  }

  @Test
  void eachTurnIsStoredUnderTheTraceOfItsMessage(CapturedOutput output) {
    long ada = newUser();
    long bob = newUser();
    AppendMessagesRequest hello =
        new AppendMessagesRequest(
            List.of(new AppendMessageRequest(null, MessageRole.USER, "hello")));
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    String logger = TurnHistoryResource.class.getName();
    logging.setLogLevel(logger, LogLevel.DEBUG);
    try {
      client()
          .appendTurns(
              new AppendTurnsRequest(
                  List.of(
                      new Turn(ada, "trace-a:history", TRACEPARENT, hello),
                      new Turn(
                          bob,
                          "trace-b:history",
                          "00-1bf7651916cd43dd8448eb211c80319d-c7ad6b7169203332-00",
                          hello))));
    } finally {
      logging.setLogLevel(logger, null);
    }

    // the log line of each turn carries its own trace id (the request's trace is neither)
    assertThat(output.getOut().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("turn of /api/users/" + ada + "/messages/batch")
                    .contains("0af7651916cd43dd8448eb211c80319c"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("turn of /api/users/" + bob + "/messages/batch")
                    .contains("1bf7651916cd43dd8448eb211c80319d"));
  }

  @Test
  void eachTurnHasItsOwnOutcomeAndARefusedOneTakesNothingFromTheOthers() {
    long ada = newUser();
    long bob = newUser();
    long cyd = newUser();
    long dee = newUser();
    AppendMessagesRequest hello =
        new AppendMessagesRequest(
            List.of(new AppendMessageRequest(null, MessageRole.USER, "hello")));
    // bob's key was used for another turn before
    client()
        .appendMessages(
            bob,
            "turn-b:history",
            new AppendMessagesRequest(
                List.of(new AppendMessageRequest(null, MessageRole.USER, "something else"))));
    AppendMessagesRequest namingNoAssistant =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "x"),
                new AppendMessageRequest(UUID.randomUUID(), MessageRole.ASSISTANT, "y")));

    AppendTurnsResult result =
        client()
            .appendTurns(
                new AppendTurnsRequest(
                    List.of(
                        new Turn(ada, "turn-a:history", null, hello),
                        new Turn(99999999, "turn-x:history", null, hello),
                        new Turn(bob, "turn-b:history", null, hello),
                        new Turn(cyd, "turn-c:history", null, namingNoAssistant),
                        new Turn(dee, "turn-d:history", null, hello))));

    assertThat(result.turns())
        .extracting(AppendTurnsResult.Outcome::status)
        .containsExactly(201, 404, 409, 400, 201);
    assertThat(result.turns().get(0).detail()).isNull();
    assertThat(result.turns().get(1).detail()).contains("99999999");
    assertThat(result.turns().get(2).detail()).contains("turn-b:history:0:user");
    assertThat(result.turns().get(3).detail()).contains("messages[1].assistantId");
    assertThat(client().messages(ada, null, null)).hasSize(1);
    assertThat(client().messages(bob, null, null))
        .extracting(MessageDto::content)
        .containsExactly("something else");
    // the refused turn of cyd wrote nothing, not even its first message
    assertThat(client().messages(cyd, null, null)).isEmpty();
    assertThat(client().messages(dee, null, null)).hasSize(1);
  }

  @Test
  void refusesAnEmptyTooLargeOrInvalidBatchAsAWholeAndAsksForTheToken() {
    long ada = newUser();
    String turn =
        "{\"userId\":"
            + ada
            + ",\"idempotencyKey\":\"k\",\"history\":{\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"x\"}]}}";
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= AppendTurnsRequest.MAX_TURNS; i++) {
      many.add(turn);
    }

    Api.Response empty = api().post("/api/messages/batch", "{\"turns\":[]}");
    Api.Response tooMany =
        api().post("/api/messages/batch", "{\"turns\":[" + String.join(",", many) + "]}");
    Api.Response noHistory =
        api().post("/api/messages/batch", "{\"turns\":[{\"userId\":" + ada + "}]}");
    Api.Response badRole =
        api()
            .post(
                "/api/messages/batch",
                "{\"turns\":["
                    + turn
                    + ",{\"userId\":"
                    + ada
                    + ",\"history\":{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}}]}");
    Api.Response noToken =
        api().withToken(null).post("/api/messages/batch", "{\"turns\":[" + turn + "]}");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errorFields()).containsExactly("turns");
    assertThat(tooMany.errorFields()).containsExactly("turns");
    assertThat(noHistory.errorFields()).containsExactly("turns[0].history");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.errorFields()).containsExactly("turns[1].history.messages[0].role");
    assertThat(noToken.status()).isEqualTo(401);
    // a batch refused as a whole stored none of its turns
    assertThat(client().messages(ada, null, null)).isEmpty();
  }
}
