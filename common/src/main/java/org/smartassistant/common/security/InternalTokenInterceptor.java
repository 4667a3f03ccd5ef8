package org.smartassistant.common.security;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/** Adds {@code X-Internal-Token} to every outgoing call to another service. */
public class InternalTokenInterceptor implements ClientHttpRequestInterceptor {

  private final String token;

  public InternalTokenInterceptor(String token) {
    this.token = token;
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    if (token != null && !token.isBlank()) {
      request.getHeaders().set(InternalToken.HEADER, token);
    }
    return execution.execute(request, body);
  }
}
