package org.smartassistant.common.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the fixed RFC 9457 answers of the security filter chain. Nothing of the request is echoed:
 * the answer is the same whatever the caller sent.
 */
final class ProblemResponses {

  private ProblemResponses() {}

  static void write(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + status.getReasonPhrase()
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + detail
                + "\"}");
    response.flushBuffer();
  }
}
