package org.smartassistant.rest.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class ToolResourceTest extends RestServiceTest {

  private static String uniqueName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @Test
  void createsAndChangesATool() {
    String name = uniqueName();

    Api.Response created =
        api()
            .post(
                "/api/tools", Api.json("name", name, "type", "weather", "description", "Weather."));
    String id = created.text("id");
    Api.Response changed =
        api().patch("/api/tools/" + id, Api.json("description", "Forecast.", "isActive", false));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("type")).isEqualTo("weather");
    assertThat(created.json().get("subAssistantId").isNull()).isTrue();
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.text("description")).isEqualTo("Forecast.");
    assertThat(changed.json().get("isActive").asBoolean()).isFalse();
    assertThat(api().get("/api/tools?type=weather&isActive=false&size=200").body()).contains(id);
  }

  @Test
  void everyToolTypeWithoutAReferenceCanBeStored() {
    // the database's own list of types (tools_type_check, kept by several migrations) must allow
    // every type the code knows
    for (ToolType type : ToolType.values()) {
      if (type == ToolType.SUB_ASSISTANT || type == ToolType.MCP) {
        continue; // need a sub-assistant or a server: their own tests
      }
      String wire = type.name().toLowerCase(java.util.Locale.ROOT);
      Api.Response created = api().post("/api/tools", Api.json("name", uniqueName(), "type", wire));
      assertThat(created.status()).as(wire + ": " + created).isEqualTo(201);
    }
  }

  @Test
  void refusesADuplicateName() {
    String name = uniqueName();
    api().post("/api/tools", Api.json("name", name, "type", "time"));

    assertThat(api().post("/api/tools", Api.json("name", name, "type", "time")).status())
        .isEqualTo(409);
  }

  @Test
  void requiresAnExistingSubAssistantForSubAssistantToolsOnly() {
    UUID writer = newAssistant(false);

    Api.Response missing =
        api().post("/api/tools", Api.json("name", uniqueName(), "type", "sub_assistant"));
    Api.Response unknown =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name", uniqueName(),
                    "type", "sub_assistant",
                    "subAssistantId", UUID.randomUUID().toString()));
    Api.Response notAllowed =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name", uniqueName(), "type", "time", "subAssistantId", writer.toString()));
    Api.Response ok =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name", uniqueName(),
                    "type", "sub_assistant",
                    "subAssistantId", writer.toString()));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorFields()).containsExactly("subAssistantId");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("subAssistantId");
    assertThat(notAllowed.status()).isEqualTo(400);
    assertThat(notAllowed.errorFields()).containsExactly("subAssistantId");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.text("subAssistantId")).isEqualTo(writer.toString());
  }

  @Test
  void refusesNamesTheModelCannotCall() {
    Api.Response response =
        api().post("/api/tools", Api.json("name", "has spaces", "type", "time"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("name");
  }

  @Test
  void answers404ForAnUnknownTool() {
    UUID unknown = UUID.randomUUID();
    assertThat(api().get("/api/tools/" + unknown).status()).isEqualTo(404);
    assertThat(api().patch("/api/tools/" + unknown, Api.json("isActive", true)).status())
        .isEqualTo(404);
    assertThat(api().delete("/api/tools/" + unknown).status()).isEqualTo(404);
  }

  @Test
  void linksAndUnlinksToolsOfAnAssistant() {
    UUID assistant = newAssistant(true);
    UUID tool = newTool();
    String link = "/api/assistants/" + assistant + "/tools/" + tool;

    Api.Response beforeLink = api().get(link);
    Api.Response first = api().put(link, null);
    Api.Response second = api().put(link, null);
    Api.Response list = api().get("/api/assistants/" + assistant + "/tools");
    Api.Response one = api().get(link);
    Api.Response unlinked = api().delete(link);
    Api.Response unlinkedAgain = api().delete(link);

    assertThat(beforeLink.status()).isEqualTo(404);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().size()).isEqualTo(1);
    assertThat(list.json().get(0).get("id").asString()).isEqualTo(tool.toString());
    assertThat(one.status()).isEqualTo(200);
    assertThat(unlinked.status()).isEqualTo(204);
    assertThat(unlinkedAgain.status()).isEqualTo(404);
    assertThat(api().get("/api/assistants/" + assistant + "/tools").json().size()).isZero();
  }

  @Test
  void answers404WhenLinkingUnknownAssistantsOrTools() {
    UUID assistant = newAssistant(false);
    UUID tool = newTool();

    assertThat(api().put("/api/assistants/" + UUID.randomUUID() + "/tools/" + tool, null).status())
        .isEqualTo(404);
    assertThat(
            api()
                .put("/api/assistants/" + assistant + "/tools/" + UUID.randomUUID(), null)
                .status())
        .isEqualTo(404);
    assertThat(api().get("/api/assistants/" + UUID.randomUUID() + "/tools").status())
        .isEqualTo(404);
  }

  @Test
  void deletingAToolRemovesItsLinks() {
    UUID assistant = newAssistant(true);
    UUID tool = newTool();
    api().put("/api/assistants/" + assistant + "/tools/" + tool, null);

    assertThat(api().delete("/api/tools/" + tool).status()).isEqualTo(204);

    assertThat(api().get("/api/assistants/" + assistant + "/tools").json().size()).isZero();
  }
}
