package org.smartassistant.rest.web;

import java.util.ArrayList;
import java.util.List;
import org.smartassistant.common.web.FieldProblem;
import org.smartassistant.common.web.InvalidInputException;

/** Collects the domain problems of one request so that all of them are reported at once. */
public final class FieldErrors {

  private final List<FieldProblem> problems = new ArrayList<>();

  public FieldErrors reject(String field, String message) {
    problems.add(new FieldProblem(field, message));
    return this;
  }

  public boolean has(String field) {
    return problems.stream().anyMatch(problem -> problem.field().equals(field));
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
