package org.smartassistant.assistant.tools.websearch;

import java.time.Duration;
import org.springframework.web.client.RestClient;

/** The web search tool built as the service builds it, against a fake provider. */
final class WebSearchFixture {

  private WebSearchFixture() {}

  static WebSearchProperties properties(
      WebSearchProvider provider, String baseUrl, String apiKey, int maxResults) {
    return new WebSearchProperties(
        provider,
        baseUrl,
        apiKey,
        maxResults,
        120,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        1,
        Duration.ofMillis(10));
  }

  static WebSearchTools tools(WebSearchProperties properties) {
    return new WebSearchTools(new WebSearchClient(RestClient.builder(), properties), properties);
  }

  static WebSearchTools tools(
      WebSearchProvider provider, String baseUrl, String apiKey, int maxResults) {
    return tools(properties(provider, baseUrl, apiKey, maxResults));
  }
}
