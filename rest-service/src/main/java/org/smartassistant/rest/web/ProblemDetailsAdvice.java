package org.smartassistant.rest.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.web.ProblemDetailsBase;
import org.smartassistant.rest.persistence.DatabaseFailures;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * rest-service's answers on top of the shared vocabulary ({@link ProblemDetailsBase}: 400 naming
 * the fields): 404 for unknown ids, 409 for duplicates and conflicts, 503 when the database cannot
 * be reached. What a refusal of the database means is {@link DatabaseFailures}' to say. A 500 is
 * left only for real faults of the service.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ProblemDetailsBase {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
    return problem(e, HttpStatus.NOT_FOUND, e.getMessage(), request);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
    return problem(e, HttpStatus.CONFLICT, e.getMessage(), request);
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
    DatabaseFailures.Refusal refusal = DatabaseFailures.refusal(e);
    String detail =
        switch (refusal.kind()) {
          case INVALID_INPUT -> {
            // a check the API validation should have caught first: still the caller's input
            log.warn("database refused input that passed validation: {}", refusal.constraint(), e);
            yield null;
          }
          case DUPLICATE -> refusal.problem().field() + " " + refusal.problem().message();
          case REFERENCE -> "the change conflicts with data that refers to it or that it refers to";
          case CONFLICT -> "the change conflicts with existing data";
        };
    if (detail == null) {
      return badRequest(
          e, "invalid input refused by the database", List.of(refusal.problem()), request);
    }
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    if (refusal.problem() != null) {
      body.setProperty(ERRORS, List.of(refusal.problem()));
    }
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  @ExceptionHandler(ConcurrencyFailureException.class)
  ResponseEntity<Object> concurrency(ConcurrencyFailureException e, WebRequest request) {
    return problem(
        e, HttpStatus.CONFLICT, "the data was changed concurrently; retry the request", request);
  }

  private ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
    log.warn("database unavailable: {}", e.getMessage());
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; retry later");
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "5");
    return handleExceptionInternal(e, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    if (DatabaseFailures.unavailable(e)) {
      // no connection or transaction, a timeout, or the connection broke mid-transaction
      return databaseUnavailable(e, request);
    }
    log.error("unexpected failure of {}", request.getDescription(false), e);
    return problem(e, HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred", request);
  }
}
