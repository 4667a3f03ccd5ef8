package org.smartassistant.rest.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks each service's public readiness probe ({@code /actuator/health/readiness}) for the overview,
 * all at once with short timeouts; no token is sent (the probes are public).
 */
@Component
class ServiceHealth {

  private final Map<String, String> services;
  private final RestClient http;

  ServiceHealth(AdminProperties properties) {
    this.services = properties.services();
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(1));
    requests.setReadTimeout(Duration.ofSeconds(2));
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /** One line per service: its name, URL, whether it is ready and what it answered. */
  List<Status> check() {
    List<CompletableFuture<Status>> checks =
        services.entrySet().stream()
            .map(e -> CompletableFuture.supplyAsync(() -> check(e.getKey(), e.getValue())))
            .toList();
    return checks.stream().map(CompletableFuture::join).toList();
  }

  private Status check(String name, String baseUrl) {
    String url = baseUrl.replaceAll("/+$", "") + "/actuator/health/readiness";
    try {
      int code =
          http.get().uri(url).exchange((request, response) -> response.getStatusCode().value());
      return new Status(name, baseUrl, code == 200, code == 200 ? "ready" : "HTTP " + code);
    } catch (RuntimeException e) {
      return new Status(name, baseUrl, false, "unreachable (" + e.getClass().getSimpleName() + ")");
    }
  }

  record Status(String name, String url, boolean ready, String detail) {}
}
