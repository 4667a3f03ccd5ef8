package org.smartassistant.rest.web;

/**
 * A request that clashes with the current data (duplicate, invalid status transition, still in
 * use); answered with 409.
 */
public class ConflictException extends RuntimeException {

  public ConflictException(String detail) {
    super(detail);
  }
}
