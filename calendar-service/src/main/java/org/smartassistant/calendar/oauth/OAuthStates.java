package org.smartassistant.calendar.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.smartassistant.calendar.CalendarProperties;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the OAuth {@code state}: {@code v1.<userId>.<expiry>.<nonce>.<signature>},
 * HMAC-SHA256 over the rest with {@code OAUTH_STATE_SECRET}. The signature binds the user and the
 * expiry, so a state cannot be made for another user or kept alive; that it is used only once is
 * checked by {@link UsedStates}.
 */
@Component
class OAuthStates {

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_LENGTH = 200;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  OAuthStates(CalendarProperties properties, Clock clock) {
    String secret = properties.oauthState().secret();
    this.key =
        secret == null
            ? null
            : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.ttl = properties.oauthState().ttl();
    this.clock = clock;
  }

  /** A fresh state for the user, valid for the configured time to live. */
  String issue(long userId) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    Instant expiresAt = clock.instant().plus(ttl);
    String payload =
        VERSION
            + "."
            + userId
            + "."
            + expiresAt.getEpochSecond()
            + "."
            + BASE64URL.encodeToString(nonce);
    return payload + "." + sign(payload);
  }

  /**
   * The user and nonce of a state we issued that has not expired.
   *
   * @throws InvalidStateException when it is forged or expired
   */
  VerifiedState verify(String state) {
    if (state == null || state.isBlank() || state.length() > MAX_LENGTH) {
      throw new InvalidStateException(
          InvalidStateException.Reason.FORGED, "missing or malformed state");
    }
    int lastDot = state.lastIndexOf('.');
    String payload = lastDot < 0 ? "" : state.substring(0, lastDot);
    String signature = lastDot < 0 ? state : state.substring(lastDot + 1);
    if (!MessageDigest.isEqual(
        sign(payload).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidStateException(
          InvalidStateException.Reason.FORGED, "state signature does not match");
    }
    String[] parts = payload.split("\\.");
    if (parts.length != 4 || !VERSION.equals(parts[0])) {
      throw new InvalidStateException(InvalidStateException.Reason.FORGED, "unknown state format");
    }
    long userId;
    Instant expiresAt;
    try {
      userId = Long.parseLong(parts[1]);
      expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new InvalidStateException(InvalidStateException.Reason.FORGED, "unknown state format");
    }
    if (!clock.instant().isBefore(expiresAt)) {
      throw new InvalidStateException(
          InvalidStateException.Reason.EXPIRED, "state expired at " + expiresAt);
    }
    return new VerifiedState(userId, parts[3], expiresAt);
  }

  private String sign(String payload) {
    if (key == null) {
      // unreachable while Google is configured: the state secret is part of that configuration
      throw new IllegalStateException("OAUTH_STATE_SECRET is not configured");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return BASE64URL.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** A state we issued, not expired: for this user, usable once (by its nonce) until expiresAt. */
  record VerifiedState(long userId, String nonce, Instant expiresAt) {}
}
