package org.smartassistant.rest.admin;

import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** Errors of the UI's pages as a page (the API's problem details are for programs). */
@ControllerAdvice(basePackageClasses = AdminErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminErrors {

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  ModelAndView notFound(NotFoundException e) {
    return new ModelAndView("admin/error").addObject("message", e.getMessage());
  }

  @ExceptionHandler({
    InvalidInputException.class,
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ModelAndView badRequest(Exception e) {
    return new ModelAndView("admin/error").addObject("message", e.getMessage());
  }
}
