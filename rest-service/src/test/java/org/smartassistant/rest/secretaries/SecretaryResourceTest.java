package org.smartassistant.rest.secretaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class SecretaryResourceTest extends RestServiceTest {

  @Test
  void aUserWithoutAssignmentGetsTheDefaultSecretary() {
    long user = newUser();
    String defaultId = api().get("/api/settings").text("defaultSecretaryId");

    Api.Response secretary = api().get("/api/users/" + user + "/secretary");

    assertThat(defaultId).as("the seed sets a default secretary").isNotNull();
    assertThat(secretary.status()).isEqualTo(200);
    assertThat(secretary.text("source")).isEqualTo("default");
    assertThat(secretary.json().get("assistant").get("id").asString()).isEqualTo(defaultId);
  }

  @Test
  void assignsReplacesAndClearsAUsersSecretary() {
    long user = newUser();
    UUID first = newAssistant(true);
    UUID second = newAssistant(true);
    String path = "/api/users/" + user + "/secretary";

    Api.Response assigned = api().put(path, Api.json("assistantId", first.toString()));
    Api.Response replaced = api().put(path, Api.json("assistantId", second.toString()));
    Api.Response current = api().get(path);
    Api.Response cleared = api().delete(path);
    Api.Response clearedAgain = api().delete(path);

    assertThat(assigned.status()).isEqualTo(200);
    assertThat(assigned.text("source")).isEqualTo("assigned");
    assertThat(replaced.json().get("assistant").get("id").asString()).isEqualTo(second.toString());
    assertThat(current.json().get("assistant").get("id").asString()).isEqualTo(second.toString());
    assertThat(cleared.status()).isEqualTo(204);
    assertThat(clearedAgain.status()).isEqualTo(404);
    assertThat(api().get(path).text("source")).isEqualTo("default");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM user_secretaries WHERE user_id = ?", Long.class, user))
        .as("replaced assignments stay as history")
        .isEqualTo(2);
  }

  @Test
  void refusesAnAssistantThatIsNotAnActiveSecretary() {
    long user = newUser();
    UUID notSecretary = newAssistant(false);

    Api.Response wrongKind =
        api()
            .put(
                "/api/users/" + user + "/secretary",
                Api.json("assistantId", notSecretary.toString()));
    Api.Response unknown =
        api()
            .put(
                "/api/users/" + user + "/secretary",
                Api.json("assistantId", UUID.randomUUID().toString()));

    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.errorFields()).containsExactly("assistantId");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("assistantId");
  }

  @Test
  void answers404ForAnUnknownUser() {
    UUID secretary = newAssistant(true);

    assertThat(api().get("/api/users/99999999/secretary").status()).isEqualTo(404);
    assertThat(
            api()
                .put("/api/users/99999999/secretary", Api.json("assistantId", secretary.toString()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void listsOnlyActiveSecretaries() {
    UUID active = newAssistant(true);
    UUID inactive = newAssistant(true);
    UUID plain = newAssistant(false);
    api().patch("/api/assistants/" + inactive, Api.json("isActive", false));

    Api.Response list = api().get("/api/secretaries?size=200");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body())
        .contains(active.toString())
        .doesNotContain(inactive.toString())
        .doesNotContain(plain.toString());
  }

  @Test
  void anAssignedSecretaryThatIsDeactivatedFallsBackToTheDefault() {
    long user = newUser();
    UUID secretary = newAssistant(true);
    api().put("/api/users/" + user + "/secretary", Api.json("assistantId", secretary.toString()));

    api().patch("/api/assistants/" + secretary, Api.json("isActive", false));

    assertThat(api().get("/api/users/" + user + "/secretary").text("source")).isEqualTo("default");
  }
}
