package org.smartassistant.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.security.InternalToken;
import org.smartassistant.rest.RestServiceTest;

/**
 * The /admin chain: a form login with the operator's password, a lock-out after repeated failures,
 * CSRF on every POST, and no way in with the internal token; /api keeps needing the token.
 */
class AdminSecurityTest extends RestServiceTest {

  private AdminBrowser browser() {
    return new AdminBrowser(baseUrl());
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  @Test
  void aWrongPasswordIsRefusedAndTheRightOneLogsIn() {
    AdminBrowser browser = browser();

    HttpResponse<String> wrong = browser.login("admin", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(location(wrong)).endsWith("/admin/login?error");
    assertThat(browser.get("/admin").statusCode()).isEqualTo(302);

    HttpResponse<String> right = browser.login("admin", ADMIN_PASSWORD);
    assertThat(right.statusCode()).isEqualTo(302);
    assertThat(location(right)).endsWith("/admin");
    String setCookie = String.join(";", right.headers().allValues("Set-Cookie"));
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    HttpResponse<String> overview = browser.get("/admin");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("Overview").contains("rest-service").doesNotContain(TOKEN);
  }

  @Test
  void theUserNameIsLockedAfterFiveFailuresEvenForTheRightPasswordUntilTheLockEnds() {
    AdminBrowser browser = browser();
    for (int i = 0; i < 5; i++) {
      assertThat(location(browser.login("admin", "wrong-" + i))).endsWith("/admin/login?error");
    }

    HttpResponse<String> locked = browser.login("admin", ADMIN_PASSWORD);
    assertThat(location(locked)).endsWith("/admin/login?locked");
    assertThat(browser.get("/admin").statusCode()).isEqualTo(302);
    assertThat(browser.get("/admin/login?locked").body()).contains("locked");

    // the test context locks for 2 s (ADMIN_LOCKOUT_DURATION, 15 min by default)
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> location(browser.login("admin", ADMIN_PASSWORD)).endsWith("/admin"));
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    long user = newUser();
    AdminBrowser browser = browser();
    browser.login("admin", ADMIN_PASSWORD);

    HttpResponse<String> withoutToken =
        browser.post("/admin/users/" + user + "/status", Map.of("status", "blocked"));
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(api().get("/api/users/" + user).text("status")).isEqualTo("active");
    // a login form without the token is refused as well
    assertThat(
            browser
                .post("/admin/login", Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> withToken =
        browser.submit(
            "/admin/users/" + user,
            "/admin/users/" + user + "/status",
            Map.of("status", "blocked"));
    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(api().get("/api/users/" + user).text("status")).isEqualTo("blocked");
    assertThat(browser.get("/admin/users/" + user).body()).contains("User blocked.");
  }

  @Test
  void theInternalTokenOpensNoAdminPageAndApiStillNeedsIt() {
    AdminBrowser browser = browser();

    HttpResponse<String> withToken = browser.get("/admin", InternalToken.HEADER, TOKEN);
    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(location(withToken)).endsWith("/admin/login");
    assertThat(browser.get("/admin/users", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(302);
    assertThat(browser.post("/admin/login", Map.of(), InternalToken.HEADER, TOKEN).statusCode())
        .isEqualTo(403);

    assertThat(api().withToken(null).get("/api/users").status()).isEqualTo(401);
    // a logged-in session opens no API path either
    browser.login("admin", ADMIN_PASSWORD);
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
    assertThat(browser.get("/api/users").statusCode()).isEqualTo(401);
  }

  @Test
  void everyPageRendersForTheOperator() {
    long user = newUser();
    createRecurring(user, "0 9 * * *");
    AdminBrowser browser = browser();
    browser.login("admin", ADMIN_PASSWORD);

    for (String page :
        new String[] {
          "/admin",
          "/admin/users",
          "/admin/users/" + user,
          "/admin/users/" + user + "/reminders",
          "/admin/users/" + user + "/conversation",
          "/admin/usage",
          "/admin/assistants",
          "/admin/assistants/" + newAssistant(true),
          "/admin/tools",
          "/admin/dead-letters"
        }) {
      HttpResponse<String> response = browser.get(page);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
      assertThat(response.body()).as(page).contains("Log out");
    }
    assertThat(browser.get("/admin/users/" + user + "/reminders").body()).contains("stretch");
    assertThat(browser.get("/admin/users/999999999").statusCode()).isEqualTo(404);
  }
}
