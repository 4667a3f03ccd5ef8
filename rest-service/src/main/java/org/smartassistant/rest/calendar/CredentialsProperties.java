package org.smartassistant.rest.calendar;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that encrypts calendar tokens at rest ({@code CREDENTIALS_ENCRYPTION_KEY}): the base64 of
 * 32 random bytes (AES-256). Required: the service does not start without a valid key, because
 * tokens written under a guessed or empty key could not be protected.
 */
@ConfigurationProperties("smart.credentials")
public record CredentialsProperties(String encryptionKey) {

  static final String HOW_TO =
      "set CREDENTIALS_ENCRYPTION_KEY (property smart.credentials.encryption-key) to the base64"
          + " of 32 random bytes, e.g. the output of `openssl rand -base64 32`";

  public CredentialsProperties {
    if (encryptionKey == null || encryptionKey.isBlank()) {
      throw new IllegalArgumentException("no calendar credentials encryption key: " + HOW_TO);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encryptionKey.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the calendar credentials encryption key is not valid base64: " + HOW_TO, e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "the calendar credentials encryption key is "
              + key.length
              + " bytes, expected 32: "
              + HOW_TO);
    }
  }

  byte[] keyBytes() {
    return Base64.getDecoder().decode(encryptionKey.trim());
  }

  @Override
  public String toString() {
    return "CredentialsProperties[encryptionKey=***]";
  }
}
