package org.smartassistant.common.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses calls to the guarded paths that do not carry the right {@code X-Internal-Token}, with a
 * 401 problem detail. Health, metrics and API docs are not guarded.
 */
public class InternalTokenFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(InternalTokenFilter.class);
  private static final AntPathMatcher MATCHER = new AntPathMatcher();

  private final InternalTokenProperties properties;

  public InternalTokenFilter(InternalTokenProperties properties) {
    this.properties = properties;
    if (!properties.configured()) {
      log.warn(
          "INTERNAL_TOKEN is not configured: every call to {} is refused",
          properties.protectedPaths());
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    List<String> guarded = properties.protectedPaths();
    return guarded.stream().noneMatch(pattern -> MATCHER.match(pattern, path));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (InternalToken.matches(properties.token(), request.getHeader(InternalToken.HEADER))) {
      chain.doFilter(request, response);
      return;
    }
    String detail =
        properties.configured()
            ? "missing or wrong " + InternalToken.HEADER + " header"
            : "this service has no internal token configured; all calls are refused";
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail
                + "\",\"instance\":\""
                + request.getRequestURI().replace("\"", "")
                + "\"}");
  }
}
