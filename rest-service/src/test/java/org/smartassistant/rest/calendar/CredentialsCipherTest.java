package org.smartassistant.rest.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsCipherTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private final CredentialsCipher cipher = new CredentialsCipher(new CredentialsProperties(KEY));

  @Test
  void decryptsWhatItEncryptedWithAFreshIvEachTime() {
    byte[] first = cipher.encrypt("secret-token", "ctx");
    byte[] second = cipher.encrypt("secret-token", "ctx");

    assertThat(first).isNotEqualTo(second);
    assertThat(cipher.decrypt(first, "ctx")).isEqualTo("secret-token");
  }

  @Test
  void refusesACiphertextMovedToAnotherRowOrTamperedWith() {
    byte[] sealed = cipher.encrypt("secret-token", "calendar_credentials:1:access");
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(sealed, "calendar_credentials:2:access"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.decrypt(tampered, "calendar_credentials:1:access"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAMissingOrMalformedKeyWithAClearMessage() {
    assertThatThrownBy(() -> new CredentialsProperties(null))
        .hasMessageContaining("CREDENTIALS_ENCRYPTION_KEY");
    assertThatThrownBy(() -> new CredentialsProperties("not base64!"))
        .hasMessageContaining("base64");
    assertThatThrownBy(
            () -> new CredentialsProperties(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("16 bytes, expected 32");
  }
}
