package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

/** The calendar rule API: bad input, duplicates, other users' rule ids and the internal token. */
class CalendarRuleResourceTest extends RestServiceTest {

  private String rules(long user) {
    return "/api/users/" + user + "/calendar-rules";
  }

  @Test
  void aRuleIsAddedListedAndRemoved() {
    long user = newUser();

    Api.Response created =
        api().post(rules(user), Api.json("minutesBefore", 15, "titleFilter", " Standup "));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("minutesBefore").asInt()).isEqualTo(15);
    assertThat(created.text("titleFilter")).isEqualTo("Standup");
    String id = created.text("id");
    Api.Response listed = api().get(rules(user));
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.json().get(0).get("id").asString()).isEqualTo(id);
    assertThat(api().delete(rules(user) + "/" + id).status()).isEqualTo(204);
    assertThat(api().get(rules(user)).json()).isEmpty();
    assertThat(api().delete(rules(user) + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void badInputIsA400NamingTheField() {
    long user = newUser();

    Api.Response negative = api().post(rules(user), Api.json("minutesBefore", -5));
    Api.Response tooFar = api().post(rules(user), Api.json("minutesBefore", 10_081));
    Api.Response missing = api().post(rules(user), Api.json("titleFilter", "x"));
    Api.Response longFilter =
        api().post(rules(user), Api.json("minutesBefore", 5, "titleFilter", "x".repeat(201)));
    Api.Response notJson = api().post(rules(user), "{\"minutesBefore\": ");
    Api.Response wrongType = api().post(rules(user), Api.json("minutesBefore", "soon"));

    for (Api.Response refused :
        new Api.Response[] {negative, tooFar, missing, longFilter, wrongType}) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.isProblem()).isTrue();
    }
    assertThat(negative.errorFields()).contains("minutesBefore");
    assertThat(missing.errorFields()).contains("minutesBefore");
    assertThat(longFilter.errorFields()).contains("titleFilter");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(api().get(rules(user)).json()).isEmpty();
    assertThat(api().get("/api/calendar-rules?size=0").status()).isEqualTo(400);
    assertThat(
            api()
                .put(
                    "/api/calendar-rules/" + UUID.randomUUID() + "/reminders",
                    "{\"from\":\"2030-01-02T00:00:00Z\",\"to\":\"2030-01-01T00:00:00Z\","
                        + "\"events\":[]}")
                .status())
        .isIn(400, 404);
  }

  @Test
  void theSameRuleTwiceIsAConflictInAnyCase() {
    long user = newUser();
    assertThat(
            api()
                .post(rules(user), Api.json("minutesBefore", 10, "titleFilter", "Flight"))
                .status())
        .isEqualTo(201);

    Api.Response again =
        api().post(rules(user), Api.json("minutesBefore", 10, "titleFilter", "fLIGHT"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.isProblem()).isTrue();
    assertThat(api().post(rules(user), Api.json("minutesBefore", 10)).status()).isEqualTo(201);
    assertThat(api().post(rules(user), Api.json("minutesBefore", 10)).status()).isEqualTo(409);
  }

  @Test
  void anotherUsersRuleIdIsA404AndTheRuleStays() {
    long alice = newUser();
    long bob = newUser();
    String alices = api().post(rules(alice), Api.json("minutesBefore", 15)).text("id");

    Api.Response forged = api().delete(rules(bob) + "/" + alices);

    assertThat(forged.status()).isEqualTo(404);
    assertThat(forged.isProblem()).isTrue();
    assertThat(api().get(rules(alice)).json()).hasSize(1);
    assertThat(api().get(rules(bob)).json()).isEmpty();
    assertThat(api().post(rules(999_999_999L), Api.json("minutesBefore", 15)).status())
        .isEqualTo(404);
    assertThat(api().get(rules(999_999_999L)).status()).isEqualTo(404);
  }

  @Test
  void everyRouteNeedsTheInternalToken() {
    long user = newUser();
    Api wrong = api().withToken("not-the-token");
    Api none = api().withToken(null);

    for (Api caller : new Api[] {wrong, none}) {
      assertThat(caller.get(rules(user)).status()).isEqualTo(401);
      assertThat(caller.post(rules(user), Api.json("minutesBefore", 15)).status()).isEqualTo(401);
      assertThat(caller.delete(rules(user) + "/" + UUID.randomUUID()).status()).isEqualTo(401);
      assertThat(caller.get("/api/calendar-rules").status()).isEqualTo(401);
      assertThat(
              caller
                  .put(
                      "/api/calendar-rules/" + UUID.randomUUID() + "/reminders",
                      "{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2030-01-02T00:00:00Z\","
                          + "\"events\":[]}")
                  .status())
          .isEqualTo(401);
    }
    assertThat(api().get(rules(user)).json()).isEmpty();
  }
}
