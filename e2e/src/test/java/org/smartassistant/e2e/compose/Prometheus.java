package org.smartassistant.e2e.compose;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The monitoring profile's Prometheus, through its HTTP API, and the dashboards it serves. */
final class Prometheus {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  Prometheus(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The health of each scrape target by job ({@code up}, {@code down}, {@code unknown}). */
  Map<String, String> targetHealth() throws IOException, InterruptedException {
    Map<String, String> health = new TreeMap<>();
    for (JsonNode target : get("/api/v1/targets?state=active").path("data").path("activeTargets")) {
      health.put(target.path("labels").path("job").asString(), target.path("health").asString());
    }
    return health;
  }

  /** How many series an instant query returns. */
  int seriesCount(String expression) throws IOException, InterruptedException {
    JsonNode answer =
        get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asString())) {
      throw new AssertionError(expression + ": " + answer);
    }
    return answer.path("data").path("result").size();
  }

  /** Every PromQL expression of every panel of the provisioned dashboards. */
  static List<String> dashboardExpressions(Path projectRoot) throws IOException {
    List<String> expressions = new ArrayList<>();
    Path dir = projectRoot.resolve("docker/monitoring/grafana/dashboards");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            expressions.add(target.path("expr").asString());
          }
        }
      }
    }
    return expressions;
  }

  /** The answer to a GET of the path, as text, or what went wrong (for diagnostics). */
  String raw(String path) {
    return rawGet(baseUrl + path);
  }

  /** The answer to a GET of the URL, as text, or what went wrong (for diagnostics). */
  static String rawGet(String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
