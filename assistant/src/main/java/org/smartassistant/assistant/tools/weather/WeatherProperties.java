package org.smartassistant.assistant.tools.weather;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the weather tool calls Open-Meteo ({@code smart.weather.*}); Open-Meteo needs no
 * key.
 *
 * @param geocodingUrl base URL of the geocoding API ({@code /v1/search} is appended; a URL already
 *     ending in it is taken as its base)
 * @param forecastUrl base URL of the forecast API ({@code /v1/forecast} is appended; likewise)
 * @param connectTimeout limit to open a connection
 * @param readTimeout limit to wait for an answer; the model is waiting, so keep it short
 * @param maxRetries further attempts after a connection error or a 5xx, with backoff
 * @param retryDelay the first backoff delay (doubled on each attempt)
 */
@Validated
@ConfigurationProperties("smart.weather")
public record WeatherProperties(
    @DefaultValue("https://geocoding-api.open-meteo.com") @NotBlank String geocodingUrl,
    @DefaultValue("https://api.open-meteo.com") @NotBlank String forecastUrl,
    @DefaultValue("2s") @NotNull Duration connectTimeout,
    @DefaultValue("4s") @NotNull Duration readTimeout,
    @DefaultValue("1") @Min(0) int maxRetries,
    @DefaultValue("200ms") @NotNull Duration retryDelay) {

  public WeatherProperties {
    geocodingUrl = baseOf(geocodingUrl, "/v1/search");
    forecastUrl = baseOf(forecastUrl, "/v1/forecast");
  }

  /** The base URL also when the endpoint itself was configured, as older examples did. */
  private static String baseOf(String url, String endpoint) {
    if (url == null) {
      return null;
    }
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return base.endsWith(endpoint) ? base.substring(0, base.length() - endpoint.length()) : base;
  }
}
