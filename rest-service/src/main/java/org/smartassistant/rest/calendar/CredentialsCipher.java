package org.smartassistant.rest.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM encryption of tokens at rest. A stored value is {@code version(1) | iv(12) |
 * ciphertext+tag}; the associated data binds a ciphertext to its user and column, so a value copied
 * to another row does not decrypt.
 */
@Component
class CredentialsCipher {

  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  CredentialsCipher(CredentialsProperties properties) {
    this.key = new SecretKeySpec(properties.keyBytes(), "AES");
  }

  byte[] encrypt(String plaintext, String context) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
          .put(VERSION)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt a token", e);
    }
  }

  String decrypt(byte[] stored, String context) {
    if (stored == null || stored.length < 1 + IV_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
      throw new IllegalStateException("a stored token has an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // wrong key (CREDENTIALS_ENCRYPTION_KEY changed) or tampered data
      throw new IllegalStateException(
          "a stored token cannot be decrypted: was CREDENTIALS_ENCRYPTION_KEY changed?", e);
    }
  }
}
