package org.smartassistant.assistant.tools.reminders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rest-service's answer to a refused reminder as a sentence for the model: a bad schedule is judged
 * by rest-service, which owns reminders, and its words reach the model here.
 */
final class RestProblems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RestProblems() {}

  /** rest-service's field names as the model knows them from this tool's parameters. */
  private static final Map<String, String> FIELDS =
      Map.of("cronExpression", "the schedule ('cron')", "triggerAt", "the time");

  /**
   * The problem detail's field errors (fields named as the tool's parameters) or its detail, of a
   * 400 or 409 from rest-service.
   */
  static String problemOf(HttpClientErrorException e) {
    try {
      JsonNode problem = JSON.readTree(e.getResponseBodyAsString());
      List<String> errors = new ArrayList<>();
      JsonNode fieldErrors = problem.path("errors");
      for (JsonNode error : fieldErrors) {
        String field = error.path("field").asString("");
        errors.add(FIELDS.getOrDefault(field, field) + " " + error.path("message").asString(""));
      }
      if (!errors.isEmpty()) {
        return String.join("; ", errors).strip() + ".";
      }
      String detail = problem.path("detail").asString("");
      if (!detail.isBlank()) {
        return detail;
      }
    } catch (JacksonException | IllegalArgumentException unreadable) {
      // fall through to the status line
    }
    return e.getStatusText();
  }
}
