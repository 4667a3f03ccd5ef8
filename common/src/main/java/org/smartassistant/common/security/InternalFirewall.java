package org.smartassistant.common.security;

import java.util.Locale;
import java.util.Set;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} (it refuses {@code ;}, encoded {@code /} and {@code
 * %}, {@code \}, {@code .} and {@code ..} segments, {@code //}...) that also refuses a path with a
 * percent-encoded unreserved character ({@code %61} for {@code a}, {@code %2D} for {@code -}, in
 * either case): nobody needs to encode those, and a path is matched only in one spelling.
 */
public final class InternalFirewall {

  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private InternalFirewall() {}

  public static StrictHttpFirewall create() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    Set<String> blocklist = firewall.getEncodedUrlBlocklist();
    for (char c : UNRESERVED.toCharArray()) {
      String upper = String.format(Locale.ROOT, "%%%02X", (int) c);
      blocklist.add(upper);
      blocklist.add(upper.toLowerCase(Locale.ROOT));
      // mixed case, e.g. %4a and %6A
      blocklist.add("%" + upper.charAt(1) + Character.toLowerCase(upper.charAt(2)));
    }
    return firewall;
  }
}
