package org.smartassistant.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code X-Internal-Token} header and its constant-time comparison. */
public final class InternalToken {

  public static final String HEADER = "X-Internal-Token";

  private InternalToken() {}

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
