package org.smartassistant.rest.web;

/** An id in the request path that names nothing; answered with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what, Object id) {
    super("no " + what + " with id " + id);
  }

  public NotFoundException(String detail) {
    super(detail);
  }
}
