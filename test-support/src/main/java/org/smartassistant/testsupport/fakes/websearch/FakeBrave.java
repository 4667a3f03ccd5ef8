package org.smartassistant.testsupport.fakes.websearch;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Brave Search speaking its web search API: {@code GET /res/v1/web/search?q=...&count=...}
 * (count 1–20, default 20) with the key in {@code X-Subscription-Token}, answering {@code
 * {"type":"search", "query":{"original":...}, "web":{"type":"search", "results":[{"title","url",
 * "description",...}]}}}; {@code web} is left out when nothing is found. A missing or wrong key
 * answers 422 with Brave's {@code {"type":"ErrorResponse","error":{"code":
 * "SUBSCRIPTION_TOKEN_INVALID",...}}}, a bad parameter 422 {@code VALIDATION}.
 */
public final class FakeBrave extends FakeSearchEngine {

  public static final String SEARCH_PATH = "/res/v1/web/search";

  /** The key the fake accepts unless {@link #expectKey} says another. */
  public static final String KEY = "BSA-fake-subscription-token";

  private volatile String key = KEY;

  public FakeBrave() {
    super("fake-brave");
  }

  public FakeBrave start() {
    startServer();
    return this;
  }

  /** The only subscription token accepted from now on. */
  public FakeBrave expectKey(String accepted) {
    key = accepted;
    return this;
  }

  @Override
  protected Answer answer(
      String method,
      String path,
      Map<String, String> params,
      Map<String, String> headers,
      String body) {
    if (!path.equals(SEARCH_PATH) || !method.equals("GET")) {
      return error(404, "RESOURCE_NOT_FOUND", "Resource not found.");
    }
    if (!key.equals(headers.get("x-subscription-token"))) {
      return error(
          422, "SUBSCRIPTION_TOKEN_INVALID", "The provided subscription token is invalid.");
    }
    String query = params.get("q");
    if (query == null || query.isBlank() || query.length() > 400) {
      return error(422, "VALIDATION", "Unable to validate request parameter(s).");
    }
    int count;
    try {
      count = Integer.parseInt(params.getOrDefault("count", "20"));
    } catch (NumberFormatException e) {
      return error(422, "VALIDATION", "Unable to validate request parameter(s).");
    }
    if (count < 1 || count > 20) {
      return error(422, "VALIDATION", "Unable to validate request parameter(s).");
    }
    List<WebPage> found = pagesFor(query, count);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("type", "search");
    ObjectNode echoed = answer.putObject("query");
    echoed.put("original", query);
    echoed.put("more_results_available", false);
    if (!found.isEmpty()) {
      ObjectNode web = answer.putObject("web");
      web.put("type", "search");
      ArrayNode results = web.putArray("results");
      for (WebPage page : found) {
        ObjectNode result = results.addObject();
        result.put("title", page.title());
        result.put("url", page.url());
        result.put("is_source_local", false);
        result.put("description", page.snippet());
        result.put("language", "en");
        result.put("family_friendly", true);
        result.put("type", "search_result");
      }
      web.put("family_friendly", true);
    }
    return Answer.json(200, answer);
  }

  private static Answer error(int status, String code, String detail) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode error = body.putObject("error");
    error.put("id", UUID.randomUUID().toString());
    error.put("status", status);
    error.put("code", code);
    error.put("detail", detail);
    body.put("type", "ErrorResponse");
    return Answer.json(status, body);
  }
}
