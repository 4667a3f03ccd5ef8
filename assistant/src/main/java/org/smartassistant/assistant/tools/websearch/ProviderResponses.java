package org.smartassistant.assistant.tools.websearch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The answers of the search providers, the fields the tool uses; absent lists read as empty. */
final class ProviderResponses {

  private ProviderResponses() {}

  /** SearXNG's {@code GET /search?format=json}: {@code results[]} of title, url, content. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Searxng(List<Result> results) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String title, String url, String content) {}

    List<WebSearchHit> hits() {
      return results == null
          ? List.of()
          : results.stream().map(r -> new WebSearchHit(r.title(), r.url(), r.content())).toList();
    }
  }

  /** Tavily's {@code POST /search}: {@code results[]} of title, url, content, score. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Tavily(List<Result> results) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String title, String url, String content, Double score) {}

    List<WebSearchHit> hits() {
      return results == null
          ? List.of()
          : results.stream().map(r -> new WebSearchHit(r.title(), r.url(), r.content())).toList();
    }
  }

  /** Brave's {@code GET /res/v1/web/search}: {@code web.results[]} of title, url, description. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Brave(Web web) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Web(List<Result> results) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String title, String url, String description) {}

    List<WebSearchHit> hits() {
      return web == null || web.results() == null
          ? List.of()
          : web.results().stream()
              .map(r -> new WebSearchHit(r.title(), r.url(), r.description()))
              .toList();
    }
  }
}
