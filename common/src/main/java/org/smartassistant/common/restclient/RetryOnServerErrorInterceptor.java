package org.smartassistant.common.restclient;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.retry.BoundedRetry;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Retries a call with exponential backoff ({@link BoundedRetry}) when the connection fails or the
 * server answers 5xx; a 4xx is the caller's mistake and is returned at once. Only a call that may
 * safely be made twice is retried: GET, HEAD, OPTIONS, PUT and DELETE, and a POST or PATCH that
 * carries an {@value IdempotencyKey#HEADER} header; any other POST or PATCH is sent once, since a
 * lost answer may hide a request that was carried out. Must be the last interceptor of a client.
 */
public class RetryOnServerErrorInterceptor implements ClientHttpRequestInterceptor {

  private static final Logger log = LoggerFactory.getLogger(RetryOnServerErrorInterceptor.class);

  /** The methods that do the same when sent twice (RFC 9110, 9.2.2). */
  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.TRACE);

  private final RetryTemplate retryTemplate;

  public RetryOnServerErrorInterceptor(int maxRetries, Duration initialDelay) {
    this.retryTemplate =
        BoundedRetry.of(maxRetries, initialDelay)
            .template(e -> e instanceof IOException || e instanceof ServerErrorResponse);
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    if (!mayRepeat(request)) {
      return execution.execute(request, body);
    }
    // the 5xx answer of the attempt before: closed when another attempt is made, so that its
    // connection goes back to the pool (only the last one is handed to the caller, who closes it)
    AtomicReference<ClientHttpResponse> failed = new AtomicReference<>();
    try {
      return retryTemplate.execute(
          () -> {
            ClientHttpResponse previous = failed.getAndSet(null);
            if (previous != null) {
              previous.close();
            }
            ClientHttpResponse response = execution.execute(request, body);
            if (response.getStatusCode().is5xxServerError()) {
              log.debug(
                  "{} {} answered {}",
                  request.getMethod(),
                  request.getURI(),
                  response.getStatusCode());
              failed.set(response);
              throw new ServerErrorResponse(response);
            }
            return response;
          });
    } catch (RetryException e) {
      Throwable last = e.getCause();
      if (last instanceof ServerErrorResponse serverError) {
        return serverError.response;
      }
      if (last instanceof IOException io) {
        throw io;
      }
      throw new IOException("call to " + request.getURI() + " failed", last);
    }
  }

  /** Whether sending the request twice is harmless: an idempotent method or an idempotency key. */
  static boolean mayRepeat(HttpRequest request) {
    if (IDEMPOTENT.contains(request.getMethod())) {
      return true;
    }
    String key = request.getHeaders().getFirst(IdempotencyKey.HEADER);
    return key != null && !key.isBlank();
  }

  /** Carries a 5xx response through the retry loop; the last one is handed to the caller. */
  private static final class ServerErrorResponse extends RuntimeException {
    private final transient ClientHttpResponse response;

    ServerErrorResponse(ClientHttpResponse response) {
      super("server error", null, false, false);
      this.response = response;
    }
  }
}
