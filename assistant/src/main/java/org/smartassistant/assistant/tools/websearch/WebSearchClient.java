package org.smartassistant.assistant.tools.websearch;

import java.util.List;
import java.util.Map;
import org.smartassistant.assistant.tools.websearch.WebSearchUnavailableException.Reason;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The configured search provider's API over {@link RestClient}: timeouts, a retry with backoff on
 * connection errors and 5xx (of the GET providers; Tavily's POST is sent once), and every failure
 * turned into a {@link WebSearchUnavailableException} that says why.
 */
@Component
class WebSearchClient {

  private final WebSearchProperties properties;
  private final RestClient client;

  WebSearchClient(RestClient.Builder builder, WebSearchProperties properties) {
    this.properties = properties;
    this.client =
        properties.baseUrl() == null
            ? null
            : ServiceClients.externalClient(
                builder.clone().defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE),
                new ServiceClientProperties(
                    properties.baseUrl(),
                    properties.connectTimeout(),
                    properties.readTimeout(),
                    properties.maxRetries(),
                    properties.retryDelay()));
  }

  WebSearchProvider provider() {
    return properties.provider();
  }

  /** The provider's results for the query, best first (at most {@code count} asked for). */
  List<WebSearchHit> search(String query, int count) {
    String missing = properties.missingSetting();
    if (missing != null) {
      throw new WebSearchUnavailableException(Reason.NOT_CONFIGURED, missing + " is not set", null);
    }
    try {
      return switch (properties.provider()) {
        case SEARXNG -> searxng(query);
        case TAVILY -> tavily(query, count);
        case BRAVE -> brave(query, count);
      };
    } catch (HttpClientErrorException e) {
      throw refusal(e);
    } catch (RestClientException e) {
      throw new WebSearchUnavailableException(
          Reason.UNREACHABLE, "search failed: " + e.getMessage(), e);
    }
  }

  private List<WebSearchHit> searxng(String query) {
    // SearXNG has no result count parameter: its first page is capped by the tool
    ProviderResponses.Searxng response =
        client
            .get()
            .uri("/search?q={query}&format=json", query)
            .retrieve()
            .body(ProviderResponses.Searxng.class);
    return response == null ? List.of() : response.hits();
  }

  private List<WebSearchHit> tavily(String query, int count) {
    ProviderResponses.Tavily response =
        client
            .post()
            .uri("/search")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("query", query, "max_results", count, "search_depth", "basic"))
            .retrieve()
            .body(ProviderResponses.Tavily.class);
    return response == null ? List.of() : response.hits();
  }

  private List<WebSearchHit> brave(String query, int count) {
    ProviderResponses.Brave response =
        client
            .get()
            .uri("/res/v1/web/search?q={query}&count={count}", query, count)
            .header("X-Subscription-Token", properties.apiKey())
            .retrieve()
            .body(ProviderResponses.Brave.class);
    return response == null ? List.of() : response.hits();
  }

  /** A 4xx: the key refused, the quota used up, or a request the provider would not take. */
  private WebSearchUnavailableException refusal(HttpClientErrorException e) {
    int status = e.getStatusCode().value();
    String body = e.getResponseBodyAsString();
    String message = properties.provider().label + " answered " + status + ": " + body;
    boolean refused =
        status == 401
            || status == 403
            // Brave answers an unknown or missing token with 422 SUBSCRIPTION_TOKEN_INVALID
            || (status == 422 && body.contains("SUBSCRIPTION_TOKEN_INVALID"));
    // Tavily answers 432/433 when the plan's or the pay-as-you-go limit is reached
    boolean limited = status == 429 || status == 432 || status == 433;
    Reason reason = refused ? Reason.REFUSED : limited ? Reason.RATE_LIMITED : Reason.UNREACHABLE;
    return new WebSearchUnavailableException(reason, message, e);
  }
}
