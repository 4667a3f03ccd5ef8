package org.smartassistant.common.restclient;

import java.time.Duration;

/**
 * How a service is called: base URL, timeouts and retries (retries only on 5xx and connection
 * errors, never on 4xx, and only of idempotent methods or of a POST/PATCH with an Idempotency-Key).
 */
public record ServiceClientProperties(
    String url,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration retryDelay) {

  public ServiceClientProperties {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    retryDelay = retryDelay == null ? Duration.ofMillis(200) : retryDelay;
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
  }

  public static ServiceClientProperties of(String url) {
    return new ServiceClientProperties(url, null, null, 3, null);
  }
}
