package org.smartassistant.testsupport.fakes.google;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calendar v3 events as {@link FakeGoogle} keeps them (the JSON Google answers): Google's rules for
 * their start and end, what Google adds when it stores one, and the record a test reads back.
 */
final class GoogleEvents {

  static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GoogleEvents() {}

  /** Google's rules for start/end; stores dateTimes with their offset. Null when valid. */
  static String normaliseTimes(ObjectNode event) {
    JsonNode start = event.get("start");
    JsonNode end = event.get("end");
    if (start == null || !start.isObject()) {
      return "Missing start time.";
    }
    if (end == null || !end.isObject()) {
      return "Missing end time.";
    }
    boolean startIsDate = start.hasNonNull("date");
    boolean endIsDate = end.hasNonNull("date");
    if (startIsDate != endIsDate) {
      return "Start and end times must either both be date or both be dateTime.";
    }
    for (String which : List.of("start", "end")) {
      ObjectNode time = (ObjectNode) event.get(which);
      try {
        if (time.hasNonNull("timeZone")) {
          ZoneId.of(time.get("timeZone").asString());
        }
      } catch (DateTimeException e) {
        return "Invalid time zone definition for " + which + " time.";
      }
      if (startIsDate) {
        try {
          LocalDate.parse(time.get("date").asString());
        } catch (DateTimeParseException e) {
          return "Invalid " + which + " date.";
        }
        continue;
      }
      if (!time.hasNonNull("dateTime")) {
        return "Missing " + which + " time.";
      }
      String text = time.get("dateTime").asString();
      try {
        OffsetDateTime.parse(text);
      } catch (DateTimeParseException withoutOffset) {
        if (!time.hasNonNull("timeZone")) {
          return "Missing time zone definition for " + which + " time.";
        }
        try {
          ZoneId zone = ZoneId.of(time.get("timeZone").asString());
          time.put(
              "dateTime",
              RFC3339.format(LocalDateTime.parse(text).atZone(zone).toOffsetDateTime()));
        } catch (DateTimeParseException e) {
          return "Invalid " + which + " time.";
        }
      }
    }
    FakeGoogleEvent.Time startTime = time(event.get("start"));
    FakeGoogleEvent.Time endTime = time(event.get("end"));
    if (!endTime.instant(ZoneOffset.UTC).isAfter(startTime.instant(ZoneOffset.UTC))) {
      return "The specified time range is empty.";
    }
    return null;
  }

  /**
   * Fills in what Google adds to an event it stores (kind, etag, id unless given, links, times,
   * creator, organizer); {@code counter} is the fake's next number, {@code now} its clock's time.
   */
  static void stamp(String account, ObjectNode event, long counter, Instant clockNow) {
    String given = text(event, "id");
    String id = given != null ? given : "fake" + Long.toString(counter, 32) + "evt";
    String now = RFC3339.format(clockNow.atOffset(ZoneOffset.UTC));
    event.put("kind", "calendar#event");
    event.put("etag", "\"" + counter + "\"");
    event.put("id", id);
    event.put("status", "confirmed");
    event.put(
        "htmlLink",
        "https://www.google.com/calendar/event?eid="
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((id + " " + account).getBytes(StandardCharsets.UTF_8)));
    event.put("created", now);
    event.put("updated", now);
    event.putObject("creator").put("email", account).put("self", true);
    event.putObject("organizer").put("email", account).put("self", true);
    event.put("iCalUID", id + "@google.com");
    event.put("sequence", 0);
    event.put("eventType", "default");
    event.putObject("reminders").put("useDefault", true);
  }

  /** The event as a test reads it back. */
  static FakeGoogleEvent toRecord(String account, ObjectNode event) {
    return new FakeGoogleEvent(
        account,
        text(event, "id"),
        text(event, "summary"),
        text(event, "description"),
        text(event, "location"),
        time(event.get("start")),
        time(event.get("end")),
        JSON.writeValueAsString(event));
  }

  static FakeGoogleEvent.Time time(JsonNode node) {
    String dateTime = text(node, "dateTime");
    String date = text(node, "date");
    return new FakeGoogleEvent.Time(
        dateTime == null ? null : OffsetDateTime.parse(dateTime),
        date == null ? null : LocalDate.parse(date),
        text(node, "timeZone"));
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
