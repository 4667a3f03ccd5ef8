package org.smartassistant.common.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * The problem-details vocabulary every service's API speaks (RFC 9457): bad input is a 400 whose
 * {@code errors} list names each offending field with what is wrong ({@link FieldProblem}), in the
 * same words everywhere: malformed JSON, a value of the wrong type, a missing parameter, a failed
 * validation, an {@link InvalidInputException}. Unknown routes (404), wrong methods (405) and media
 * types (415) are Spring's own answers. A service's {@code @RestControllerAdvice} extends this and
 * adds only the mappings of its own exceptions.
 */
public abstract class ProblemDetailsBase extends ResponseEntityExceptionHandler {

  /** The property listing the offending fields. */
  public static final String ERRORS = "errors";

  @ExceptionHandler(InvalidInputException.class)
  protected ResponseEntity<Object> invalidInput(InvalidInputException e, WebRequest request) {
    return badRequest(e, "invalid input: " + e.getMessage(), e.problems(), request);
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
    return invalid(e, problems, request);
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
    return invalid(e, problems, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    return invalid(e, List.of(new FieldProblem(name, expected(e.getRequiredType()))), request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalid(e, List.of(new FieldProblem(e.getParameterName(), "is required")), request);
  }

  /** Malformed JSON, or a field of the wrong type: the field is named when Jackson knows it. */
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
        e,
        "malformed request body: " + FieldProblem.summary(List.of(problem)),
        List.of(problem),
        request);
  }

  /** 400 with {@code detail} and the {@code errors} list. */
  protected ResponseEntity<Object> badRequest(
      Exception e, String detail, List<FieldProblem> problems, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    body.setProperty(ERRORS, problems);
    return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  /** A problem detail of the status with {@code detail}, nothing more. */
  protected ResponseEntity<Object> problem(
      Exception e, HttpStatus status, String detail, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    return handleExceptionInternal(e, body, new HttpHeaders(), status, request);
  }

  private ResponseEntity<Object> invalid(
      Exception e, List<FieldProblem> problems, WebRequest request) {
    return badRequest(e, "invalid input: " + FieldProblem.summary(problems), problems, request);
  }

  private static FieldProblem toProblem(ObjectError error) {
    String field =
        error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
    return new FieldProblem(field, error.getDefaultMessage());
  }

  /** What a value of the type must look like, e.g. {@code must be an integer}. */
  static String expected(Class<?> type) {
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
}
