package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

/**
 * Walks every endpoint that takes a body with malformed JSON, wrong types, missing required fields
 * and unknown fields: each answer is a 400 problem detail naming the field, never a 500, and
 * nothing is written.
 */
class MalformedInputTest extends RestServiceTest {

  /** An endpoint with a body: its required fields, and fields with a value of the wrong type. */
  record Endpoint(
      String method, String path, List<String> required, Map<String, Object> wrongTypes) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Endpoint> endpoints;

  @BeforeEach
  void endpoints() {
    long user = newUser();
    UUID assistant = newAssistant(true);
    UUID tool = newTool();
    String reminder =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", user,
                    "type", "recurring",
                    "cronExpression", "0 9 * * *",
                    "text", "x"))
            .text("id");
    endpoints =
        List.of(
            new Endpoint(
                "POST",
                "/api/users",
                List.of("telegramId"),
                Map.of("telegramId", "12", "username", 42, "firstName", List.of("a"))),
            new Endpoint(
                "PATCH",
                "/api/users/" + user,
                List.of(),
                Map.of("timezone", 5, "status", Map.of("a", 1))),
            new Endpoint(
                "PUT",
                "/api/users/" + user + "/secretary",
                List.of("assistantId"),
                Map.of("assistantId", 42)),
            new Endpoint(
                "POST",
                "/api/assistants",
                List.of("name"),
                Map.of("temperature", "hot", "isSecretary", "yes", "provider", 1)),
            new Endpoint(
                "PATCH",
                "/api/assistants/" + assistant,
                List.of(),
                Map.of("isActive", "no", "temperature", true)),
            new Endpoint(
                "POST",
                "/api/tools",
                List.of("name", "type"),
                Map.of("type", 5, "subAssistantId", "not-a-uuid")),
            new Endpoint(
                "PATCH", "/api/tools/" + tool, List.of(), Map.of("isActive", 1, "name", false)),
            new Endpoint(
                "POST",
                "/api/reminders",
                List.of("userId", "type", "text"),
                Map.of("userId", "x", "triggerAt", "tomorrow", "type", "daily")),
            new Endpoint(
                "PATCH",
                "/api/reminders/" + reminder,
                List.of(),
                Map.of("status", 7, "triggerAt", "soon", "text", 3)),
            new Endpoint(
                "POST",
                "/api/reminders/" + reminder + "/runs",
                List.of("scheduledFor", "status"),
                Map.of("scheduledFor", true, "status", "ok")),
            new Endpoint(
                "PUT",
                "/api/users/" + user + "/calendar-credentials",
                List.of("accessToken"),
                Map.of("expiresAt", "never", "accessToken", 12)),
            new Endpoint(
                "POST",
                "/api/users/" + user + "/messages",
                List.of("role", "content"),
                Map.of("content", 12, "role", "narrator")),
            new Endpoint(
                "PATCH",
                "/api/settings",
                List.of(),
                Map.of("historyWindow", "ten", "defaultSecretaryId", 5)));
  }

  @Test
  void malformedJsonIsA400ProblemEverywhere() {
    Map<String, Long> before = rowCounts();
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      for (String body : List.of("{\"a\": ", "{not json}", "", "[]", "\"text\"", "{} {}")) {
        Api.Response response = api().send(endpoint.method(), endpoint.path(), body);
        soft.assertThat(response.status())
            .as(endpoint + " with " + body + ": " + response)
            .isEqualTo(400);
        soft.assertThat(response.isProblem()).as(endpoint + " content type").isTrue();
      }
    }
    soft.assertAll();
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void wrongTypesAreA400NamingTheField() {
    Map<String, Long> before = rowCounts();
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      endpoint
          .wrongTypes()
          .forEach(
              (field, value) -> {
                Api.Response response =
                    api().send(endpoint.method(), endpoint.path(), Api.json(field, value));
                soft.assertThat(response.status())
                    .as(endpoint + " with " + field + "=" + value + ": " + response)
                    .isEqualTo(400);
                soft.assertThat(response.errorFields())
                    .as(endpoint + " " + field)
                    .containsExactly(field);
              });
    }
    soft.assertAll();
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void missingRequiredFieldsAreA400NamingEachField() {
    Map<String, Long> before = rowCounts();
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.required().isEmpty()) {
        continue;
      }
      Api.Response response = api().send(endpoint.method(), endpoint.path(), "{}");
      soft.assertThat(response.status()).as(endpoint + ": " + response).isEqualTo(400);
      soft.assertThat(response.errorFields())
          .as(endpoint.toString())
          .containsExactlyInAnyOrderElementsOf(endpoint.required());
      Api.Response nulls =
          api()
              .send(
                  endpoint.method(),
                  endpoint.path(),
                  "{"
                      + String.join(
                          ", ",
                          endpoint.required().stream().map(f -> "\"" + f + "\": null").toList())
                      + "}");
      soft.assertThat(nulls.status()).as(endpoint + " with nulls: " + nulls).isEqualTo(400);
      soft.assertThat(nulls.errorFields())
          .as(endpoint + " with nulls")
          .containsExactlyInAnyOrderElementsOf(endpoint.required());
    }
    soft.assertAll();
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void unknownFieldsAreA400NamingTheField() {
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      Api.Response response =
          api().send(endpoint.method(), endpoint.path(), Api.json("favouriteColour", "blue"));
      soft.assertThat(response.status()).as(endpoint + ": " + response).isEqualTo(400);
      soft.assertThat(response.errorFields())
          .as(endpoint.toString())
          .containsExactly("favouriteColour");
    }
    soft.assertAll();
  }

  @Test
  void wrongTypesInPathsAndQueriesAreA400NamingTheParameter() {
    SoftAssertions soft = new SoftAssertions();
    Map<String, String> cases =
        Map.of(
            "/api/users/abc", "id",
            "/api/users/by-telegram/1.5", "telegramId",
            "/api/tools/123", "id",
            "/api/reminders?userId=me", "userId",
            "/api/reminders?type=weekly", "type",
            "/api/assistants?isActive=maybe", "isActive",
            "/api/users/1/messages?limit=lots", "limit",
            "/api/reminders?page=first", "page");
    cases.forEach(
        (path, parameter) -> {
          Api.Response response = api().get(path);
          soft.assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
          soft.assertThat(response.errorFields()).as(path).containsExactly(parameter);
        });
    soft.assertAll();
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWithoutA500() {
    Api.Response response = api().send("POST", "/api/users", null); // no body and no content type

    assertThat(response.status()).isBetween(400, 499);
    assertThat(response.isProblem()).isTrue();
  }

  private Map<String, Long> rowCounts() {
    return Map.of(
        "users", count("users"),
        "assistants", count("assistants"),
        "tools", count("tools"),
        "reminders", count("reminders"),
        "reminder_runs", count("reminder_runs"),
        "messages", count("messages"),
        "calendar_credentials", count("calendar_credentials"),
        "user_secretaries", count("user_secretaries"));
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
