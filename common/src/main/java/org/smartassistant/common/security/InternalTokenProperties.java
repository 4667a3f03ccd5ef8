package org.smartassistant.common.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared secret between the services ({@code INTERNAL_TOKEN}) and the request paths it guards.
 * With no token configured, every guarded path is refused.
 */
@ConfigurationProperties("smart.internal")
public record InternalTokenProperties(String token, List<String> protectedPaths) {

  public InternalTokenProperties {
    protectedPaths =
        protectedPaths == null || protectedPaths.isEmpty()
            ? List.of("/api/**")
            : List.copyOf(protectedPaths);
  }

  public boolean configured() {
    return token != null && !token.isBlank();
  }
}
