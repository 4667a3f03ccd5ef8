package org.smartassistant.common.restclient;

import java.time.Duration;

/**
 * How a service is called: base URL, timeouts and retries (retries only on 5xx and connection
 * errors, never on 4xx, and only of idempotent methods or of a POST/PATCH with an Idempotency-Key),
 * and how many calls may be in flight at once.
 *
 * @param maxConcurrentCalls calls of this client in flight at once (each holds a connection); more
 *     wait their turn
 * @param queueTimeout how long a call waits for its turn before it fails like an unreachable
 *     service
 */
public record ServiceClientProperties(
    String url,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration retryDelay,
    int maxConcurrentCalls,
    Duration queueTimeout) {

  /** Calls in flight at once by default: more than a service's database pool serves at once. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 32;

  public ServiceClientProperties {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    retryDelay = retryDelay == null ? Duration.ofMillis(200) : retryDelay;
    maxConcurrentCalls =
        maxConcurrentCalls <= 0 ? DEFAULT_MAX_CONCURRENT_CALLS : maxConcurrentCalls;
    queueTimeout = queueTimeout == null ? Duration.ofSeconds(30) : queueTimeout;
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
  }

  /** The default number of calls in flight and time in the queue. */
  public ServiceClientProperties(
      String url,
      Duration connectTimeout,
      Duration readTimeout,
      int maxRetries,
      Duration retryDelay) {
    this(url, connectTimeout, readTimeout, maxRetries, retryDelay, 0, null);
  }

  public static ServiceClientProperties of(String url) {
    return new ServiceClientProperties(url, null, null, 3, null);
  }
}
