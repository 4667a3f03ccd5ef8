package org.smartassistant.common.web;

import java.util.List;

/**
 * Input that is well-formed but breaks a rule of the domain; answered with 400 naming the fields.
 */
public class InvalidInputException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public InvalidInputException(List<FieldProblem> problems) {
    super(FieldProblem.summary(problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
