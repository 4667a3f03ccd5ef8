package org.smartassistant.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code X-Internal-Token} header and its constant-time comparison. */
public final class InternalToken {

  public static final String HEADER = "X-Internal-Token";

  private static final String BEARER = "Bearer ";

  private InternalToken() {}

  /**
   * The token of an {@code Authorization: Bearer <token>} header, or null for any other value: the
   * form Prometheus and Alertmanager send ({@code authorization.credentials_file}).
   */
  public static String fromBearer(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).strip();
  }

  /**
   * True when both are present and equal; the comparison takes the same time wherever they differ.
   */
  public static boolean matches(String expected, String presented) {
    if (expected == null || expected.isBlank() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
