package org.smartassistant.assistant.tools.websearch;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes a provider's results as the compact text the model reads: numbered, each with its title,
 * URL and snippet as plain text, capped in number and length, and an instruction to cite the URLs
 * used. Results without an http(s) URL, or with one already listed, are left out.
 */
final class WebSearchResults {

  static final int MAX_TITLE = 150;

  /** A longer URL is left out rather than cut (a cut URL leads nowhere). */
  static final int MAX_URL = 500;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private WebSearchResults() {}

  /** The results to give the model, at most {@code maxResults}; empty when none is usable. */
  static List<WebSearchHit> usable(List<WebSearchHit> hits, int maxResults, int snippetLength) {
    Set<String> seen = new HashSet<>();
    return hits.stream()
        .filter(hit -> hit != null && isWebUrl(hit.url()) && seen.add(hit.url().trim()))
        .limit(maxResults)
        .map(
            hit ->
                new WebSearchHit(
                    capped(plain(hit.title()), MAX_TITLE),
                    hit.url().trim(),
                    capped(plain(hit.snippet()), snippetLength)))
        .toList();
  }

  static String describe(String query, WebSearchProvider provider, List<WebSearchHit> hits) {
    StringBuilder text =
        new StringBuilder("Web search results for \"")
            .append(query)
            .append("\" (")
            .append(provider.label)
            .append("). Answer from them and cite the URL of every result you use, as a link,")
            .append(" in your answer.");
    for (int i = 0; i < hits.size(); i++) {
      WebSearchHit hit = hits.get(i);
      text.append("\n\n")
          .append(i + 1)
          .append(". ")
          .append(hit.title().isEmpty() ? "(no title)" : hit.title())
          .append("\nURL: ")
          .append(hit.url());
      if (!hit.snippet().isEmpty()) {
        text.append('\n').append(hit.snippet());
      }
    }
    return text.toString();
  }

  private static boolean isWebUrl(String url) {
    if (url == null || url.isBlank() || url.trim().length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  /** Brave marks the matched words with {@code <strong>}; engines escape entities. */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    String untagged = TAG.matcher(text).replaceAll("");
    return SPACE.matcher(HtmlUtils.htmlUnescape(untagged)).replaceAll(" ").trim();
  }

  static String capped(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "…";
  }
}
