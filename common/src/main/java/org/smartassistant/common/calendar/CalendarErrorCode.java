package org.smartassistant.common.calendar;

import java.util.Optional;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable {@code code} of calendar-service's problem details, for the answers a caller
 * acts on rather than reports.
 */
public enum CalendarErrorCode {
  /** 409: the user has not connected a Google calendar; offer an authorisation link. */
  NOT_CONNECTED("not_connected"),
  /** 401: Google revoked the grant (or it lacks the calendar scope); offer a fresh link. */
  REAUTHORIZE("reauthorize"),
  /** 503: calendar-service has no Google OAuth client configured. */
  NOT_CONFIGURED("not_configured");

  /** The name of the problem-detail property that carries the code. */
  public static final String PROPERTY = "code";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String wireName;

  CalendarErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The code for a wire name, if it is one of these. */
  public static Optional<CalendarErrorCode> fromWire(String name) {
    for (CalendarErrorCode code : values()) {
      if (code.wireName.equals(name)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  /** The code carried by an error answer of calendar-service, if it has one. */
  public static Optional<CalendarErrorCode> of(RestClientResponseException error) {
    String body = error.getResponseBodyAsString();
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode code = JSON.readTree(body).get(PROPERTY);
      return code == null || !code.isString() ? Optional.empty() : fromWire(code.asString());
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
