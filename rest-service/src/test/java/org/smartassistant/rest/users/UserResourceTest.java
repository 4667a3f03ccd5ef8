package org.smartassistant.rest.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class UserResourceTest extends RestServiceTest {

  @Test
  void registersAUserWithTheDefaultZoneAndFindsItByTelegramId() {
    long telegramId = nextTelegramId();

    Api.Response created =
        api()
            .post(
                "/api/users",
                Api.json("telegramId", telegramId, "username", "ann", "firstName", "Ann"));

    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(created.location()).endsWith("/api/users/" + id);
    assertThat(created.text("timezone")).isEqualTo("UTC");
    assertThat(created.text("language")).isEqualTo("en");
    assertThat(created.text("status")).isEqualTo("active");
    assertThat(created.text("createdAt")).endsWith("Z");
    Api.Response found = api().get("/api/users/by-telegram/" + telegramId);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("id").asLong()).isEqualTo(id);
    assertThat(api().get("/api/users/" + id).text("username")).isEqualTo("ann");
  }

  @Test
  void registersAGroupChatUnderItsNegativeChatIdButNoTelegramIdZero() {
    long groupChatId = -1000000000000L - nextTelegramId();

    Api.Response group =
        api().post("/api/users", Api.json("telegramId", groupChatId, "firstName", "Team"));
    Api.Response zero = api().post("/api/users", Api.json("telegramId", 0));

    assertThat(group.status()).isEqualTo(201);
    assertThat(api().get("/api/users/by-telegram/" + groupChatId).json().get("id").asLong())
        .isEqualTo(group.json().get("id").asLong());
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.isProblem()).isTrue();
  }

  @Test
  void refusesASecondUserWithTheSameTelegramId() {
    long telegramId = nextTelegramId();
    api().post("/api/users", Api.json("telegramId", telegramId));

    Api.Response again = api().post("/api/users", Api.json("telegramId", telegramId));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.isProblem()).isTrue();
    assertThat(again.text("detail")).contains("telegramId");
  }

  @Test
  void answers404ForUnknownUsers() {
    assertThat(api().get("/api/users/987654321").status()).isEqualTo(404);
    assertThat(api().get("/api/users/by-telegram/1").status()).isEqualTo(404);
    assertThat(api().patch("/api/users/987654321", Api.json("language", "de")).status())
        .isEqualTo(404);
    Api.Response deleted = api().delete("/api/users/987654321");
    assertThat(deleted.status()).isEqualTo(404);
    assertThat(deleted.isProblem()).isTrue();
  }

  @Test
  void changesTimezoneAndStatus() {
    long id = newUser();

    Api.Response changed =
        api()
            .patch(
                "/api/users/" + id,
                Api.json("timezone", "Europe/Berlin", "status", "blocked", "preferredName", "Al"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.text("timezone")).isEqualTo("Europe/Berlin");
    assertThat(changed.text("status")).isEqualTo("blocked");
    assertThat(changed.text("preferredName")).isEqualTo("Al");
  }

  @Test
  void refusesAnInvalidTimeZoneNamingTheField() {
    long id = newUser();

    Api.Response patched = api().patch("/api/users/" + id, Api.json("timezone", "Mars/Base"));
    Api.Response created =
        api().post("/api/users", Api.json("telegramId", nextTelegramId(), "timezone", "+02:00"));

    assertThat(patched.status()).isEqualTo(400);
    assertThat(patched.errorFields()).containsExactly("timezone");
    assertThat(created.status()).isEqualTo(400);
    assertThat(created.errorFields()).containsExactly("timezone");
  }

  @Test
  void listsUsersPagedAndFilteredByStatus() {
    long blocked = newUser();
    api().patch("/api/users/" + blocked, Api.json("status", "blocked"));
    newUser();

    Api.Response page = api().get("/api/users?status=blocked&size=200");
    Api.Response small = api().get("/api/users?size=1&page=0");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get("items").findValuesAsString("status")).containsOnly("blocked");
    assertThat(page.json().get("items").findValues("id").stream().map(v -> v.asLong()))
        .contains(blocked);
    assertThat(small.json().get("items").size()).isEqualTo(1);
    assertThat(small.json().get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void refusesPagesLargerThanTheMaximumNamingSize() {
    Api.Response tooLarge = api().get("/api/users?size=201");
    Api.Response negative = api().get("/api/users?page=-1");
    Api.Response badStatus = api().get("/api/users?status=sleeping");

    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.errorFields()).containsExactly("size");
    assertThat(negative.errorFields()).containsExactly("page");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.errorFields()).containsExactly("status");
  }

  @Test
  void deletesAUserWithItsData() {
    long id = newUser();
    api()
        .post("/api/users/" + id + "/messages", Api.json("role", "user", "content", "hello there"));

    assertThat(api().delete("/api/users/" + id).status()).isEqualTo(204);

    assertThat(api().get("/api/users/" + id).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject("SELECT count(*) FROM messages WHERE user_id = ?", Long.class, id))
        .isZero();
  }
}
