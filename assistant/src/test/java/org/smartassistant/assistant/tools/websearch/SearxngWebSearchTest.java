package org.smartassistant.assistant.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.websearch.FakeSearxng;
import org.smartassistant.testsupport.fakes.websearch.WebPage;
import org.smartassistant.testsupport.fakes.websearch.WebSearchRequest;

/** The web search tool against the fake SearXNG, through the real HTTP client. */
class SearxngWebSearchTest {

  FakeSearxng searxng;
  WebSearchTools tools;

  @BeforeEach
  void start() {
    searxng = new FakeSearxng().start();
    tools = WebSearchFixture.tools(WebSearchProvider.SEARXNG, searxng.baseUrl() + "/", null, 3);
  }

  @AfterEach
  void stop() {
    searxng.close();
  }

  @Test
  void asksForJsonAndGivesTheModelTitlesUrlsAndSnippetsToCite() {
    searxng.addResults(
        "louvre opening hours",
        new WebPage(
            "Hours &amp; admission - Louvre",
            "https://www.louvre.fr/en/visit/hours-admission",
            "Open every day except Tuesday, 9 am to 6 pm."),
        new WebPage(
            "Louvre Museum - Wikipedia",
            "https://en.wikipedia.org/wiki/Louvre",
            "The Louvre is the world's most-visited museum."));

    String result = tools.webSearch("  Louvre opening hours ");

    WebSearchRequest request = searxng.lastRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo(FakeSearxng.SEARCH_PATH);
    assertThat(request.params())
        .containsEntry("q", "Louvre opening hours")
        .containsEntry("format", "json");
    assertThat(request.header("Accept")).contains("application/json");
    assertThat(result)
        .isEqualTo(
            """
            Web search results for "Louvre opening hours" (SearXNG). Answer from them and cite\
             the URL of every result you use, as a link, in your answer.

            1. Hours & admission - Louvre
            URL: https://www.louvre.fr/en/visit/hours-admission
            Open every day except Tuesday, 9 am to 6 pm.

            2. Louvre Museum - Wikipedia
            URL: https://en.wikipedia.org/wiki/Louvre
            The Louvre is the world's most-visited museum.""");
  }

  @Test
  void capsTheResultsInNumberAndLengthAndSkipsWhatCannotBeCited() {
    String longSnippet = "word ".repeat(100);
    searxng.addResults(
        "news",
        new WebPage("No address", "", "dropped"),
        new WebPage("Script", "javascript:alert(1)", "dropped"),
        new WebPage("First", "https://one.example/a", longSnippet),
        new WebPage("Twice", "https://one.example/a", "dropped as a duplicate"),
        new WebPage("Second", "https://two.example/b", "two"),
        new WebPage("Third", "http://three.example/c", "three"),
        new WebPage("Fourth", "https://four.example/d", "beyond the cap of three"));

    String result = tools.webSearch("news");

    assertThat(result)
        .contains("1. First", "2. Second", "3. Third", "http://three.example/c")
        .doesNotContain("dropped", "javascript:", "Fourth", "four.example");
    String snippet = result.lines().filter(line -> line.startsWith("word")).findFirst().get();
    assertThat(snippet).hasSizeLessThanOrEqualTo(120).endsWith("…");
  }

  @Test
  void noResultsIsSaidPlainly() {
    String result = tools.webSearch("qwxzzy flurble");

    assertThat(searxng.requests()).hasSize(1);
    assertThat(result)
        .isEqualTo(
            "The web search for \"qwxzzy flurble\" found nothing. Try other or fewer words, or"
                + " answer without the web and say so.");
  }

  @Test
  void aProviderDownIsSaidPlainlyAfterOneRetry() {
    searxng.startOutage(502);

    String result = tools.webSearch("louvre");

    assertThat(searxng.requests()).hasSize(2);
    assertThat(result)
        .startsWith("The web search provider (SearXNG) is not reachable right now")
        .contains("Tell the user");
  }

  @Test
  void anInstanceWithoutTheJsonFormatIsARefusalTheOperatorMustFix() {
    searxng.disableJsonFormat();

    String result = tools.webSearch("louvre");

    assertThat(searxng.lastRequest().status()).isEqualTo(403);
    assertThat(result)
        .startsWith("The web search provider (SearXNG) refused the request")
        .contains("JSON format", "operator");
  }

  @Test
  void withoutABaseUrlTheToolSaysItIsNotSetUpAndCallsNothing() {
    WebSearchTools unconfigured = WebSearchFixture.tools(WebSearchProvider.SEARXNG, " ", null, 3);

    String result = unconfigured.webSearch("louvre");

    assertThat(result)
        .isEqualTo(
            "Web search is not set up on this server (WEB_SEARCH_URL (the SearXNG base URL) is"
                + " not set), so I cannot look this up on the web now. Tell the user.");
    assertThat(searxng.requests()).isEmpty();
  }

  @Test
  void aBlankQueryIsAskedForAgainWithoutASearch() {
    assertThat(tools.webSearch("  ")).startsWith("Tell me what to search the web for");
    assertThat(tools.webSearch(null)).startsWith("Tell me what to search the web for");
    assertThat(searxng.requests()).isEmpty();
  }

  @Test
  void aVeryLongQueryIsCut() {
    tools.webSearch("a".repeat(1000));

    assertThat(searxng.lastRequest().param("q")).hasSize(WebSearchTools.MAX_QUERY);
  }
}
