package org.smartassistant.rest.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import tools.jackson.databind.JsonNode;

class UsageResourceTest extends RestServiceTest {

  @Test
  void addsUpTheUsageOfEachDayAssistantAndModel() {
    long user = newUser();
    UUID secretary = newAssistant(true);
    UUID helper = newAssistant(false);
    String path = "/api/users/" + user + "/usage";

    record(path, secretary, "gpt-4o", 2, 1200, 80, "0.0038", "2026-11-24T08:00:00Z");
    record(path, secretary, "gpt-4o", 1, 300, 20, "0.00095", "2026-11-24T23:59:59Z");
    record(path, helper, "gpt-4o-mini", 1, 500, 50, "0.000105", "2026-11-24T12:00:00Z");
    record(path, secretary, "gpt-4o", 1, 7, 3, "0.00005", "2026-11-25T00:00:00Z");

    Api.Response day = api().get(path + "?from=2026-11-24&to=2026-11-24");

    assertThat(day.status()).as(day.toString()).isEqualTo(200);
    JsonNode usage = day.json();
    assertThat(usage.get("userId").asLong()).isEqualTo(user);
    assertThat(usage.get("calls").asLong()).isEqualTo(4);
    assertThat(usage.get("promptTokens").asLong()).isEqualTo(2000);
    assertThat(usage.get("completionTokens").asLong()).isEqualTo(150);
    assertThat(usage.get("totalTokens").asLong()).isEqualTo(2150);
    assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo("0.004855");
    assertThat(usage.get("lines")).hasSize(2);
    JsonNode line = lineOf(usage, "gpt-4o");
    assertThat(line.get("day").asString()).isEqualTo("2026-11-24");
    assertThat(line.get("assistantId").asString()).isEqualTo(secretary.toString());
    assertThat(line.get("provider").asString()).isEqualTo("openai");
    assertThat(line.get("calls").asLong()).isEqualTo(3);
    assertThat(line.get("promptTokens").asLong()).isEqualTo(1500);
    assertThat(line.get("completionTokens").asLong()).isEqualTo(100);
    assertThat(line.get("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00475"));

    Api.Response twoDays = api().get(path + "?from=2026-11-24&to=2026-11-25");
    assertThat(twoDays.json().get("totalTokens").asLong()).isEqualTo(2160);
    assertThat(twoDays.json().get("lines")).hasSize(3);
    Api.Response nextDay = api().get(path + "?from=2026-11-25&to=2026-11-25");
    assertThat(nextDay.json().get("totalTokens").asLong()).isEqualTo(10);
  }

  @Test
  void everyUsersUsageListsEachUser() {
    long ann = newUser();
    long bob = newUser();
    UUID secretary = newAssistant(true);
    String when = "2031-03-01T10:00:00Z";
    record("/api/users/" + ann + "/usage", secretary, "gpt-4o", 1, 10, 1, "0.1", when);
    record("/api/users/" + bob + "/usage", secretary, "gpt-4o", 1, 20, 2, "0.2", when);

    Api.Response all = api().get("/api/usage?from=2031-03-01&to=2031-03-01");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("userId").isNull()).isTrue();
    assertThat(all.json().get("promptTokens").asLong()).isEqualTo(30);
    assertThat(all.json().get("cost").decimalValue()).isEqualByComparingTo("0.3");
    assertThat(all.json().get("lines").findValuesAsString("userId"))
        .containsExactly(String.valueOf(Math.min(ann, bob)), String.valueOf(Math.max(ann, bob)));
  }

  @Test
  void refusesBadInputAndUnknownUsers() {
    long user = newUser();
    String path = "/api/users/" + user + "/usage";

    Api.Response negative =
        api()
            .post(
                path,
                Api.json(
                    "assistantId",
                    UUID.randomUUID().toString(),
                    "provider",
                    "openai",
                    "model",
                    "gpt-4o",
                    "calls",
                    1,
                    "promptTokens",
                    -1,
                    "completionTokens",
                    1,
                    "cost",
                    0,
                    "at",
                    "2026-11-24T08:00:00Z"));
    Api.Response noModel =
        api()
            .post(
                path,
                Api.json(
                    "assistantId",
                    UUID.randomUUID().toString(),
                    "provider",
                    "openai",
                    "calls",
                    1,
                    "promptTokens",
                    1,
                    "completionTokens",
                    1,
                    "cost",
                    0,
                    "at",
                    "2026-11-24T08:00:00Z"));
    Api.Response backwards = api().get(path + "?from=2026-11-25&to=2026-11-24");
    Api.Response tooLong = api().get(path + "?from=2025-01-01&to=2026-11-24");
    Api.Response notADate = api().get(path + "?from=yesterday");

    assertThat(negative.errorFields()).containsExactly("promptTokens");
    assertThat(noModel.errorFields()).containsExactly("model");
    assertThat(backwards.errorFields()).containsExactly("from");
    assertThat(tooLong.errorFields()).containsExactly("to");
    assertThat(notADate.errorFields()).containsExactly("from");
    assertThat(api().get("/api/users/99999999/usage").status()).isEqualTo(404);
  }

  @Test
  void needsTheInternalToken() {
    long user = newUser();

    assertThat(api().withToken(null).get("/api/users/" + user + "/usage").status()).isEqualTo(401);
    assertThat(api().withToken(null).get("/api/usage").status()).isEqualTo(401);
  }

  private void record(
      String path,
      UUID assistant,
      String model,
      int calls,
      long prompt,
      long completion,
      String cost,
      String at) {
    Api.Response recorded =
        api()
            .post(
                path,
                Api.json(
                    "assistantId", assistant.toString(),
                    "provider", "openai",
                    "model", model,
                    "calls", calls,
                    "promptTokens", prompt,
                    "completionTokens", completion,
                    "cost", new BigDecimal(cost),
                    "at", at));
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(204);
  }

  private static JsonNode lineOf(JsonNode usage, String model) {
    for (JsonNode line : usage.get("lines")) {
      if (model.equals(line.get("model").asString())) {
        return line;
      }
    }
    throw new AssertionError("no line of " + model + " in " + usage);
  }
}
