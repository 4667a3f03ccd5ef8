package org.smartassistant.common.restclient;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

/**
 * At most so many calls of one client in flight at once (a Resilience4j {@link Bulkhead}); the
 * others wait their turn, up to a bound. The JDK's HTTP client opens a connection for every
 * concurrent call and has no limit of its own: a burst of a thousand users would open a thousand
 * connections to rest-service, overflow its accept queue (connects time out, a usage line is lost)
 * and make the client's connection pool, which is scanned under one lock, the hottest spot of the
 * caller. A called service serves no more calls at once than its database pool anyway.
 */
final class ConcurrencyLimitInterceptor implements ClientHttpRequestInterceptor {

  private final Bulkhead bulkhead;

  ConcurrencyLimitInterceptor(String name, int maxConcurrentCalls, Duration maxWait) {
    this.bulkhead =
        Bulkhead.of(
            name,
            BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(maxWait)
                .fairCallHandlingStrategyEnabled(true)
                .build());
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    try {
      bulkhead.acquirePermission();
    } catch (BulkheadFullException e) {
      throw new ResourceAccessException(
          "no connection to "
              + request.getURI().getHost()
              + ":"
              + request.getURI().getPort()
              + " came free in "
              + bulkhead.getBulkheadConfig().getMaxWaitDuration()
              + " ("
              + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
              + " calls in flight)");
    }
    ClientHttpResponse response;
    try {
      response = execution.execute(request, body);
    } catch (IOException | RuntimeException e) {
      bulkhead.onComplete();
      throw e;
    }
    return new Released(response, bulkhead);
  }

  /**
   * The response, whose call stays in flight until it is closed: its connection is busy until the
   * body is read, and the client closes every response it read.
   */
  private static final class Released implements ClientHttpResponse {

    private final ClientHttpResponse response;
    private final Bulkhead bulkhead;
    private final AtomicBoolean closed = new AtomicBoolean();

    Released(ClientHttpResponse response, Bulkhead bulkhead) {
      this.response = response;
      this.bulkhead = bulkhead;
    }

    @Override
    public HttpStatusCode getStatusCode() throws IOException {
      return response.getStatusCode();
    }

    @Override
    public String getStatusText() throws IOException {
      return response.getStatusText();
    }

    @Override
    public HttpHeaders getHeaders() {
      return response.getHeaders();
    }

    @Override
    public InputStream getBody() throws IOException {
      return response.getBody();
    }

    @Override
    public void close() {
      try {
        response.close();
      } finally {
        if (closed.compareAndSet(false, true)) {
          bulkhead.onComplete();
        }
      }
    }
  }

  /** Calls in flight now (for tests and diagnostics). */
  int inFlight() {
    return bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
        - bulkhead.getMetrics().getAvailableConcurrentCalls();
  }
}
