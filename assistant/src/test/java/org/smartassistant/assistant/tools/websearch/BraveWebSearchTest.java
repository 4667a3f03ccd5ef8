package org.smartassistant.assistant.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.websearch.FakeBrave;
import org.smartassistant.testsupport.fakes.websearch.WebPage;
import org.smartassistant.testsupport.fakes.websearch.WebSearchRequest;

/** The web search tool against the fake Brave Search, through the real HTTP client. */
class BraveWebSearchTest {

  FakeBrave brave;
  WebSearchTools tools;

  @BeforeEach
  void start() {
    brave = new FakeBrave().start();
    tools = WebSearchFixture.tools(WebSearchProvider.BRAVE, brave.baseUrl(), FakeBrave.KEY, 5);
  }

  @AfterEach
  void stop() {
    brave.close();
  }

  @Test
  void sendsTheQueryAndTokenAndGivesTheModelPlainResults() {
    brave.addResults(
        "rust 2024 edition",
        new WebPage(
            "Announcing <strong>Rust</strong> 1.85.0 and <strong>Rust 2024</strong>",
            "https://blog.rust-lang.org/2025/02/20/Rust-1.85.0.html",
            "The <strong>Rust</strong> team is happy to announce the <strong>2024"
                + " edition</strong>&#x27;s release."));

    String result = tools.webSearch("rust 2024 edition");

    WebSearchRequest request = brave.lastRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo(FakeBrave.SEARCH_PATH);
    assertThat(request.params())
        .containsEntry("q", "rust 2024 edition")
        .containsEntry("count", "5");
    assertThat(request.header("X-Subscription-Token")).isEqualTo(FakeBrave.KEY);
    assertThat(request.header("Accept")).contains("application/json");
    assertThat(result)
        .isEqualTo(
            """
            Web search results for "rust 2024 edition" (Brave Search). Answer from them and\
             cite the URL of every result you use, as a link, in your answer.

            1. Announcing Rust 1.85.0 and Rust 2024
            URL: https://blog.rust-lang.org/2025/02/20/Rust-1.85.0.html
            The Rust team is happy to announce the 2024 edition's release.""");
  }

  @Test
  void aRefusedTokenIsSaidPlainly() {
    brave.expectKey("another-token");

    String result = tools.webSearch("rust");

    assertThat(brave.lastRequest().status()).isEqualTo(422);
    assertThat(result)
        .startsWith("The web search provider (Brave Search) refused the request: its API key");
  }

  @Test
  void anUnauthorizedAnswerIsARefusalToo() {
    brave.startOutage(401);

    assertThat(tools.webSearch("rust"))
        .startsWith("The web search provider (Brave Search) refused the request");
    assertThat(brave.requests()).hasSize(1);
  }

  @Test
  void theRateLimitIsSaidPlainly() {
    brave.startOutage(429);

    assertThat(tools.webSearch("rust"))
        .startsWith("The web search provider (Brave Search) has reached its rate limit or quota");
  }

  @Test
  void aProviderDownIsSaidPlainlyAfterOneRetry() {
    brave.startOutage(500);

    String result = tools.webSearch("rust");

    assertThat(brave.requests()).hasSize(2);
    assertThat(result)
        .startsWith("The web search provider (Brave Search) is not reachable right now");
  }

  @Test
  void noResultsIsSaidPlainly() {
    String result = tools.webSearch("nothing to find");

    assertThat(brave.lastRequest().status()).isEqualTo(200);
    assertThat(result).startsWith("The web search for \"nothing to find\" found nothing.");
  }
}
