package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.smartassistant.testsupport.RawHttp;
import org.smartassistant.testsupport.RawHttp.Route;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;

/**
 * Every route the application maps, tried without the token in every spelling of its path a server
 * might route the same way: none answers 2xx, none leaks the data behind it. With the token the
 * plain path works.
 */
class GuardedRoutesTest extends RestServiceTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void noRouteAnswersWithoutTheTokenWhateverThePathSpelling() throws Exception {
    String secret = "guarded-" + UUID.randomUUID();
    long telegramId = nextTelegramId();
    Api.Response user =
        api()
            .post(
                "/api/users",
                Api.json("telegramId", telegramId, "username", secret, "firstName", secret));
    long userId = user.json().get("id").asLong();
    UUID assistant = newAssistant(true);
    api().patch("/api/assistants/" + assistant, Api.json("instructions", secret));
    UUID tool = newTool();
    assertThat(api().put("/api/assistants/" + assistant + "/tools/" + tool, null).status())
        .isLessThan(300);
    assertThat(
            api()
                .put(
                    "/api/users/" + userId + "/secretary",
                    Api.json("assistantId", assistant.toString()))
                .status())
        .isEqualTo(200);
    assertThat(
            api()
                .post(
                    "/api/users/" + userId + "/messages",
                    Api.json("role", "user", "content", secret))
                .status())
        .isLessThan(300);
    assertThat(
            api()
                .put(
                    "/api/users/" + userId + "/calendar-credentials",
                    Api.json("accessToken", secret, "refreshToken", secret))
                .status())
        .isLessThan(300);
    Api.Response reminder =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    userId,
                    "type",
                    "one_time",
                    "triggerAt",
                    Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                    "text",
                    secret));
    assertThat(reminder.status()).isEqualTo(201);
    String reminderId = reminder.text("id");

    Map<String, String> ids =
        Map.of(
            "userId", Long.toString(userId),
            "telegramId", Long.toString(telegramId),
            "assistantId", assistant.toString(),
            "toolId", tool.toString(),
            "memoryId", "1",
            "stream", "inbox",
            "ruleId", UUID.randomUUID().toString());
    Api.Response mcpServer =
        api()
            .post(
                "/api/mcp-servers",
                "{\"name\":\"guarded\",\"transport\":\"streamable_http\","
                    + "\"url\":\"http://127.0.0.1:9/mcp\",\"allowedTools\":[]}");
    assertThat(mcpServer.status()).as(mcpServer.toString()).isEqualTo(201);
    String mcpServerId = mcpServer.text("id");
    String deadLetterId =
        redis
            .opsForStream()
            .add(
                org.springframework.data.redis.connection.stream.StreamRecords.newRecord()
                    .in("assistant:inbox:dlq")
                    .ofMap(Map.of("error", secret)))
            .getValue();
    List<Route> routes = new ArrayList<>(RawHttp.routes(mappings));
    routes.add(new Route("GET", "/actuator/prometheus"));
    routes.add(new Route("GET", "/actuator/info"));
    routes.add(new Route("GET", "/actuator"));
    routes.add(new Route("GET", "/actuator/health/db"));
    assertThat(routes.stream().map(Route::pattern))
        .contains("/api/users/{id}", "/api/users/{id}/calendar-credentials", "/v3/api-docs");

    List<String> leaks = new ArrayList<>();
    TreeSet<String> tried = new TreeSet<>();
    for (Route route : routes) {
      if (route.method().equals("GET") && route.pattern().equals("/admin/login")) {
        continue; // the admin UI's login form: public, it holds no data
      }
      String path =
          fill(
              route.pattern(), ids, userId, assistant, tool, reminderId, deadLetterId, mcpServerId);
      for (String form : RawHttp.tricks(path)) {
        tried.add(route.method() + " " + form);
        RawHttp.Answer answer =
            RawHttp.send(
                port, route.method(), form, null, route.method().equals("GET") ? null : "{}");
        if (answer.successful()
            || answer.text().contains(secret)
            || answer.text().contains(Long.toString(telegramId))) {
          leaks.add(route.method() + " " + form + " -> " + answer.status());
        }
        if (route.pattern().startsWith("/admin")) {
          // the admin UI's own chain: to the login page, 403 for a POST without CSRF token;
          // another spelling of the path falls to the token chain (401)
          assertThat(answer.status()).as(route.method() + " " + form).isIn(302, 400, 401, 403);
          continue;
        }
        assertThat(answer.status()).as(route.method() + " " + form).isIn(400, 401);
        assertThat(answer.text()).contains("application/problem+json");
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(tried.size()).isGreaterThan(300);

    // with the token the plain form reaches the application
    for (String path :
        List.of(
            "/api/users/" + userId,
            "/api/users/by-telegram/" + telegramId,
            "/api/users/" + userId + "/calendar-credentials",
            "/api/users/" + userId + "/messages",
            "/api/reminders/" + reminderId)) {
      RawHttp.Answer answer = RawHttp.send(port, "GET", path, TOKEN, null);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.text()).as(path).contains(secret);
    }
    for (Route route : routes) {
      if (!route.method().equals("GET") || route.pattern().equals("/error")) {
        continue;
      }
      String path =
          fill(
              route.pattern(), ids, userId, assistant, tool, reminderId, deadLetterId, mcpServerId);
      RawHttp.Answer answer = RawHttp.send(port, "GET", path, TOKEN, null);
      assertThat(answer.status()).as(path + " " + answer.text()).isBetween(200, 399);
    }
  }

  private static String fill(
      String pattern,
      Map<String, String> ids,
      long userId,
      UUID assistant,
      UUID tool,
      String reminderId,
      String deadLetterId,
      String mcpServerId) {
    UriTemplate template = new UriTemplate(pattern);
    Map<String, String> values = new java.util.HashMap<>(ids);
    String id;
    if (pattern.startsWith("/api/assistants/") || pattern.startsWith("/admin/assistants/")) {
      id = assistant.toString();
    } else if (pattern.startsWith("/api/tools/")) {
      id = tool.toString();
    } else if (pattern.startsWith("/api/reminders/") || pattern.startsWith("/admin/reminders/")) {
      id = reminderId;
    } else if (pattern.startsWith("/api/dead-letters/")
        || pattern.startsWith("/admin/dead-letters/")) {
      id = deadLetterId;
    } else if (pattern.startsWith("/api/mcp-servers/")) {
      id = mcpServerId;
    } else {
      id = Long.toString(userId);
    }
    values.put("id", id);
    for (String name : template.getVariableNames()) {
      assertThat(values).as("a value for {" + name + "} in " + pattern).containsKey(name);
    }
    return template.expand(values).toString();
  }
}
