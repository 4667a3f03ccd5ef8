package org.smartassistant.testsupport.fakes.websearch;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Tavily speaking its search API: {@code POST /search} with a JSON body ({@code query},
 * {@code max_results} 0–20, default 5, {@code search_depth}...) and the key as {@code
 * Authorization: Bearer tvly-...}, answering {@code {"query", "answer", "images", "results":
 * [{"title","url","content","score","raw_content"}], "response_time", "request_id"}}. A missing or
 * wrong key answers 401 {@code {"detail":{"error":"Unauthorized: missing or invalid API key."}}}; a
 * bad body 400 with the same {@code detail} shape.
 */
public final class FakeTavily extends FakeSearchEngine {

  public static final String SEARCH_PATH = "/search";

  /** The key the fake accepts unless {@link #expectKey} says another. */
  public static final String KEY = "tvly-dev-fake-key";

  private volatile String key = KEY;

  public FakeTavily() {
    super("fake-tavily");
  }

  public FakeTavily start() {
    startServer();
    return this;
  }

  /** The only API key accepted from now on. */
  public FakeTavily expectKey(String accepted) {
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
    if (!path.equals(SEARCH_PATH) || !method.equals("POST")) {
      return error(404, "Not Found");
    }
    if (!("Bearer " + key).equals(headers.get("authorization"))) {
      return error(401, "Unauthorized: missing or invalid API key.");
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (RuntimeException e) {
      return error(400, "Invalid JSON body.");
    }
    JsonNode query = request.get("query");
    if (query == null || !query.isString() || query.asString().isBlank()) {
      return error(400, "Query is missing.");
    }
    if (query.asString().length() > 400) {
      return error(400, "Query is too long. Max query length is 400 characters.");
    }
    int maxResults = request.has("max_results") ? request.get("max_results").asInt() : 5;
    if (maxResults < 0 || maxResults > 20) {
      return error(400, "max_results must be between 0 and 20.");
    }
    List<WebPage> found = pagesFor(query.asString(), maxResults);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("query", query.asString());
    answer.putNull("follow_up_questions");
    answer.putNull("answer");
    answer.putArray("images");
    ArrayNode results = answer.putArray("results");
    for (int i = 0; i < found.size(); i++) {
      WebPage page = found.get(i);
      ObjectNode result = results.addObject();
      result.put("title", page.title());
      result.put("url", page.url());
      result.put("content", page.snippet());
      result.put("score", Math.round((0.95 - i * 0.1) * 1000) / 1000.0);
      result.putNull("raw_content");
    }
    answer.put("response_time", 0.42);
    answer.put("request_id", UUID.randomUUID().toString());
    return Answer.json(200, answer);
  }

  private static Answer error(int status, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("detail").put("error", message);
    return Answer.json(status, body);
  }
}
