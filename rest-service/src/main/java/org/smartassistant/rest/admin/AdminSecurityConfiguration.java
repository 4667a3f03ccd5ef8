package org.smartassistant.rest.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of {@code /admin/**}, checked before the internal-token chain of every other path: a
 * form login of the user {@code admin} with the password of {@code ADMIN_PASSWORD_HASH}, a session
 * cookie, CSRF tokens on every POST and a lock-out after repeated failures. The internal token is
 * no substitute for the login here (this chain never reads it). Without a hash every {@code /admin}
 * path answers 404 with a page saying how to turn the UI on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdminProperties.class)
class AdminSecurityConfiguration {

  static final String USER = "admin";
  private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

  @Bean
  @Order(1)
  SecurityFilterChain adminFilterChain(HttpSecurity http, AdminProperties properties, Clock clock)
      throws Exception {
    http.securityMatcher("/admin/**");
    if (!properties.enabled()) {
      log.info("admin UI off: ADMIN_PASSWORD_HASH is not set");
      return http.csrf(csrf -> csrf.disable())
          .sessionManagement(
              sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .requestCache(cache -> cache.disable())
          .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(DISABLED))
          .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
          .build();
    }
    String hash = properties.passwordHash().strip();
    if (!hash.startsWith("{")) {
      throw new IllegalStateException(
          "ADMIN_PASSWORD_HASH must name its encoder, e.g. {bcrypt}$2a$10$...;"
              + " ./manage.sh admin-password makes one");
    }
    DaoAuthenticationProvider passwords =
        new DaoAuthenticationProvider(
            new InMemoryUserDetailsManager(
                User.withUsername(USER).password(hash).roles("ADMIN").build()));
    passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    LoginAttempts attempts =
        new LoginAttempts(properties.maxFailures(), properties.lockDuration(), clock);
    return http.authenticationManager(
            new ProviderManager(new LockingAuthenticationProvider(passwords, attempts)))
        .authorizeHttpRequests(
            requests ->
                requests.requestMatchers("/admin/login").permitAll().anyRequest().hasRole("ADMIN"))
        .formLogin(
            form ->
                form.loginPage("/admin/login")
                    .loginProcessingUrl("/admin/login")
                    .defaultSuccessUrl("/admin", true)
                    .failureHandler(
                        (request, response, e) ->
                            response.sendRedirect(
                                request.getContextPath()
                                    + (e instanceof LockedException
                                        ? "/admin/login?locked"
                                        : "/admin/login?error"))))
        .logout(
            logout ->
                logout
                    .logoutUrl("/admin/logout")
                    .logoutSuccessUrl("/admin/login?logout")
                    .deleteCookies("JSESSIONID"))
        .httpBasic(basic -> basic.disable())
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self';"
                                + " frame-ancestors 'none'; base-uri 'none'")))
        .build();
  }

  /** The page of a UI that is off: 404, and what the operator does to turn it on. */
  private static final AuthenticationEntryPoint DISABLED =
      (request, response, e) -> {
        response.setStatus(404);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response
            .getWriter()
            .write(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Admin UI is off</title></head><body>"
                    + "<h1>The admin UI is off</h1>"
                    + "<p>Set ADMIN_PASSWORD_HASH in .env (<code>./manage.sh admin-password</code>"
                    + " asks for the password and writes the hash) and restart rest-service."
                    + " docs/operations.md, \"Admin UI\", says more.</p></body></html>");
      };
}
