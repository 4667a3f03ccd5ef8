package org.smartassistant.testsupport.fakes.websearch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local SearXNG speaking its JSON API: {@code GET /search?q=...&format=json} answering {@code
 * {"query":..., "number_of_results":..., "results":[{"url","title","content","engine",...}],
 * "answers":[], "corrections":[], "infoboxes":[], "suggestions":[], "unresponsive_engines":[]}}. As
 * a real instance, it answers 403 (an HTML page) when the JSON format is not enabled in its
 * settings ({@link #disableJsonFormat()}) and 400 without {@code q}. SearXNG needs no key.
 */
public final class FakeSearxng extends FakeSearchEngine {

  public static final String SEARCH_PATH = "/search";

  /** SearXNG's first page holds about this many results. */
  static final int PAGE_SIZE = 20;

  private volatile boolean jsonFormat = true;

  public FakeSearxng() {
    super("fake-searxng");
  }

  public FakeSearxng start() {
    startServer();
    return this;
  }

  /** As an instance whose {@code search.formats} lists only {@code html}: JSON answers 403. */
  public void disableJsonFormat() {
    jsonFormat = false;
  }

  @Override
  public synchronized void reset() {
    super.reset();
    jsonFormat = true;
  }

  @Override
  protected Answer answer(
      String method,
      String path,
      Map<String, String> params,
      Map<String, String> headers,
      String body) {
    if (!path.equals(SEARCH_PATH) || !(method.equals("GET") || method.equals("POST"))) {
      return html(404, "Not Found");
    }
    String format = params.getOrDefault("format", "html");
    if (!format.equals("json") || !jsonFormat) {
      return html(403, "Forbidden");
    }
    String query = params.get("q");
    if (query == null || query.isBlank()) {
      return html(400, "Bad Request");
    }
    List<WebPage> found = pagesFor(query, PAGE_SIZE);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("query", query);
    answer.put("number_of_results", 0);
    ArrayNode results = answer.putArray("results");
    for (WebPage page : found) {
      ObjectNode result = results.addObject();
      result.put("url", page.url());
      result.put("title", page.title());
      result.put("content", page.snippet());
      result.put("engine", "duckduckgo");
      result.put("template", "default.html");
      result.putArray("engines").add("duckduckgo");
      result.putArray("positions").add(results.size());
      result.put("score", 1.0 / results.size());
      result.put("category", "general");
    }
    answer.putArray("answers");
    answer.putArray("corrections");
    answer.putArray("infoboxes");
    answer.putArray("suggestions");
    answer.putArray("unresponsive_engines");
    return Answer.json(200, answer);
  }

  private static Answer html(int status, String reason) {
    return new Answer(
        status,
        "text/html; charset=utf-8",
        ("<!doctype html><title>" + status + " " + reason + "</title><h1>" + reason + "</h1>")
            .getBytes(StandardCharsets.UTF_8));
  }
}
