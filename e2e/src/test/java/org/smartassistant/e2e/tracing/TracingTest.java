package org.smartassistant.e2e.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace per user message: the trace id tg-bot starts when the Telegram update arrives is in the
 * JSON log lines that tg-bot, the assistant and rest-service write for that message — carried
 * through the inbox and outbox envelopes ({@code traceparent}) and the HTTP calls between them.
 */
class TracingTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final long TELEGRAM_ID = 1188;

  private final Suite suite = Suite.shared();
  private final FakeTelegramBotApi telegram = suite.telegram();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aMessagesTraceIdIsInTheLogsOfTgBotTheAssistantAndRestService() {
    telegram.pushTextMessage(TELEGRAM_ID, "/start", null, "Tracy");
    telegram.awaitSentMessages(TELEGRAM_ID, 1, PATIENCE);
    UserDto user = suite.rest().userByTelegramId(TELEGRAM_ID);
    int before = telegram.sentMessages(TELEGRAM_ID).size();

    telegram.pushTextMessage(TELEGRAM_ID, "follow me through the services");
    telegram.awaitSentMessages(TELEGRAM_ID, before + 1, PATIENCE);

    JsonNode intake =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    last(
                        Service.TG_BOT,
                        line ->
                            line.path("message")
                                .asString("")
                                .matches(
                                    "update \\d+ of chat "
                                        + TELEGRAM_ID
                                        + " is in the inbox as .*")),
                found -> found != null);
    String traceId = traceIdOf(intake);
    assertThat(traceId).as("trace id of the intake line %s", intake).matches("[0-9a-f]{32}");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(linesOf(Service.ASSISTANT, traceId))
                  .as("assistant lines of trace %s", traceId)
                  .anySatisfy(
                      line ->
                          assertThat(line.path("message").asString(""))
                              .startsWith("handled user_message")
                              .contains("assistant:inbox"));
              assertThat(linesOf(Service.REST, traceId))
                  .as("rest-service lines of trace %s", traceId)
                  .anySatisfy(
                      line ->
                          assertThat(line.path("message").asString(""))
                              .contains("/api/users/" + user.id()));
              assertThat(linesOf(Service.TG_BOT, traceId))
                  .as("tg-bot lines of trace %s", traceId)
                  .anySatisfy(
                      line ->
                          assertThat(line.path("message").asString(""))
                              .startsWith("handled reply")
                              .contains("assistant:outbox"));
            });
  }

  /**
   * Redis commands are not observed one by one (a timer and a span each, which nobody reads, about
   * 5 % of the assistant's and tg-bot's CPU): a message's trace goes on through its envelopes and
   * HTTP calls, as the test above shows. Every service has run Redis commands once it is ready (its
   * stream readers, its change events).
   */
  @Test
  void noServiceObservesEachRedisCommand() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (Service service : Service.values()) {
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(suite.baseUrl(service) + "/actuator/prometheus"))
                  .header("X-Internal-Token", suite.internalToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).as("%s /actuator/prometheus", service).isEqualTo(200);
      assertThat(metrics.body()).as("%s metrics", service).contains("jvm_threads_live_threads");
      assertThat(metrics.body()).as("%s metrics", service).doesNotContain("lettuce");
    }
  }

  /** The service's JSON log lines that carry the trace id. */
  private List<JsonNode> linesOf(Service service, String traceId) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode line : lines(service)) {
      if (traceId.equals(traceIdOf(line))) {
        found.add(line);
      }
    }
    return found;
  }

  private JsonNode last(Service service, java.util.function.Predicate<JsonNode> matching) {
    JsonNode last = null;
    for (JsonNode line : lines(service)) {
      if (matching.test(line)) {
        last = line;
      }
    }
    return last;
  }

  private List<JsonNode> lines(Service service) {
    List<JsonNode> lines = new ArrayList<>();
    try {
      for (String text : Files.readAllLines(suite.instance(service).log())) {
        if (text.startsWith("{")) {
          lines.add(json.readTree(text));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  /** The trace id of a log line (Micrometer Tracing's {@code traceId} in the MDC), or null. */
  private static String traceIdOf(JsonNode line) {
    JsonNode id = line.path("traceId");
    if (id.isMissingNode()) {
      id = line.path("trace").path("id");
    }
    return id.isMissingNode() || id.isNull() ? null : id.asString();
  }
}
