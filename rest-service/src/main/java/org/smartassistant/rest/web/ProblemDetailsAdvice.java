package org.smartassistant.rest.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure of the API to an RFC 9457 problem detail: 400 for bad input (with an {@code
 * errors} list of {@code {field, message}}), 404 for unknown ids, 409 for duplicates and conflicts,
 * 503 when the database cannot be reached. A 500 is left only for real faults of the service.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  /** Which request field a unique or check constraint of the schema protects. */
  private static final Map<String, FieldProblem> CONSTRAINT_FIELDS =
      Map.of(
          "users_telegram_id_key", new FieldProblem("telegramId", "is already registered"),
          "assistants_name_key", new FieldProblem("name", "is already taken by another assistant"),
          "tools_name_key", new FieldProblem("name", "is already taken by another tool"),
          "reminder_runs_reminder_scheduled_key",
              new FieldProblem("scheduledFor", "has already been recorded for this reminder"),
          "user_secretaries_one_active_idx",
              new FieldProblem(
                  "assistantId", "was changed concurrently: the user already has an active one"));

  static final String ERRORS = "errors";

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Object> invalidInput(InvalidInputException e, WebRequest request) {
    return badRequest(e, "invalid input: " + e.getMessage(), e.problems(), request);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
    String constraint = constraintName(e);
    String sqlState = sqlState(e);
    FieldProblem field = constraint == null ? null : CONSTRAINT_FIELDS.get(constraint);
    if ("23514".equals(sqlState) || "22001".equals(sqlState) || "22P02".equals(sqlState)) {
      // a check the API validation should have caught first: still the caller's input
      log.warn("database refused input that passed validation: {}", constraint, e);
      return badRequest(
          e,
          "invalid input refused by the database",
          List.of(new FieldProblem(constraint == null ? "body" : constraint, "is not valid")),
          request);
    }
    String detail =
        field != null
            ? field.field() + " " + field.message()
            : "23503".equals(sqlState)
                ? "the change conflicts with data that refers to it or that it refers to"
                : "the change conflicts with existing data";
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    if (field != null) {
      body.setProperty(ERRORS, List.of(field));
    }
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  @ExceptionHandler(ConcurrencyFailureException.class)
  ResponseEntity<Object> concurrency(ConcurrencyFailureException e, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "the data was changed concurrently; retry the request");
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  @ExceptionHandler({
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessResourceException.class,
    QueryTimeoutException.class,
    RecoverableDataAccessException.class
  })
  ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
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
    if (lostDatabaseConnection(e)) {
      // e.g. the connection broke mid-transaction and the rollback failed too
      return databaseUnavailable(e, request);
    }
    log.error("unexpected failure of {}", request.getDescription(false), e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred");
    return handleExceptionInternal(
        e, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ObjectError error : e.getBindingResult().getAllErrors()) {
      problems.add(toProblem(error));
    }
    return badRequest(e, "invalid input: " + summary(problems), problems, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      if (result instanceof ParameterErrors errors) {
        errors.getAllErrors().forEach(error -> problems.add(toProblem(error)));
      } else {
        String name = result.getMethodParameter().getParameterName();
        result
            .getResolvableErrors()
            .forEach(error -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
      }
    }
    return badRequest(e, "invalid input: " + summary(problems), problems, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    FieldProblem problem = new FieldProblem(name, expected(e.getRequiredType()));
    return badRequest(e, "invalid input: " + summary(List.of(problem)), List.of(problem), request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    FieldProblem problem = new FieldProblem(e.getParameterName(), "is required");
    return badRequest(e, "invalid input: " + summary(List.of(problem)), List.of(problem), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    JacksonException json = find(e, JacksonException.class);
    if (json == null) {
      return badRequest(e, "the request body is missing or unreadable", List.of(), request);
    }
    String path = path(json);
    FieldProblem problem;
    if (json instanceof UnrecognizedPropertyException unknown) {
      problem = new FieldProblem(orBody(path, unknown.getPropertyName()), "is not a known field");
    } else if (json instanceof InvalidFormatException format) {
      problem = new FieldProblem(orBody(path, null), expected(format.getTargetType()));
    } else if (json instanceof MismatchedInputException mismatch) {
      problem = new FieldProblem(orBody(path, null), expected(mismatch.getTargetType()));
    } else if (json instanceof StreamReadException syntax) {
      String at =
          syntax.getLocation() == null
              ? ""
              : " at line "
                  + syntax.getLocation().getLineNr()
                  + ", column "
                  + syntax.getLocation().getColumnNr();
      problem = new FieldProblem(orBody(path, currentName(syntax)), "is not well-formed JSON" + at);
    } else {
      problem =
          new FieldProblem(orBody(path, null), "could not be read: " + json.getOriginalMessage());
    }
    return badRequest(
        e, "malformed request body: " + summary(List.of(problem)), List.of(problem), request);
  }

  private ResponseEntity<Object> badRequest(
      Exception e, String detail, List<FieldProblem> problems, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    body.setProperty(ERRORS, problems);
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  private static FieldProblem toProblem(ObjectError error) {
    String field =
        error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
    return new FieldProblem(field, error.getDefaultMessage());
  }

  private static String summary(List<FieldProblem> problems) {
    return problems.stream()
        .map(problem -> problem.field() + " " + problem.message())
        .collect(Collectors.joining("; "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type.isEnum()) {
      return "must be one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
              .toList();
    }
    String name =
        switch (type.getSimpleName()) {
          case "Long", "long", "Integer", "int", "Short", "short" -> "an integer";
          case "Double", "double", "Float", "float", "BigDecimal" -> "a number";
          case "Boolean", "boolean" -> "true or false";
          case "String" -> "a string";
          case "UUID" -> "a UUID";
          case "Instant" -> "an ISO-8601 UTC timestamp such as 2026-01-31T09:00:00Z";
          default -> type.getSimpleName().startsWith("List") ? "an array" : "a JSON object";
        };
    return "must be " + name;
  }

  /** The JSON path of the offending value, e.g. {@code items[2].name}, or null. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  private static String currentName(StreamReadException e) {
    try {
      JsonParser parser = e.processor();
      if (parser != null && parser.streamReadContext() != null) {
        return parser.streamReadContext().currentName();
      }
    } catch (RuntimeException ignored) {
      // the parser may be closed already; the location is then all we can give
    }
    return null;
  }

  private static String orBody(String path, String fallback) {
    if (path != null) {
      return path;
    }
    return fallback != null ? fallback : "body";
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String constraintName(Throwable e) {
    var hibernate = find(e, org.hibernate.exception.ConstraintViolationException.class);
    if (hibernate != null && hibernate.getConstraintName() != null) {
      return hibernate.getConstraintName();
    }
    // plain JDBC (JdbcTemplate): PostgreSQL names the constraint in the message
    SQLException sql = find(e, SQLException.class);
    if (sql != null && sql.getMessage() != null) {
      for (String name : CONSTRAINT_FIELDS.keySet()) {
        if (sql.getMessage().contains("\"" + name + "\"")) {
          return name;
        }
      }
    }
    return null;
  }

  /**
   * True when a failure comes from a broken or refused database connection (SQL state class 08, or
   * 57P: the server is shutting down or not accepting connections).
   */
  private static boolean lostDatabaseConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLRecoverableException
          || t instanceof org.hibernate.exception.JDBCConnectionException
          // begin/commit/rollback failing on the connection: it broke under the transaction
          || t instanceof org.hibernate.TransactionException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().contains("onnection is closed")) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (lostDatabaseConnection(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String sqlState(Throwable e) {
    SQLException sql = find(e, SQLException.class);
    return sql == null ? null : sql.getSQLState();
  }
}
