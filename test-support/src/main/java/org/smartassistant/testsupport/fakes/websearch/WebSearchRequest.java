package org.smartassistant.testsupport.fakes.websearch;

import java.util.Locale;
import java.util.Map;

/**
 * One request a fake search engine received: method, path, decoded query parameters, headers (names
 * in lower case, first value), the body as text, and the status it was answered with.
 */
public record WebSearchRequest(
    String method,
    String path,
    Map<String, String> params,
    Map<String, String> headers,
    String body,
    int status) {

  public WebSearchRequest {
    params = Map.copyOf(params);
    headers = Map.copyOf(headers);
  }

  /** A query parameter, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** A header, by any case of its name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
