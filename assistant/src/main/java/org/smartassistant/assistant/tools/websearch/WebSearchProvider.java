package org.smartassistant.assistant.tools.websearch;

/** The search engines the {@code web_search} tool can ask, with their public base URLs. */
public enum WebSearchProvider {
  /** A self-hosted SearXNG instance: no key, no public default (its operator gives the URL). */
  SEARXNG("SearXNG", null),
  TAVILY("Tavily", "https://api.tavily.com"),
  BRAVE("Brave Search", "https://api.search.brave.com");

  final String label;
  final String defaultUrl;

  WebSearchProvider(String label, String defaultUrl) {
    this.label = label;
    this.defaultUrl = defaultUrl;
  }

  /** Whether the provider refuses requests without an API key. */
  boolean needsKey() {
    return this != SEARXNG;
  }
}
