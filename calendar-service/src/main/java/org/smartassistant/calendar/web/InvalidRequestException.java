package org.smartassistant.calendar.web;

import java.util.List;
import java.util.stream.Collectors;

/** Input that is well-formed but breaks a rule; answered with 400 naming the fields. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(
        problems.stream()
            .map(problem -> problem.field() + " " + problem.message())
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
