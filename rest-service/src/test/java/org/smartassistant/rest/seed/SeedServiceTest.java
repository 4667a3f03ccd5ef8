package org.smartassistant.rest.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

class SeedServiceTest extends RestServiceTest {

  @Autowired SeedService seed;

  @Test
  void theFirstStartSeededTheDefaultSecretaryWithItsTools() {
    Api.Response settings = api().get("/api/settings");
    UUID secretary = UUID.fromString(settings.text("defaultSecretaryId"));

    Api.Response assistant = api().get("/api/assistants/" + secretary);
    Api.Response tools = api().get("/api/assistants/" + secretary + "/tools");

    assertThat(assistant.text("name")).isEqualTo(DefaultContent.SECRETARY_NAME);
    assertThat(assistant.json().get("isSecretary").asBoolean()).isTrue();
    assertThat(assistant.text("provider")).isEqualTo("openai");
    assertThat(assistant.text("model")).isEqualTo("gpt-4o-mini");
    assertThat(assistant.text("instructions")).contains("reminder_create", "writer", "memory_save");
    List<String> toolNames =
        tools.json().findValues("name").stream().map(n -> n.asString()).toList();
    assertThat(toolNames)
        .containsExactlyInAnyOrder(
            "time",
            "reminder_create",
            "reminder_list",
            "reminder_delete",
            "calendar_list",
            "calendar_create",
            "weather",
            "memory_save",
            "memory_search",
            "memory_forget",
            "web_search",
            "writer");
    assertThat(
            jdbc.queryForObject(
                "SELECT a.name FROM tools t JOIN assistants a ON a.id = t.sub_assistant_id"
                    + " WHERE t.name = 'writer'",
                String.class))
        .isEqualTo(DefaultContent.WRITER_NAME);
  }

  @Test
  void seedingTwiceLeavesExactlyOneDefaultSecretaryAndItsTools() {
    SeedService.SeedReport first = seed.seed();
    long assistants = count("SELECT count(*) FROM assistants");
    long tools = count("SELECT count(*) FROM tools");
    long links = count("SELECT count(*) FROM assistant_tools");

    SeedService.SeedReport second = seed.seed();

    assertThat(second.secretaryId()).isEqualTo(first.secretaryId());
    assertThat(second.assistantsCreated()).isZero();
    assertThat(second.toolsCreated()).isZero();
    assertThat(second.linksCreated()).isZero();
    assertThat(count("SELECT count(*) FROM assistants")).isEqualTo(assistants);
    assertThat(count("SELECT count(*) FROM tools")).isEqualTo(tools);
    assertThat(count("SELECT count(*) FROM assistant_tools")).isEqualTo(links);
    assertThat(count("SELECT count(*) FROM assistants WHERE name = 'Secretary'")).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM assistant_tools l JOIN settings s"
                    + " ON l.assistant_id = s.default_secretary_id"))
        .isEqualTo(DefaultContent.TOOLS.size());
  }

  @Test
  void seedingRestoresAMissingLinkButKeepsTheOperatorsChanges() {
    UUID secretary = seed.seed().secretaryId();
    api().patch("/api/assistants/" + secretary, Api.json("model", "gpt-4.1"));
    String weather =
        jdbc.queryForObject("SELECT id::text FROM tools WHERE name = 'weather'", String.class);
    api().delete("/api/assistants/" + secretary + "/tools/" + weather);

    SeedService.SeedReport report = seed.seed();

    assertThat(report.linksCreated()).isEqualTo(1);
    assertThat(api().get("/api/assistants/" + secretary).text("model")).isEqualTo("gpt-4.1");
    api().patch("/api/assistants/" + secretary, Api.json("model", "gpt-4o-mini"));
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }
}
