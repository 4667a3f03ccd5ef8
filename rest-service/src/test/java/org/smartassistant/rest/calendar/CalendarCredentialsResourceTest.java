package org.smartassistant.rest.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.PutCalendarCredentialsRequest;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class CalendarCredentialsResourceTest extends RestServiceTest {

  @Test
  void storesTokensEncryptedAndRoundTripsThemForAService() {
    long user = newUser();
    String access = "ya29.access-" + UUID.randomUUID();
    String refresh = "1//refresh-" + UUID.randomUUID();

    CalendarCredentialsDto stored =
        client()
            .putCalendarCredentials(
                user,
                new PutCalendarCredentialsRequest(
                    access,
                    refresh,
                    java.time.Instant.parse("2030-01-01T00:00:00Z"),
                    "calendar.events"));
    CalendarCredentialsDto read = client().calendarCredentials(user);

    assertThat(stored.accessToken()).isEqualTo(access);
    assertThat(read.accessToken()).isEqualTo(access);
    assertThat(read.refreshToken()).isEqualTo(refresh);
    assertThat(read.expiresAt()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(read.toString()).doesNotContain(access).doesNotContain(refresh);

    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT access_token, refresh_token, encode(access_token, 'escape') AS a,"
                + " encode(refresh_token, 'escape') AS r"
                + " FROM calendar_credentials WHERE user_id = ?",
            user);
    byte[] accessCipher = (byte[]) row.get("access_token");
    byte[] refreshCipher = (byte[]) row.get("refresh_token");
    assertThat(new String(accessCipher, StandardCharsets.ISO_8859_1)).doesNotContain(access);
    assertThat(new String(refreshCipher, StandardCharsets.ISO_8859_1)).doesNotContain(refresh);
    assertThat((String) row.get("a")).doesNotContain(access);
    assertThat((String) row.get("r")).doesNotContain(refresh);
    List<Long> plainTextHits =
        jdbc.queryForList(
            "SELECT user_id FROM calendar_credentials"
                + " WHERE position(convert_to(?, 'UTF8') IN access_token) > 0"
                + " OR position(convert_to(?, 'UTF8') IN refresh_token) > 0",
            Long.class,
            access,
            refresh);
    assertThat(plainTextHits).isEmpty();
  }

  @Test
  void keepsTheStoredRefreshTokenWhenAnUpdateHasNone() {
    long user = newUser();
    String path = "/api/users/" + user + "/calendar-credentials";

    Api.Response first =
        api().put(path, Api.json("accessToken", "a1", "refreshToken", "r1", "scope", "s"));
    Api.Response refreshed = api().put(path, Api.json("accessToken", "a2"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.text("accessToken")).isEqualTo("a2");
    assertThat(refreshed.text("refreshToken")).isEqualTo("r1");
    assertThat(refreshed.text("scope")).isEqualTo("s");
  }

  @Test
  void requiresARefreshTokenTheFirstTime() {
    long user = newUser();

    Api.Response response =
        api().put("/api/users/" + user + "/calendar-credentials", Api.json("accessToken", "a"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("refreshToken");
  }

  @Test
  void deletesCredentialsAndAnswers404WhenThereAreNone() {
    long user = newUser();
    String path = "/api/users/" + user + "/calendar-credentials";

    Api.Response before = api().get(path);
    api().put(path, Api.json("accessToken", "a", "refreshToken", "r"));
    Api.Response deleted = api().delete(path);
    Api.Response after = api().get(path);

    assertThat(before.status()).isEqualTo(404);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(after.status()).isEqualTo(404);
    assertThat(api().delete(path).status()).isEqualTo(404);
  }

  @Test
  void answers404ForAnUnknownUser() {
    String path = "/api/users/99999999/calendar-credentials";

    assertThat(api().get(path).status()).isEqualTo(404);
    assertThat(api().put(path, Api.json("accessToken", "a", "refreshToken", "r")).status())
        .isEqualTo(404);
  }
}
