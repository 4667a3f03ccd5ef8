package org.smartassistant.rest.mcpservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.data.domain.Range;

class McpServerResourceTest extends RestServiceTest {

  private static String uniqueName() {
    return "mcp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static String server(String name, String transport, String url) {
    return Api.json(
        "name",
        name,
        "transport",
        transport,
        "url",
        url,
        "headers",
        Map.of("X-Api-Key", "secret-1"),
        "allowedTools",
        List.of("lookup", "add"));
  }

  @Test
  void registersAServerAndReplacesItsRegistration() {
    String name = uniqueName();

    Api.Response created =
        api().post("/api/mcp-servers", server(name, "streamable_http", "http://notes:8080/mcp"));
    String id = created.text("id");
    Api.Response fetched = api().get("/api/mcp-servers/" + id);
    Api.Response replaced =
        api()
            .put(
                "/api/mcp-servers/" + id,
                Api.json(
                    "name",
                    name,
                    "transport",
                    "sse",
                    "url",
                    "https://notes.example/sse",
                    "allowedTools",
                    List.of("lookup"),
                    "sendIdentity",
                    true));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).endsWith("/api/mcp-servers/" + id);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.text("transport")).isEqualTo("streamable_http");
    assertThat(fetched.json().get("headers").get("X-Api-Key").asString()).isEqualTo("secret-1");
    assertThat(fetched.json().get("allowedTools").toString()).isEqualTo("[\"lookup\",\"add\"]");
    assertThat(fetched.json().get("sendIdentity").asBoolean())
        .as("identity is off unless the operator turns it on")
        .isFalse();
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.text("transport")).isEqualTo("sse");
    assertThat(replaced.json().get("headers").size()).isZero();
    assertThat(replaced.json().get("allowedTools").toString()).isEqualTo("[\"lookup\"]");
    assertThat(replaced.json().get("sendIdentity").asBoolean()).isTrue();
    assertThat(api().get("/api/mcp-servers?size=200").body()).contains(id);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(changesOf(id)).containsExactly(ChangeType.CREATED, ChangeType.UPDATED));
  }

  @Test
  void refusesABadTransportOrUrlWithProblemDetails() {
    Api.Response unknownTransport =
        api().post("/api/mcp-servers", server(uniqueName(), "carrier_pigeon", "http://a/mcp"));
    Api.Response noUrl =
        api()
            .post(
                "/api/mcp-servers", Api.json("name", uniqueName(), "transport", "streamable_http"));
    Api.Response notHttp =
        api().post("/api/mcp-servers", server(uniqueName(), "sse", "file:///etc/passwd"));
    Api.Response notAUrl =
        api().post("/api/mcp-servers", server(uniqueName(), "sse", "http://exa mple/ sse"));
    Api.Response noHost = api().post("/api/mcp-servers", server(uniqueName(), "sse", "http:/sse"));
    Api.Response withPassword =
        api().post("/api/mcp-servers", server(uniqueName(), "sse", "http://u:p@host/sse"));
    Api.Response badHeader =
        api()
            .post(
                "/api/mcp-servers",
                Api.json(
                    "name",
                    uniqueName(),
                    "transport",
                    "sse",
                    "url",
                    "http://host/sse",
                    "headers",
                    Map.of("X-Key", "a\r\nInjected: yes")));
    Api.Response commandOnHttp =
        api()
            .post(
                "/api/mcp-servers",
                Api.json(
                    "name", uniqueName(),
                    "transport", "sse",
                    "url", "http://host/sse",
                    "command", "rm"));
    Api.Response badName =
        api().post("/api/mcp-servers", server("has spaces", "sse", "http://host/sse"));

    for (Api.Response refused :
        List.of(
            unknownTransport,
            noUrl,
            notHttp,
            notAUrl,
            noHost,
            withPassword,
            badHeader,
            commandOnHttp,
            badName)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.isProblem()).isTrue();
    }
    assertThat(noUrl.errorFields()).containsExactly("url");
    assertThat(notHttp.errorFields()).containsExactly("url");
    assertThat(notAUrl.errorFields()).containsExactly("url");
    assertThat(noHost.errorFields()).containsExactly("url");
    assertThat(withPassword.errorFields()).containsExactly("url");
    assertThat(badHeader.errorFields()).containsExactly("headers");
    assertThat(commandOnHttp.errorFields()).containsExactly("command");
    assertThat(badName.errorFields()).containsExactly("name");
  }

  @Test
  void refusesStdioServersUnlessEnabled() {
    Api.Response refused =
        api()
            .post(
                "/api/mcp-servers",
                Api.json("name", uniqueName(), "transport", "stdio", "command", "npx"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorFields()).containsExactly("transport");
    assertThat(refused.body()).contains("MCP_STDIO_ENABLED");
  }

  @Test
  void refusesADuplicateName() {
    String name = uniqueName();
    String other = uniqueName();
    api().post("/api/mcp-servers", server(name, "sse", "http://host/sse"));
    String otherId =
        api().post("/api/mcp-servers", server(other, "sse", "http://host/sse")).text("id");

    Api.Response duplicate = api().post("/api/mcp-servers", server(name, "sse", "http://h/sse"));
    Api.Response renamedOnto =
        api().put("/api/mcp-servers/" + otherId, server(name, "sse", "http://host/sse"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.isProblem()).isTrue();
    assertThat(renamedOnto.status()).isEqualTo(409);
  }

  @Test
  void answers404ForAnUnknownServer() {
    UUID unknown = UUID.randomUUID();

    assertThat(api().get("/api/mcp-servers/" + unknown).status()).isEqualTo(404);
    assertThat(
            api()
                .put("/api/mcp-servers/" + unknown, server(uniqueName(), "sse", "http://h/sse"))
                .status())
        .isEqualTo(404);
    assertThat(api().delete("/api/mcp-servers/" + unknown).status()).isEqualTo(404);
  }

  @Test
  void requiresTheInternalToken() {
    Api.Response anonymous =
        api()
            .withToken(null)
            .post("/api/mcp-servers", server(uniqueName(), "sse", "http://host/sse"));
    Api.Response wrong = api().withToken("not-the-token").get("/api/mcp-servers");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void anMcpToolNamesAnExistingServerWhichThenCannotBeDeleted() {
    String serverId =
        api().post("/api/mcp-servers", server(uniqueName(), "sse", "http://host/sse")).text("id");

    Api.Response withoutServer =
        api().post("/api/tools", Api.json("name", uniqueName(), "type", "mcp"));
    Api.Response unknownServer =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name",
                    uniqueName(),
                    "type",
                    "mcp",
                    "mcpServerId",
                    UUID.randomUUID().toString()));
    Api.Response serverOnOtherType =
        api()
            .post(
                "/api/tools",
                Api.json("name", uniqueName(), "type", "time", "mcpServerId", serverId));
    Api.Response tool =
        api()
            .post(
                "/api/tools",
                Api.json("name", uniqueName(), "type", "mcp", "mcpServerId", serverId));
    Api.Response deleteUsed = api().delete("/api/mcp-servers/" + serverId);
    api().delete("/api/tools/" + tool.text("id"));
    Api.Response deleteUnused = api().delete("/api/mcp-servers/" + serverId);

    assertThat(withoutServer.status()).isEqualTo(400);
    assertThat(withoutServer.errorFields()).containsExactly("mcpServerId");
    assertThat(unknownServer.status()).isEqualTo(400);
    assertThat(unknownServer.errorFields()).containsExactly("mcpServerId");
    assertThat(serverOnOtherType.status()).isEqualTo(400);
    assertThat(serverOnOtherType.errorFields()).containsExactly("mcpServerId");
    assertThat(tool.status()).isEqualTo(201);
    assertThat(tool.text("mcpServerId")).isEqualTo(serverId);
    assertThat(deleteUsed.status()).isEqualTo(409);
    assertThat(deleteUnused.status()).isEqualTo(204);
    assertThat(api().get("/api/mcp-servers/" + serverId).status()).isEqualTo(404);
  }

  private List<ChangeType> changesOf(String id) {
    return redis.opsForStream().range(ChangeKind.MCP_SERVER.stream(), Range.unbounded()).stream()
        .map(
            record -> {
              Map<String, String> fields = new java.util.HashMap<>();
              record.getValue().forEach((k, v) -> fields.put(k.toString(), v.toString()));
              return ChangeEvent.fromFields(fields);
            })
        .filter(event -> event.id().equals(id))
        .map(ChangeEvent::change)
        .toList();
  }
}
