package org.smartassistant.common.web;

import java.util.List;
import java.util.stream.Collectors;

/** One offending input field (or query/path parameter) and what is wrong with it. */
public record FieldProblem(String field, String message) {

  /** The problems in one line: {@code field message; field message}. */
  public static String summary(List<FieldProblem> problems) {
    return problems.stream()
        .map(problem -> problem.field() + " " + problem.message())
        .collect(Collectors.joining("; "));
  }
}
