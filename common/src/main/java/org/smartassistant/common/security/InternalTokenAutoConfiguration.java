package org.smartassistant.common.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP side of every service: deny by default. Every request needs the right {@code
 * X-Internal-Token} header (or the same token as {@code Authorization: Bearer}, which is what
 * Prometheus and Alertmanager can send) except the exact paths of {@code
 * smart.internal.public-paths} (health and probes, and a service's own browser pages); error
 * dispatches of permitted requests render. No session, no CSRF, no login form, no basic auth, no
 * generated user. A {@link InternalFirewall firewall} refuses ambiguous paths with 400 before any
 * routing. A service whose token is blank or shorter than {@value
 * InternalTokenProperties#MIN_TOKEN_LENGTH} characters does not start.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
    })
@EnableConfigurationProperties(InternalTokenProperties.class)
public class InternalTokenAutoConfiguration {

  /** Why a service refuses to start without a proper token. */
  public static final String TOKEN_TOO_SHORT =
      "INTERNAL_TOKEN must be at least "
          + InternalTokenProperties.MIN_TOKEN_LENGTH
          + " characters; ./manage.sh start generates one";

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(SecurityFilterChain.class)
  @EnableWebSecurity
  static class ServletSecurity {

    private static final Logger log = LoggerFactory.getLogger(ServletSecurity.class);

    @Bean
    InternalTokenAuthenticationProvider internalTokenAuthenticationProvider(
        InternalTokenProperties properties) {
      if (!properties.strongEnough()) {
        throw new IllegalStateException(TOKEN_TOO_SHORT);
      }
      return new InternalTokenAuthenticationProvider(properties.token().strip());
    }

    @Bean
    SecurityFilterChain internalTokenFilterChain(
        HttpSecurity http,
        InternalTokenProperties properties,
        InternalTokenAuthenticationProvider provider)
        throws Exception {
      AuthenticationEntryPoint unauthorized =
          (request, response, e) ->
              ProblemResponses.write(
                  response,
                  HttpStatus.UNAUTHORIZED,
                  "missing or wrong " + InternalToken.HEADER + " header");
      AuthenticationFilter tokenFilter =
          new AuthenticationFilter(new ProviderManager(provider), ServletSecurity::presentedToken);
      tokenFilter.setSuccessHandler((request, response, authentication) -> {});
      tokenFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
      tokenFilter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
      String[] publicPaths = properties.publicPaths().toArray(String[]::new);
      log.info("answering without {} only: {}", InternalToken.HEADER, properties.publicPaths());
      return http.csrf(csrf -> csrf.disable())
          .formLogin(form -> form.disable())
          .httpBasic(basic -> basic.disable())
          .logout(logout -> logout.disable())
          .requestCache(cache -> cache.disable())
          .anonymous(anonymous -> {})
          .sessionManagement(
              sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
          .addFilterBefore(tokenFilter, AuthorizationFilter.class)
          .authorizeHttpRequests(
              requests ->
                  requests
                      .dispatcherTypeMatchers(DispatcherType.ERROR)
                      .permitAll()
                      .requestMatchers(publicPaths)
                      .permitAll()
                      .anyRequest()
                      .authenticated())
          .build();
    }

    private static PreAuthenticatedAuthenticationToken presentedToken(HttpServletRequest request) {
      String presented = request.getHeader(InternalToken.HEADER);
      if (presented == null) {
        presented = InternalToken.fromBearer(request.getHeader("Authorization"));
      }
      return presented == null
          ? null
          : new PreAuthenticatedAuthenticationToken("caller", presented);
    }

    @Bean
    HttpFirewall internalFirewall() {
      return InternalFirewall.create();
    }

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
      return (request, response, e) -> {
        log.debug("request refused by the firewall: {}", e.getMessage());
        ProblemResponses.write(
            response,
            HttpStatus.BAD_REQUEST,
            "the request path is not in canonical form (no ';', '//', '.' or '..' segments,"
                + " backslashes or needlessly percent-encoded characters)");
      };
    }
  }
}
