package org.smartassistant.rest.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class SettingsResourceTest extends RestServiceTest {

  @Test
  void changesTheHistoryWindowWhichMessagesThenUse() {
    int before = api().get("/api/settings").json().get("historyWindow").asInt();
    long user = newUser();
    for (int i = 0; i < 4; i++) {
      api().post("/api/users/" + user + "/messages", Api.json("role", "user", "content", "m" + i));
    }
    try {
      Api.Response changed = api().patch("/api/settings", Api.json("historyWindow", 2));

      assertThat(changed.status()).isEqualTo(200);
      assertThat(changed.json().get("historyWindow").asInt()).isEqualTo(2);
      assertThat(api().get("/api/users/" + user + "/messages").json().size()).isEqualTo(2);
    } finally {
      api().patch("/api/settings", Api.json("historyWindow", before));
    }
  }

  @Test
  void refusesInvalidDefaultsNamingTheFields() {
    UUID notSecretary = newAssistant(false);

    Api.Response window = api().patch("/api/settings", Api.json("historyWindow", 0));
    Api.Response response =
        api()
            .patch(
                "/api/settings",
                Api.json(
                    "defaultTimezone",
                    "Moon/Crater",
                    "defaultSecretaryId",
                    notSecretary.toString()));

    assertThat(window.status()).isEqualTo(400);
    assertThat(window.errorFields()).containsExactly("historyWindow");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields())
        .containsExactlyInAnyOrder("defaultTimezone", "defaultSecretaryId");
  }

  @Test
  void newUsersTakeTheDefaultTimeZone() {
    String before = api().get("/api/settings").text("defaultTimezone");
    try {
      api().patch("/api/settings", Api.json("defaultTimezone", "America/Sao_Paulo"));

      long user = newUser();

      assertThat(api().get("/api/users/" + user).text("timezone")).isEqualTo("America/Sao_Paulo");
    } finally {
      api().patch("/api/settings", Api.json("defaultTimezone", before));
    }
  }
}
