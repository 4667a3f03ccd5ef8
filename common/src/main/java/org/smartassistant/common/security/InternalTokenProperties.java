package org.smartassistant.common.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared secret between the services ({@code INTERNAL_TOKEN}) and the few request paths a
 * service answers without it ({@code smart.internal.public-paths}, exact paths). Every other path
 * requires the token.
 */
@ConfigurationProperties("smart.internal")
public record InternalTokenProperties(String token, List<String> publicPaths) {

  /** The shortest token a service accepts. */
  public static final int MIN_TOKEN_LENGTH = 32;

  /** What every service answers without the token: its health status and probes. */
  public static final List<String> DEFAULT_PUBLIC_PATHS =
      List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

  public InternalTokenProperties {
    publicPaths =
        publicPaths == null || publicPaths.isEmpty()
            ? DEFAULT_PUBLIC_PATHS
            : List.copyOf(publicPaths);
  }

  public boolean configured() {
    return token != null && !token.isBlank();
  }

  /** True when the token is long enough for a service to answer with it. */
  public boolean strongEnough() {
    return configured() && token.strip().length() >= MIN_TOKEN_LENGTH;
  }
}
