package org.smartassistant.rest.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Prints the {@code ADMIN_PASSWORD_HASH} value of the password read from the first line of standard
 * input ({@code {bcrypt}$2a$10$...}), without starting the service: {@code ./manage.sh
 * admin-password} runs it from the service jar.
 */
public final class AdminPasswordHash {

  static final int MIN_LENGTH = 12;

  private AdminPasswordHash() {}

  public static void main(String[] args) throws Exception {
    String password =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (password == null || password.strip().length() < MIN_LENGTH) {
      System.err.println("the password must have at least " + MIN_LENGTH + " characters");
      System.exit(2);
    }
    System.out.println(hash(password.strip()));
  }

  static String hash(String password) {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
  }
}
