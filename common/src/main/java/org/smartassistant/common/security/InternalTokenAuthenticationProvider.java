package org.smartassistant.common.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Authenticates a request whose {@code X-Internal-Token} equals the configured token (compared in
 * constant time by {@link InternalToken#matches}). The caller is another service of the suite.
 */
public class InternalTokenAuthenticationProvider implements AuthenticationProvider {

  /** The principal name of a caller that presented the right token. */
  public static final String PRINCIPAL = "internal-service";

  private final String token;

  public InternalTokenAuthenticationProvider(String token) {
    this.token = token;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Object presented = authentication.getCredentials();
    if (!(presented instanceof String value) || !InternalToken.matches(token, value)) {
      throw new BadCredentialsException("wrong " + InternalToken.HEADER + " header");
    }
    PreAuthenticatedAuthenticationToken result =
        new PreAuthenticatedAuthenticationToken(
            PRINCIPAL, null, AuthorityUtils.createAuthorityList("ROLE_INTERNAL"));
    result.setDetails(List.of());
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
