package org.smartassistant.calendar.web;

import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.credentials.CalendarNotConnectedException;
import org.smartassistant.calendar.credentials.ReauthorizationRequiredException;
import org.smartassistant.calendar.google.EventRejectedException;
import org.smartassistant.calendar.google.GoogleCallFailedException;
import org.smartassistant.calendar.google.GoogleNotConfiguredException;
import org.smartassistant.calendar.oauth.CalendarOwnerNotFoundException;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Maps calendar-service's exceptions to RFC 9457 problem details. Answers the caller acts on carry
 * a machine-readable {@code code} ({@link CalendarErrorCode}); invalid input names its fields in
 * {@code errors}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

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

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    problem.setProperty("errors", e.problems());
    return problem;
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

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
            .toList();
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            new InvalidRequestException(problems).getMessage());
    problem.setProperty("errors", problems);
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Malformed JSON, or a field of the wrong type: the field is named when Jackson knows it. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    JacksonException json = findJacksonCause(e);
    String field =
        json == null
            ? null
            : json.getPath().stream()
                .map(JacksonException.Reference::getPropertyName)
                .filter(name -> name != null)
                .collect(Collectors.joining("."));
    ProblemDetail problem;
    if (field == null || field.isEmpty()) {
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "Invalid request",
              "the request body is not a valid JSON document of the expected form");
    } else {
      String message = "has a value of the wrong type or form";
      problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " " + message);
      problem.setProperty("errors", List.of(new FieldProblem(field, message)));
    }
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static JacksonException findJacksonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return null;
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    String message = "is not a valid " + describe(e.getRequiredType()) + ": '" + e.getValue() + "'";
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " " + message);
    problem.setProperty("errors", List.of(new FieldProblem(field, message)));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "value";
    }
    return switch (type.getSimpleName()) {
      case "Instant" -> "ISO-8601 instant (e.g. 2026-11-25T09:00:00Z)";
      case "long", "Long" -> "number";
      default -> type.getSimpleName();
    };
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
