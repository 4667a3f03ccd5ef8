package org.smartassistant.rest.admin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;

/** The operator's password check behind the {@link LoginAttempts lock-out}. */
final class LockingAuthenticationProvider implements AuthenticationProvider {

  private final AuthenticationProvider passwords;
  private final LoginAttempts attempts;

  LockingAuthenticationProvider(AuthenticationProvider passwords, LoginAttempts attempts) {
    this.passwords = passwords;
    this.attempts = attempts;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String name = authentication.getName();
    if (attempts.locked(name)) {
      throw new LockedException("too many failed logins: locked for a while");
    }
    try {
      Authentication authenticated = passwords.authenticate(authentication);
      attempts.succeeded(name);
      return authenticated;
    } catch (BadCredentialsException e) {
      attempts.failed(name);
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }
}
