package org.smartassistant.calendar.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.smartassistant.calendar.CalendarProperties;
import org.smartassistant.calendar.google.GoogleHttpConfiguration.GoogleTimeouts;
import org.springframework.stereotype.Component;

/**
 * The user's primary calendar through google-api-services-calendar, at the configured API root.
 * Calls carry a given access token; refreshing it is the caller's business, so a 401 is thrown as
 * {@link AccessTokenRejectedException}.
 */
@Component
public class GoogleCalendarApi {

  private static final String PRIMARY = "primary";
  private static final int PAGE_SIZE = 250;

  private final HttpTransport transport;
  private final JsonFactory jsonFactory;
  private final GoogleTimeouts timeouts;
  private final String apiRoot;

  GoogleCalendarApi(
      HttpTransport transport,
      JsonFactory jsonFactory,
      GoogleTimeouts timeouts,
      CalendarProperties properties) {
    this.transport = transport;
    this.jsonFactory = jsonFactory;
    this.timeouts = timeouts;
    this.apiRoot = properties.google().apiRoot();
  }

  /** Events overlapping {@code [from, to)}, recurring ones expanded, ordered by start. */
  public EventWindow list(String accessToken, Instant from, Instant to, int maxEvents) {
    Calendar calendar = calendar(accessToken);
    List<Event> events = new ArrayList<>();
    String timeZone = null;
    String pageToken = null;
    try {
      do {
        Events page =
            calendar
                .events()
                .list(PRIMARY)
                .setTimeMin(utc(from))
                .setTimeMax(utc(to))
                .setSingleEvents(true)
                .setOrderBy("startTime")
                .setMaxResults(Math.min(PAGE_SIZE, maxEvents))
                .setPageToken(pageToken)
                .execute();
        timeZone = timeZone == null ? page.getTimeZone() : timeZone;
        if (page.getItems() != null) {
          events.addAll(page.getItems());
        }
        pageToken = page.getNextPageToken();
      } while (pageToken != null && events.size() < maxEvents);
    } catch (IOException e) {
      throw translate(e);
    }
    boolean truncated = events.size() > maxEvents || pageToken != null;
    return new EventWindow(
        events.size() > maxEvents ? events.subList(0, maxEvents) : events, timeZone, truncated);
  }

  /**
   * Inserts the event in the primary calendar and returns it as Google stored it. An event that
   * brings its own id is inserted once: when Google answers 409 (the calendar has that id, from an
   * earlier insert of the same event) the stored event is returned.
   */
  public Event insert(String accessToken, Event event) {
    Calendar calendar = calendar(accessToken);
    try {
      return calendar.events().insert(PRIMARY, event).execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 409 || event.getId() == null) {
        throw translate(e);
      }
    } catch (IOException e) {
      throw translate(e);
    }
    try {
      return calendar.events().get(PRIMARY, event.getId()).execute();
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private Calendar calendar(String accessToken) {
    return new Calendar.Builder(
            transport,
            jsonFactory,
            request -> {
              timeouts.initialize(request);
              request.getHeaders().setAuthorization("Bearer " + accessToken);
            })
        .setRootUrl(apiRoot)
        .setApplicationName("smart-assistant-calendar-service")
        .build();
  }

  private static DateTime utc(Instant instant) {
    return new DateTime(Date.from(instant), TimeZone.getTimeZone("UTC"));
  }

  private static RuntimeException translate(IOException e) {
    if (!(e instanceof GoogleJsonResponseException response)) {
      return new GoogleCallFailedException("Google Calendar did not answer: " + e, e);
    }
    GoogleJsonError details = response.getDetails();
    String message = details == null ? response.getStatusMessage() : details.getMessage();
    return switch (response.getStatusCode()) {
      case 401 -> new AccessTokenRejectedException("Google Calendar refused the access token");
      case 403 ->
          insufficientScope(details)
              ? new InsufficientScopeException(
                  "the grant does not include the calendar scope: " + message)
              : new GoogleCallFailedException("Google Calendar answered 403: " + message, e);
      case 400 -> new EventRejectedException(message);
      default ->
          new GoogleCallFailedException(
              "Google Calendar answered " + response.getStatusCode() + ": " + message, e);
    };
  }

  private static boolean insufficientScope(GoogleJsonError details) {
    if (details == null) {
      return false;
    }
    if (details.getErrors() != null
        && details.getErrors().stream()
            .anyMatch(error -> "insufficientPermissions".equals(error.getReason()))) {
      return true;
    }
    return details.getMessage() != null
        && details.getMessage().contains("insufficient authentication scopes");
  }

  /**
   * One window of a calendar.
   *
   * @param timeZone the calendar's own time zone (all-day events are days in it), or null
   * @param truncated whether more events were in the window than were fetched
   */
  public record EventWindow(List<Event> events, String timeZone, boolean truncated) {}
}
