package org.smartassistant.assistant.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.websearch.FakeTavily;
import org.smartassistant.testsupport.fakes.websearch.WebPage;
import org.smartassistant.testsupport.fakes.websearch.WebSearchRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web search tool against the fake Tavily, through the real HTTP client. */
class TavilyWebSearchTest {

  FakeTavily tavily;
  WebSearchTools tools;

  @BeforeEach
  void start() {
    tavily = new FakeTavily().start();
    tools = WebSearchFixture.tools(WebSearchProvider.TAVILY, tavily.baseUrl(), FakeTavily.KEY, 4);
  }

  @AfterEach
  void stop() {
    tavily.close();
  }

  @Test
  void postsTheQueryWithTheKeyAndGivesTheModelTheResults() {
    tavily.addResults(
        "ecb interest rate",
        new WebPage(
            "Key ECB interest rates",
            "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/",
            "The deposit facility rate is 2.00%."),
        new WebPage(
            "ECB holds rates", "https://news.example/ecb", "The ECB kept its rates unchanged."));

    String result = tools.webSearch("ECB interest rate");

    WebSearchRequest request = tavily.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(FakeTavily.SEARCH_PATH);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeTavily.KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode body = JsonMapper.builder().build().readTree(request.body());
    assertThat(body.get("query").asString()).isEqualTo("ECB interest rate");
    assertThat(body.get("max_results").asInt()).isEqualTo(4);
    assertThat(result)
        .startsWith("Web search results for \"ECB interest rate\" (Tavily).")
        .contains(
            "1. Key ECB interest rates\nURL:"
                + " https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/"
                + "\nThe deposit facility rate is 2.00%.",
            "2. ECB holds rates\nURL: https://news.example/ecb\nThe ECB kept its rates"
                + " unchanged.")
        .doesNotContain("score");
  }

  @Test
  void aRefusedKeyIsSaidPlainly() {
    WebSearchTools wrongKey =
        WebSearchFixture.tools(WebSearchProvider.TAVILY, tavily.baseUrl(), "tvly-wrong", 4);

    String result = wrongKey.webSearch("ECB interest rate");

    assertThat(tavily.lastRequest().status()).isEqualTo(401);
    assertThat(result)
        .startsWith("The web search provider (Tavily) refused the request: its API key")
        .contains("operator must check the web search settings");
  }

  @Test
  void withoutAKeyTheToolSaysItIsNotSetUpAndCallsNothing() {
    WebSearchTools noKey =
        WebSearchFixture.tools(WebSearchProvider.TAVILY, tavily.baseUrl(), null, 4);

    assertThat(noKey.webSearch("ECB interest rate"))
        .startsWith(
            "Web search is not set up on this server (WEB_SEARCH_API_KEY (the Tavily API key)");
    assertThat(tavily.requests()).isEmpty();
  }

  @Test
  void theQuotaUsedUpIsSaidPlainly() {
    tavily.startOutage(432);

    assertThat(tools.webSearch("ECB interest rate"))
        .startsWith("The web search provider (Tavily) has reached its rate limit or quota");
  }

  @Test
  void aProviderDownIsSaidPlainlyAndTheSearchIsSentOnce() {
    tavily.startOutage(503);

    String result = tools.webSearch("ECB interest rate");

    assertThat(tavily.requests()).hasSize(1);
    assertThat(result).startsWith("The web search provider (Tavily) is not reachable right now");
  }

  @Test
  void aProviderThatIsGoneIsSaidPlainly() {
    String url = tavily.baseUrl();
    tavily.close();

    String result =
        WebSearchFixture.tools(WebSearchProvider.TAVILY, url, FakeTavily.KEY, 4).webSearch("ECB");

    assertThat(result).startsWith("The web search provider (Tavily) is not reachable right now");
  }

  @Test
  void noResultsIsSaidPlainly() {
    assertThat(tools.webSearch("nothing to find"))
        .startsWith("The web search for \"nothing to find\" found nothing.");
    assertThat(tavily.lastRequest().status()).isEqualTo(200);
  }
}
