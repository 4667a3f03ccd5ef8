package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How {@link FakeGoogle}'s Calendar API answers: a JSON body, or Google's JSON error format. */
final class GoogleApiAnswers {

  /** A status with its body, or with the message of an error when the body is null. */
  record ApiAnswer(int status, ObjectNode body, String error) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GoogleApiAnswers() {}

  static void send(HttpExchange exchange, ApiAnswer answer) {
    if (answer.body() != null) {
      FakeHttpServer.respond(
          exchange,
          answer.status(),
          "application/json; charset=UTF-8",
          JSON.writeValueAsBytes(answer.body()));
    } else if (answer.status() == 401) {
      apiError(
          exchange,
          401,
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential.",
          "authError",
          "UNAUTHENTICATED",
          Map.of(
              "WWW-Authenticate",
              "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""));
    } else if (answer.status() == 403) {
      apiError(
          exchange, 403, answer.error(), "insufficientPermissions", "PERMISSION_DENIED", Map.of());
    } else if (answer.status() == 404) {
      apiError(exchange, 404, answer.error(), "notFound", "NOT_FOUND", Map.of());
    } else if (answer.status() == 409) {
      apiError(exchange, 409, answer.error(), "duplicate", "ALREADY_EXISTS", Map.of());
    } else {
      apiError(
          exchange, answer.status(), answer.error(), "badRequest", "INVALID_ARGUMENT", Map.of());
    }
  }

  /** Google's JSON error format of the Calendar API. */
  static void apiError(
      HttpExchange exchange,
      int status,
      String message,
      String reason,
      String statusName,
      Map<String, String> headers) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", status);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", status == 401 ? "Invalid Credentials" : message);
    detail.put("domain", "global");
    detail.put("reason", reason);
    error.put("status", statusName);
    FakeHttpServer.respond(
        exchange, status, "application/json; charset=UTF-8", JSON.writeValueAsBytes(body), headers);
  }
}
