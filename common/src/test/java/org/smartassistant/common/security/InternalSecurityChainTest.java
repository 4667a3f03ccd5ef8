package org.smartassistant.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.util.UriUtils;

/**
 * The security filter chain every service gets from common: deny by default, the token opens
 * everything, a short list of public paths, a firewall answering 400, no start with a weak token.
 */
class InternalSecurityChainTest {

  static final String TOKEN = "0123456789abcdef0123456789abcdef-chain-test";

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  InternalTokenAutoConfiguration.class,
                  SecurityAutoConfiguration.class,
                  UserDetailsServiceAutoConfiguration.class,
                  ServletWebSecurityAutoConfiguration.class))
          .withPropertyValues("smart.internal.token=" + TOKEN);

  /** A request through the chain; 200 when it reached the application behind it. */
  private static MockHttpServletResponse call(
      AssertableWebApplicationContext context, String rawPath, String token) throws Exception {
    return call(context, rawPath, InternalToken.HEADER, token);
  }

  private static MockHttpServletResponse call(
      AssertableWebApplicationContext context, String rawPath, String header, String value)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", rawPath);
    // as a servlet container does: the servlet path is decoded, the request URI is not
    request.setServletPath(UriUtils.decode(rawPath, StandardCharsets.UTF_8));
    if (value != null) {
      request.addHeader(header, value);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain application = new MockFilterChain();
    context
        .getBean("springSecurityFilterChain", Filter.class)
        .doFilter(request, response, application);
    if (application.getRequest() != null) {
      response.setStatus(200);
    }
    return response;
  }

  @Test
  void everyPathNeedsTheTokenButTheHealthProbes() {
    runner.run(
        context -> {
          for (String path :
              new String[] {
                "/api/users/1",
                "/events/1",
                "/actuator/prometheus",
                "/v3/api-docs",
                "/actuator/info",
                "/anything",
                "/",
                "/actuator/health/db"
              }) {
            MockHttpServletResponse refused = call(context, path, null);
            assertThat(refused.getStatus()).as(path).isEqualTo(401);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(refused.getContentAsString())
                .contains("\"status\":401")
                .contains("X-Internal-Token")
                .doesNotContain(path.substring(1).isEmpty() ? "\"instance\"" : path);
            assertThat(call(context, path, "wrong").getStatus()).as(path).isEqualTo(401);
            assertThat(call(context, path, TOKEN).getStatus()).as(path).isEqualTo(200);
          }
          for (String path :
              new String[] {
                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
              }) {
            assertThat(call(context, path, null).getStatus()).as(path).isEqualTo(200);
          }
        });
  }

  @Test
  void theTokenMayComeAsABearerTokenAsPrometheusSendsIt() {
    runner.run(
        context -> {
          String path = "/actuator/prometheus";
          assertThat(call(context, path, "Authorization", "Bearer " + TOKEN).getStatus())
              .isEqualTo(200);
          assertThat(call(context, path, "Authorization", "bearer " + TOKEN).getStatus())
              .isEqualTo(200);
          assertThat(call(context, path, "Authorization", "Bearer wrong").getStatus())
              .isEqualTo(401);
          assertThat(call(context, path, "Authorization", "Basic " + TOKEN).getStatus())
              .isEqualTo(401);
          assertThat(call(context, path, "Authorization", "Bearer ").getStatus()).isEqualTo(401);
        });
  }

  @Test
  void aServiceNamesItsOwnPublicPaths() {
    runner
        .withPropertyValues(
            "smart.internal.public-paths[0]=/actuator/health",
            "smart.internal.public-paths[1]=/auth/callback")
        .run(
            context -> {
              assertThat(call(context, "/auth/callback", null).getStatus()).isEqualTo(200);
              assertThat(call(context, "/auth/callback/x", null).getStatus()).isEqualTo(401);
              assertThat(call(context, "/actuator/health/liveness", null).getStatus())
                  .isEqualTo(401);
            });
  }

  @Test
  void theErrorDispatchOfAPermittedRequestRenders() {
    runner.run(
        context -> {
          MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
          request.setServletPath("/error");
          request.setDispatcherType(DispatcherType.ERROR);
          MockFilterChain application = new MockFilterChain();
          context
              .getBean("springSecurityFilterChain", Filter.class)
              .doFilter(request, new MockHttpServletResponse(), application);
          assertThat(application.getRequest()).isNotNull();
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api;x/users/1",
        "/api;/users/1",
        "/%61pi/users/1",
        "/%41pi/users/1",
        "/api/users/%31",
        "/api/%7e/1",
        "/api/%2E%2e/1",
        "//api/users/1",
        "/api/./users/1",
        "/api/x/../users/1",
        "/api%2Fusers/1",
        "/api\\users/1",
        "/api/%25/1"
      })
  void theFirewallRefusesAmbiguousPathsWith400EvenWithTheToken(String path) {
    runner.run(
        context -> {
          for (String token : new String[] {null, TOKEN}) {
            MockHttpServletResponse response = call(context, path, token);
            assertThat(response.getStatus()).as(path).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString())
                .contains("\"status\":400")
                .doesNotContain("users");
          }
        });
  }

  @Test
  void encodedCharactersOutsideTheUnreservedSetStayAllowed() {
    runner.run(
        context -> assertThat(call(context, "/api/notes/a%20b", TOKEN).getStatus()).isEqualTo(200));
  }

  @Test
  void noGeneratedUserNorPassword() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(UserDetailsService.class);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "short", "0123456789abcdef0123456789abcde"})
  void aServiceWithABlankOrShortTokenDoesNotStart(String token) {
    runner
        .withPropertyValues("smart.internal.token=" + token)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "INTERNAL_TOKEN must be at least 32 characters; ./manage.sh start"
                            + " generates one"));
  }

  @Test
  void aServiceWithoutAnyTokenDoesNotStart() {
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                InternalTokenAutoConfiguration.class,
                SecurityAutoConfiguration.class,
                ServletWebSecurityAutoConfiguration.class))
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void aContextWithoutAWebServerNeedsNoToken() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InternalTokenAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed());
  }
}
