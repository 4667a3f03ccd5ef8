package org.smartassistant.testsupport.fakes.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three fake search engines driven over plain HTTP, as any client of theirs would. */
class FakeSearchEnginesTest {

  static final WebPage PAGE = new WebPage("Title", "https://example.org/page", "Snippet");

  final HttpClient client = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void searxngAnswersJsonResultsOnlyWhenTheFormatIsAllowed() throws Exception {
    try (FakeSearxng searxng = new FakeSearxng().start()) {
      searxng.addResults("Some Query", PAGE);
      URI uri = URI.create(searxng.baseUrl() + "/search?q=some+query&format=json");

      HttpResponse<String> found = send(HttpRequest.newBuilder(uri));
      JsonNode result = json.readTree(found.body()).get("results").get(0);
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(result.get("title").asString()).isEqualTo("Title");
      assertThat(result.get("url").asString()).isEqualTo("https://example.org/page");
      assertThat(result.get("content").asString()).isEqualTo("Snippet");

      HttpResponse<String> html =
          send(HttpRequest.newBuilder(URI.create(searxng.baseUrl() + "/search?q=some+query")));
      assertThat(html.statusCode()).isEqualTo(403);
      searxng.disableJsonFormat();
      assertThat(send(HttpRequest.newBuilder(uri)).statusCode()).isEqualTo(403);
      assertThat(searxng.requests()).extracting(WebSearchRequest::status).contains(200, 403);
    }
  }

  @Test
  void tavilyTakesABearerKeyAndAJsonBody() throws Exception {
    try (FakeTavily tavily = new FakeTavily().start()) {
      tavily.addResults("query", PAGE);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(tavily.baseUrl() + "/search"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query\",\"max_results\":3}"));

      HttpResponse<String> refused = send(request.copy().header("Authorization", "Bearer nope"));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(json.readTree(refused.body()).at("/detail/error").asString())
          .contains("invalid API key");

      HttpResponse<String> found =
          send(request.copy().header("Authorization", "Bearer " + FakeTavily.KEY));
      JsonNode result = json.readTree(found.body()).get("results").get(0);
      assertThat(result.get("content").asString()).isEqualTo("Snippet");
      assertThat(result.get("score").asDouble()).isPositive();
    }
  }

  @Test
  void braveTakesTheSubscriptionTokenAndLeavesWebOutWhenNothingIsFound() throws Exception {
    try (FakeBrave brave = new FakeBrave().start()) {
      brave.addResults("query", PAGE);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(brave.baseUrl() + "/res/v1/web/search?q=query&count=2"))
              .header("X-Subscription-Token", FakeBrave.KEY);

      JsonNode found = json.readTree(send(request).body());
      assertThat(found.at("/web/results/0/description").asString()).isEqualTo("Snippet");

      HttpResponse<String> none =
          send(
              HttpRequest.newBuilder(URI.create(brave.baseUrl() + "/res/v1/web/search?q=other"))
                  .header("X-Subscription-Token", FakeBrave.KEY));
      assertThat(none.statusCode()).isEqualTo(200);
      assertThat(json.readTree(none.body()).has("web")).isFalse();

      HttpResponse<String> refused =
          send(HttpRequest.newBuilder(URI.create(brave.baseUrl() + "/res/v1/web/search?q=query")));
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(json.readTree(refused.body()).at("/error/code").asString())
          .isEqualTo("SUBSCRIPTION_TOKEN_INVALID");
    }
  }
}
