package org.smartassistant.testsupport.fakes.openmeteo;

import java.util.Map;

/**
 * One request the fake received: its path ({@code /v1/search} or {@code /v1/forecast}), the decoded
 * query parameters, and the HTTP status it was answered with.
 */
public record OpenMeteoRequest(String path, Map<String, String> params, int status) {

  public OpenMeteoRequest {
    params = Map.copyOf(params);
  }

  /** A query parameter, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** A geocoding search ({@code GET /v1/search}). */
  public boolean isSearch() {
    return FakeOpenMeteo.SEARCH_PATH.equals(path);
  }

  /** A forecast ({@code GET /v1/forecast}). */
  public boolean isForecast() {
    return FakeOpenMeteo.FORECAST_PATH.equals(path);
  }
}
