package org.smartassistant.assistant.tools.websearch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which search engine the {@code web_search} tool asks and how ({@code smart.web-search.*}).
 *
 * @param provider {@code searxng} (default), {@code tavily} or {@code brave}
 * @param baseUrl the provider's base URL; empty for Tavily's and Brave's public APIs, required for
 *     SearXNG (the tool says it is not configured without it)
 * @param apiKey Tavily's or Brave's API key; SearXNG needs none
 * @param maxResults results given to the model at most
 * @param snippetLength characters of a result's snippet given to the model at most
 * @param connectTimeout limit to open a connection
 * @param readTimeout limit to wait for an answer; the model is waiting, so keep it short
 * @param maxRetries further attempts after a connection error or a 5xx (GET only), with backoff
 * @param retryDelay the first backoff delay (doubled on each attempt)
 */
@Validated
@ConfigurationProperties("smart.web-search")
public record WebSearchProperties(
    @DefaultValue("searxng") @NotNull WebSearchProvider provider,
    String baseUrl,
    String apiKey,
    @DefaultValue("5") @Min(1) @Max(20) int maxResults,
    @DefaultValue("300") @Min(40) int snippetLength,
    @DefaultValue("2s") @NotNull Duration connectTimeout,
    @DefaultValue("8s") @NotNull Duration readTimeout,
    @DefaultValue("1") @Min(0) int maxRetries,
    @DefaultValue("200ms") @NotNull Duration retryDelay) {

  public WebSearchProperties {
    baseUrl = blankToNull(baseUrl);
    if (baseUrl == null && provider != null) {
      baseUrl = provider.defaultUrl;
    }
    if (baseUrl != null && baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    apiKey = blankToNull(apiKey);
  }

  /** What is missing before the provider can be asked, or null when nothing is. */
  String missingSetting() {
    if (baseUrl == null) {
      return "WEB_SEARCH_URL (the " + provider.label + " base URL)";
    }
    if (provider.needsKey() && apiKey == null) {
      return "WEB_SEARCH_API_KEY (the " + provider.label + " API key)";
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
