package org.smartassistant.assistant.tools.websearch;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.tools.ToolFamily;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The {@code web_search} tool: asks the configured provider (SearXNG, Tavily or Brave Search) and
 * gives the model the best results as title, URL and snippet, with the instruction to cite the URLs
 * it uses. A missing setting, a refused key, a used-up quota, an unreachable provider or no result
 * is answered with a sentence the model can pass on, never an exception.
 */
@Component
public class WebSearchTools implements ToolFamily {

  /** Longer queries are cut (Tavily refuses over 400 characters; no engine needs more). */
  static final int MAX_QUERY = 400;

  private static final Logger log = LoggerFactory.getLogger(WebSearchTools.class);

  private final WebSearchClient client;
  private final WebSearchProperties properties;

  WebSearchTools(WebSearchClient client, WebSearchProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Tool(
      name = "web_search",
      description =
          "Searches the web for current information: news, facts, opening hours, prices, anything"
              + " that may have changed or that you do not know. Returns numbered results with"
              + " title, URL and snippet. Answer from them and cite the URL of every result you"
              + " use, as a link in your answer.")
  public String webSearch(
      @ToolParam(
              description =
                  "What to search for, as you would type it into a search engine, e.g. 'Louvre"
                      + " opening hours'")
          String query) {
    if (query == null || query.isBlank()) {
      return "Tell me what to search the web for: a few words, as for a search engine.";
    }
    String wanted = WebSearchResults.plain(query);
    if (wanted.length() > MAX_QUERY) {
      wanted = wanted.substring(0, MAX_QUERY);
    }
    String provider = client.provider().label;
    try {
      List<WebSearchHit> hits =
          WebSearchResults.usable(
              client.search(wanted, properties.maxResults()),
              properties.maxResults(),
              properties.snippetLength());
      if (hits.isEmpty()) {
        return "The web search for \""
            + wanted
            + "\" found nothing. Try other or fewer words, or answer without the web and say"
            + " so.";
      }
      return WebSearchResults.describe(wanted, client.provider(), hits);
    } catch (WebSearchUnavailableException e) {
      log.warn("web search for '{}' failed ({}): {}", wanted, e.reason, e.getMessage());
      String cannot = " so I cannot look this up on the web now. Tell the user.";
      return switch (e.reason) {
        case NOT_CONFIGURED ->
            "Web search is not set up on this server (" + e.getMessage() + ")," + cannot;
        case REFUSED ->
            "The web search provider ("
                + provider
                + ") refused the request: "
                + (client.provider() == WebSearchProvider.SEARXNG
                    ? "the instance must allow the JSON format (search.formats in its settings)"
                    : "its API key is not accepted")
                + "; the operator must check the web search settings,"
                + cannot;
        case RATE_LIMITED ->
            "The web search provider ("
                + provider
                + ") has reached its rate limit or quota,"
                + cannot
                + " Trying again later may work.";
        case UNREACHABLE ->
            "The web search provider ("
                + provider
                + ") is not reachable right now,"
                + cannot
                + " Trying again in a few minutes may work.";
      };
    }
  }
}
