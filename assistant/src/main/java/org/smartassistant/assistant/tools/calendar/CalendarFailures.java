package org.smartassistant.assistant.tools.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what calendar-service answered instead of events into a sentence for the model. A user
 * without a usable Google connection gets a fresh consent link to pass on; everything else is
 * explained plainly, so the model never claims an event exists or was created when it was not.
 */
final class CalendarFailures {

  static final String NOT_CONFIGURED =
      "Google Calendar is not set up for this assistant (the operator has not configured the"
          + " Google connection), so calendars cannot be read or changed. Tell the user so.";
  static final String UNREACHABLE =
      "The calendar service cannot be reached right now, so nothing was read or changed. Tell the"
          + " user to try again in a few minutes.";

  private static final Logger log = LoggerFactory.getLogger(CalendarFailures.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CalendarServiceClient calendar;

  CalendarFailures(CalendarServiceClient calendar) {
    this.calendar = calendar;
  }

  /** The sentence for a failed call made for the user. */
  String explain(RestClientException failure, long userId, String whatFailed) {
    if (!(failure instanceof RestClientResponseException answer)) {
      log.warn("calendar-service unreachable for user {}: {}", userId, failure.getMessage());
      return UNREACHABLE;
    }
    Optional<CalendarErrorCode> code = CalendarErrorCode.of(answer);
    if (code.isPresent()) {
      return switch (code.get()) {
        case NOT_CONNECTED ->
            linkOrExplain(
                userId,
                "The user has not connected Google Calendar yet, so "
                    + whatFailed
                    + " is not possible. Ask them to open this link to connect it (it works once,"
                    + " for a few minutes), then to ask again: ");
        case REAUTHORIZE ->
            linkOrExplain(
                userId,
                "Google no longer lets this assistant use the user's calendar (the access was"
                    + " withdrawn or has expired), so "
                    + whatFailed
                    + " is not possible. Ask them to connect Google Calendar again with this link"
                    + " (it works once, for a few minutes), then to ask again: ");
        case NOT_CONFIGURED -> NOT_CONFIGURED;
      };
    }
    int status = answer.getStatusCode().value();
    if (status == 400) {
      return "The calendar refused this: "
          + problemOf(answer)
          + ". Nothing was changed. Correct the request or ask the user.";
    }
    log.warn(
        "calendar-service answered {} for user {}: {}",
        status,
        userId,
        answer.getResponseBodyAsString());
    if (status == 503 || status == 502 || status == 504) {
      return "Google Calendar is not available right now (calendar service answered "
          + status
          + "), so "
          + whatFailed
          + " did not work. Tell the user to try again in a few minutes.";
    }
    return "The calendar service failed (status "
        + status
        + "), so "
        + whatFailed
        + " did not work. Tell the user it failed; do not claim otherwise.";
  }

  private String linkOrExplain(long userId, String sentence) {
    try {
      return sentence + calendar.authUrl(userId).authUrl();
    } catch (RestClientException e) {
      log.warn("no consent link for user {}: {}", userId, e.getMessage());
      return sentence.substring(0, sentence.indexOf(" Ask them"))
          + " A link to connect it cannot be made right now; tell the user to send /calendar"
          + " to get one, or to try again later.";
    }
  }

  /** The problem detail's description and field errors, e.g. "end must be after start". */
  private static String problemOf(RestClientResponseException answer) {
    List<String> parts = new ArrayList<>();
    try {
      JsonNode body = JSON.readTree(answer.getResponseBodyAsString());
      JsonNode errors = body == null ? null : body.get("errors");
      if (errors != null && errors.isArray()) {
        for (JsonNode error : errors) {
          parts.add(error.path("field").asString("") + " " + error.path("message").asString(""));
        }
      }
      // the detail repeats the field errors when there are any
      if (parts.isEmpty() && body != null && body.hasNonNull("detail")) {
        parts.add(body.get("detail").asString());
      }
    } catch (JacksonException e) {
      // not a problem detail; the status says enough
    }
    return parts.isEmpty() ? "invalid request" : String.join("; ", parts);
  }
}
