package org.smartassistant.rest.assistants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class AssistantResourceTest extends RestServiceTest {

  @Test
  void createsAnAssistantWithTheDefaultProviderAndModel() {
    String name = "planner-" + UUID.randomUUID();

    Api.Response created =
        api()
            .post(
                "/api/assistants",
                Api.json(
                    "name", name,
                    "description", "plans trips",
                    "instructions", "You plan trips.",
                    "startupMessage", "Where to?",
                    "temperature", 0.5));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("provider")).isEqualTo("openai");
    assertThat(created.text("model")).isEqualTo("gpt-4o-mini");
    assertThat(created.json().get("isSecretary").asBoolean()).isFalse();
    assertThat(created.json().get("isActive").asBoolean()).isTrue();
    assertThat(created.json().get("temperature").asDouble()).isEqualTo(0.5);
    String id = created.text("id");
    assertThat(created.location()).endsWith("/api/assistants/" + id);
    assertThat(api().get("/api/assistants/" + id).text("startupMessage")).isEqualTo("Where to?");
  }

  @Test
  void remembersWhetherTheModelAcceptsImages() {
    Api.Response plain =
        api().post("/api/assistants", Api.json("name", "plain-" + UUID.randomUUID()));
    Api.Response seeing =
        api()
            .post(
                "/api/assistants",
                Api.json("name", "seeing-" + UUID.randomUUID(), "acceptsImages", true));

    assertThat(plain.json().get("acceptsImages").asBoolean()).isFalse();
    assertThat(seeing.status()).isEqualTo(201);
    assertThat(seeing.json().get("acceptsImages").asBoolean()).isTrue();
    String id = seeing.text("id");
    Api.Response renamed = api().patch("/api/assistants/" + id, Api.json("name", "x" + id));
    assertThat(renamed.json().get("acceptsImages").asBoolean()).isTrue();
    Api.Response blind = api().patch("/api/assistants/" + id, Api.json("acceptsImages", false));
    assertThat(blind.json().get("acceptsImages").asBoolean()).isFalse();
    assertThat(api().get("/api/assistants/" + id).json().get("acceptsImages").asBoolean())
        .isFalse();
  }

  @Test
  void refusesAnAcceptsImagesThatIsNotABoolean() {
    UUID id = newAssistant(false);

    Api.Response refused =
        api().patch("/api/assistants/" + id, Api.json("acceptsImages", "sometimes"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.isProblem()).isTrue();
  }

  @Test
  void refusesADuplicateName() {
    String name = "dup-" + UUID.randomUUID();
    api().post("/api/assistants", Api.json("name", name));

    Api.Response again = api().post("/api/assistants", Api.json("name", name));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.isProblem()).isTrue();
  }

  @Test
  void refusesRenamingOntoAnotherAssistantsName() {
    String taken = "taken-" + UUID.randomUUID();
    api().post("/api/assistants", Api.json("name", taken));
    UUID other = newAssistant(false);

    Api.Response renamed = api().patch("/api/assistants/" + other, Api.json("name", taken));

    assertThat(renamed.status()).isEqualTo(409);
  }

  @Test
  void changesAnAssistant() {
    UUID id = newAssistant(false);

    Api.Response changed =
        api()
            .patch(
                "/api/assistants/" + id,
                Api.json(
                    "provider",
                    "anthropic",
                    "model",
                    "claude-sonnet",
                    "isSecretary",
                    true,
                    "isActive",
                    false));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.text("provider")).isEqualTo("anthropic");
    assertThat(changed.text("model")).isEqualTo("claude-sonnet");
    assertThat(changed.json().get("isSecretary").asBoolean()).isTrue();
    assertThat(changed.json().get("isActive").asBoolean()).isFalse();
  }

  @Test
  void refusesInvalidValuesNamingTheFields() {
    Api.Response response =
        api().post("/api/assistants", Api.json("name", " ", "temperature", 3.5));
    Api.Response provider =
        api()
            .post("/api/assistants", Api.json("name", "x-" + UUID.randomUUID(), "provider", "gpt"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "temperature");
    assertThat(provider.status()).isEqualTo(400);
    assertThat(provider.errorFields()).containsExactly("provider");
    assertThat(provider.json().get("errors").get(0).get("message").asString())
        .contains("openai", "anthropic", "ollama");
  }

  @Test
  void listsAssistantsFilteredBySecretaryAndActive() {
    UUID secretary = newAssistant(true);
    UUID other = newAssistant(false);

    Api.Response secretaries = api().get("/api/assistants?isSecretary=true&isActive=true&size=200");

    assertThat(secretaries.status()).isEqualTo(200);
    assertThat(secretaries.json().get("items").findValues("id").stream().map(v -> v.asString()))
        .contains(secretary.toString())
        .doesNotContain(other.toString());
  }

  @Test
  void answers404ForAnUnknownAssistantAnd400ForAMalformedId() {
    UUID unknown = UUID.randomUUID();
    assertThat(api().get("/api/assistants/" + unknown).status()).isEqualTo(404);
    assertThat(api().patch("/api/assistants/" + unknown, Api.json("model", "m")).status())
        .isEqualTo(404);
    assertThat(api().delete("/api/assistants/" + unknown).status()).isEqualTo(404);
    Api.Response malformed = api().get("/api/assistants/not-a-uuid");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorFields()).containsExactly("id");
  }

  @Test
  void deletesAnAssistantButNotWhileASubAssistantToolDelegatesToIt() {
    UUID writer = newAssistant(false);
    Api.Response tool =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name",
                    "delegate_" + UUID.randomUUID().toString().substring(0, 8),
                    "type",
                    "sub_assistant",
                    "subAssistantId",
                    writer.toString()));

    Api.Response refused = api().delete("/api/assistants/" + writer);
    api().delete("/api/tools/" + tool.text("id"));
    Api.Response deleted = api().delete("/api/assistants/" + writer);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text("detail")).contains("sub-assistant tool");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api().get("/api/assistants/" + writer).status()).isEqualTo(404);
  }
}
