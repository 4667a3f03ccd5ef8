package org.smartassistant.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.calendar.CalendarServiceTest;
import org.smartassistant.common.security.InternalTokenProperties;
import org.smartassistant.testsupport.RawHttp;
import org.smartassistant.testsupport.RawHttp.Route;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;

/**
 * Every route calendar-service maps, except its public OAuth callback, tried without the token in
 * every spelling of its path: none answers 2xx, none leaks the user's events or consent link. With
 * the token the plain path works.
 */
class GuardedRoutesTest extends CalendarServiceTest {

  private static final long USER = 9;
  private static final String ACCOUNT = "guarded@example.com";

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired InternalTokenProperties security;

  @Test
  void noGuardedRouteAnswersWithoutTheTokenWhateverThePathSpelling() throws Exception {
    REST.addUser(USER, 9_000_009);
    assertThat(connect(USER, ACCOUNT).statusCode()).isEqualTo(200);
    String secret = "guarded-" + UUID.randomUUID();
    GOOGLE.addEvent(
        ACCOUNT,
        secret,
        OffsetDateTime.parse("2026-11-24T10:00:00Z"),
        OffsetDateTime.parse("2026-11-24T11:00:00Z"));
    String event =
        "{\"title\":\""
            + secret
            + "\",\"start\":\"2026-11-27T12:00:00Z\",\"end\":\"2026-11-27T13:00:00Z\"}";

    List<Route> routes = new ArrayList<>();
    for (Route route : RawHttp.routes(mappings)) {
      if (!security.publicPaths().contains(route.pattern())) {
        routes.add(route);
      }
    }
    routes.add(new Route("GET", "/actuator/prometheus"));
    routes.add(new Route("GET", "/actuator/info"));
    routes.add(new Route("GET", "/actuator/health/redis"));
    assertThat(routes.stream().map(Route::pattern))
        .contains("/events/{userId}", "/auth/url/{userId}")
        .doesNotContain("/auth/callback");

    List<String> leaks = new ArrayList<>();
    int tried = 0;
    for (Route route : routes) {
      String path = new UriTemplate(route.pattern()).expand(Map.of("userId", USER)).toString();
      for (String form : RawHttp.tricks(path)) {
        tried++;
        RawHttp.Answer answer =
            RawHttp.send(
                port, route.method(), form, null, route.method().equals("GET") ? null : event);
        if (answer.successful()
            || answer.text().contains(secret)
            || answer.text().contains(GOOGLE.authorizationUrl())) {
          leaks.add(route.method() + " " + form + " -> " + answer.status());
        }
        assertThat(answer.status()).as(route.method() + " " + form).isIn(400, 401);
        assertThat(answer.text()).contains("application/problem+json");
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(tried).isGreaterThan(50);
    assertThat(GOOGLE.events(ACCOUNT)).hasSize(1);

    RawHttp.Answer events = RawHttp.send(port, "GET", "/events/" + USER, TOKEN, null);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.text()).contains(secret);
    RawHttp.Answer link = RawHttp.send(port, "GET", "/auth/url/" + USER, TOKEN, null);
    assertThat(link.status()).isEqualTo(200);
    assertThat(link.text()).contains("authUrl");
    assertThat(RawHttp.send(port, "POST", "/events/" + USER, TOKEN, event).status()).isEqualTo(201);
    assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", TOKEN, null).status())
        .isEqualTo(200);
  }

  @Test
  void theOAuthCallbackStaysPublic() throws Exception {
    RawHttp.Answer callback =
        RawHttp.send(port, "GET", "/auth/callback?state=x&code=y", null, null);
    assertThat(callback.status()).isEqualTo(400);
    assertThat(callback.text()).contains("text/html").contains("This link is not valid");
  }
}
