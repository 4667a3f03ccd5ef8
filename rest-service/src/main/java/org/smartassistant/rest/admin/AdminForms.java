package org.smartassistant.rest.admin;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every form of the UI does with a POST: check the request record the way the API does
 * ({@code @Valid}), run the action through the same service as the API, and redirect with a notice
 * or with the sentence the API would have answered (post-redirect-get).
 */
@Component
class AdminForms {

  private final Validator validator;

  AdminForms(Validator validator) {
    this.validator = validator;
  }

  /** Runs the action when the request is valid; redirects to {@code target} either way. */
  String submit(
      RedirectAttributes flash, String target, String done, Object request, Runnable action) {
    if (request != null) {
      Set<ConstraintViolation<Object>> violations = validator.validate(request);
      if (!violations.isEmpty()) {
        flash.addFlashAttribute(
            "problem",
            violations.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
        return "redirect:" + target;
      }
    }
    try {
      action.run();
      flash.addFlashAttribute("notice", done);
    } catch (InvalidInputException | ConflictException | NotFoundException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + target;
  }

  /** A text field of a form: blank is "not given". */
  static String given(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
