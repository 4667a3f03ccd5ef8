package org.smartassistant.calendar.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.credentials.CalendarNotConnectedException;
import org.smartassistant.calendar.credentials.ReauthorizationRequiredException;
import org.smartassistant.calendar.google.EventRejectedException;
import org.smartassistant.calendar.google.GoogleCallFailedException;
import org.smartassistant.calendar.google.GoogleNotConfiguredException;
import org.smartassistant.calendar.oauth.CalendarOwnerNotFoundException;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.web.ProblemDetailsBase;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * calendar-service's answers on top of the shared vocabulary ({@link ProblemDetailsBase}: 400
 * naming the fields in {@code errors}). Answers the caller acts on carry a machine-readable {@code
 * code} ({@link CalendarErrorCode}).
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ProblemDetailsBase {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(GoogleNotConfiguredException.class)
  ProblemDetail notConfigured(GoogleNotConfiguredException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE, "Google Calendar is not configured", e.getMessage());
    problem.setProperty(CalendarErrorCode.PROPERTY, CalendarErrorCode.NOT_CONFIGURED.wireName());
    return problem;
  }

  @ExceptionHandler(CalendarNotConnectedException.class)
  ProblemDetail notConnected(CalendarNotConnectedException e) {
    ProblemDetail problem =
        problem(HttpStatus.CONFLICT, "Google Calendar not connected", e.getMessage());
    problem.setProperty(CalendarErrorCode.PROPERTY, CalendarErrorCode.NOT_CONNECTED.wireName());
    return problem;
  }

  @ExceptionHandler(ReauthorizationRequiredException.class)
  ProblemDetail reauthorize(ReauthorizationRequiredException e) {
    ProblemDetail problem =
        problem(HttpStatus.UNAUTHORIZED, "Google Calendar must be connected again", e.getMessage());
    problem.setProperty(CalendarErrorCode.PROPERTY, CalendarErrorCode.REAUTHORIZE.wireName());
    return problem;
  }

  @ExceptionHandler(CalendarOwnerNotFoundException.class)
  ProblemDetail unknownUser(CalendarOwnerNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown user", e.getMessage());
  }

  @ExceptionHandler(EventRejectedException.class)
  ProblemDetail eventRejected(EventRejectedException e) {
    return problem(HttpStatus.BAD_REQUEST, "Google refused the event", e.getMessage());
  }

  @ExceptionHandler(GoogleCallFailedException.class)
  ProblemDetail googleFailed(GoogleCallFailedException e) {
    // Google's own text stays in the log: an answer never carries an upstream's error text
    log.warn("Google call failed: {}", e.getMessage());
    return problem(
        HttpStatus.BAD_GATEWAY,
        "Google Calendar failed",
        "Google Calendar could not be reached or answered with an error; try again later");
  }

  /** rest-service, where the tokens are kept, failed or could not be reached. */
  @ExceptionHandler(RestClientException.class)
  ProblemDetail restServiceFailed(RestClientException e) {
    boolean unavailable =
        e instanceof ResourceAccessException
            || (e instanceof RestClientResponseException response
                && response.getStatusCode().is5xxServerError());
    log.warn("call to rest-service failed: {}", e.getMessage());
    return unavailable
        ? problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "rest-service is unavailable",
            "the stored calendar credentials could not be read or written; try again later")
        : problem(
            HttpStatus.BAD_GATEWAY,
            "rest-service refused a call",
            "rest-service refused to read or write the stored calendar credentials");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
