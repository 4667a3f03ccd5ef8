package org.smartassistant.calendar.web;

/** One offending input field (or query/path parameter) and what is wrong with it. */
public record FieldProblem(String field, String message) {}
