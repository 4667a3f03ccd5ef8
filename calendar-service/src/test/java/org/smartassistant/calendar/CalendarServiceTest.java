package org.smartassistant.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.common.security.InternalToken;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.MutableClock;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.HtmlUtils;

/**
 * calendar-service running on a random port with its own Redis database, against a fake Google and
 * a fake rest-service, with a clock the tests move. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestInfrastructure
@Import(CalendarServiceTest.TestClock.class)
public abstract class CalendarServiceTest {

  protected static final String TOKEN = "internal-test-token-0123456789abcdef";
  protected static final String CLIENT_ID = "calendar-test.apps.googleusercontent.com";
  protected static final String CLIENT_SECRET = "calendar-test-secret";
  protected static final String STATE_SECRET = "a-state-secret-of-at-least-32-characters";
  protected static final String REDIRECT_URI = "https://calendar.example.test/auth/callback";
  protected static final String CONNECT_URL = "https://calendar.example.test/auth/connect";
  private static final Pattern CONTINUE =
      Pattern.compile("<a id=\"continue\" href=\"([^\"]+)\">Continue to Google</a>");
  protected static final String BOT_USERNAME = "test_assistant_bot";
  protected static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  protected static final FakeGoogle GOOGLE = new FakeGoogle().start();
  protected static final FakeRestService REST = new FakeRestService(TOKEN);
  protected static final MutableClock CLOCK = new MutableClock(START);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort protected int port;
  @Autowired protected StringRedisTemplate redis;

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("smart.internal.token", () -> TOKEN);
    registry.add("smart.rest-service.url", REST::baseUrl);
    registry.add("smart.rest-service.max-retries", () -> 0);
    registry.add("smart.calendar.google.client-id", () -> CLIENT_ID);
    registry.add("smart.calendar.google.client-secret", () -> CLIENT_SECRET);
    registry.add("smart.calendar.google.redirect-uri", () -> REDIRECT_URI);
    registry.add("smart.calendar.google.auth-url", GOOGLE::authorizationUrl);
    registry.add("smart.calendar.google.token-url", GOOGLE::tokenUrl);
    registry.add("smart.calendar.google.api-root", GOOGLE::apiRootUrl);
    registry.add("smart.calendar.oauth-state.secret", () -> STATE_SECRET);
    registry.add("smart.calendar.oauth-state.ttl", () -> "10m");
    registry.add("smart.calendar.telegram-bot-username", () -> BOT_USERNAME);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    Clock movableClock() {
      return CLOCK;
    }
  }

  @BeforeEach
  void resetWorld() {
    GOOGLE.reset();
    GOOGLE.expectClient(CLIENT_ID, CLIENT_SECRET);
    REST.reset();
    CLOCK.reset();
    redis.delete(Streams.INBOX);
  }

  /** The typed client other services use, with the internal token. */
  protected CalendarServiceClient client() {
    return ServiceClients.create(
        CalendarServiceClient.class,
        RestClient.builder(),
        new ServiceClientProperties("http://127.0.0.1:" + port, null, null, 0, null),
        TOKEN);
  }

  /**
   * The user's browser following Google's redirect to the callback: the redirect URI is the public
   * one, so its query is sent to this test's server.
   */
  protected HttpResponse<String> followRedirect(String location) throws Exception {
    String query = URI.create(location).getRawQuery();
    return get("/auth/callback" + (query == null ? "" : "?" + query), null);
  }

  /**
   * The public page a link opens: calendar-service's {@code /auth/connect}, as the browser would.
   */
  protected HttpResponse<String> openLink(String link) throws Exception {
    assertThat(link).startsWith(CONNECT_URL + "?");
    return get("/auth/connect?" + URI.create(link).getRawQuery(), null);
  }

  /** The user reading the page a link opens and clicking "Continue to Google": Google's URL. */
  protected String continueToGoogle(String link) throws Exception {
    HttpResponse<String> page = openLink(link);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Matcher href = CONTINUE.matcher(page.body());
    assertThat(href.find()).as("a 'Continue to Google' link in " + page.body()).isTrue();
    return HtmlUtils.htmlUnescape(href.group(1));
  }

  /** The full consent of a user as the given Google account; returns the callback's answer. */
  protected HttpResponse<String> connect(long userId, String account) throws Exception {
    String authUrl = continueToGoogle(client().authUrl(userId).authUrl());
    return followRedirect(GOOGLE.approve(authUrl, account));
  }

  protected HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header(InternalToken.HEADER, token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> post(String path, String json, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header(InternalToken.HEADER, token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The envelopes in the inbox stream, oldest first. */
  protected List<Envelope> inbox() {
    EnvelopeCodec codec = new EnvelopeCodec();
    return redis.opsForStream().range(Streams.INBOX, Range.unbounded()).stream()
        .map(record -> codec.decode(String.valueOf(record.getValue().get("envelope"))))
        .toList();
  }
}
