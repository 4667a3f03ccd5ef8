package org.smartassistant.rest.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's web UI under {@code /admin} ({@code smart.admin}).
 *
 * @param passwordHash the password of the user {@code admin} as a DelegatingPasswordEncoder value
 *     ({@code {bcrypt}$2a$10$...}); blank turns the UI off
 * @param maxFailures failed logins of one user name before it is locked
 * @param lockDuration how long a locked user name stays locked
 * @param services the base URL of each service whose readiness the overview shows, in order
 */
@ConfigurationProperties("smart.admin")
public record AdminProperties(
    String passwordHash,
    @DefaultValue("5") int maxFailures,
    @DefaultValue("15m") Duration lockDuration,
    Map<String, String> services) {

  public AdminProperties {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("smart.admin.max-failures must be at least 1");
    }
    services = services == null ? Map.of() : new LinkedHashMap<>(services);
  }

  /** Whether the UI is on: a password hash is configured. */
  public boolean enabled() {
    return passwordHash != null && !passwordHash.isBlank();
  }
}
