package org.smartassistant.calendar.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartassistant.calendar.CalendarProperties;
import org.smartassistant.testsupport.MutableClock;

class OAuthStatesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  private OAuthStates states(String secret) {
    CalendarProperties properties =
        new CalendarProperties(
            new CalendarProperties.Google(null, null, null, null, null, null, null, null),
            new CalendarProperties.OAuthState(secret, Duration.ofMinutes(10)),
            null);
    return new OAuthStates(properties, clock);
  }

  private final OAuthStates states = states("k".repeat(32));

  private static InvalidStateException.Reason reasonOf(Runnable verify) {
    try {
      verify.run();
    } catch (InvalidStateException e) {
      return e.reason();
    }
    throw new AssertionError("the state was accepted");
  }

  @Test
  void aStateCarriesItsUserAndExpiryAndIsUrlSafe() {
    String state = states.issue(42);

    OAuthStates.VerifiedState verified = states.verify(state);

    assertThat(verified.userId()).isEqualTo(42);
    assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2026-11-23T10:10:00Z"));
    assertThat(state).matches("[A-Za-z0-9._-]+");
    assertThat(states.issue(42)).isNotEqualTo(state);
  }

  @Test
  void anyChangeToAStateIsAForgery() {
    String state = states.issue(42);
    String[] parts = state.split("\\.");

    String otherUser = state.replaceFirst("^v1\\.42\\.", "v1.43.");
    String laterExpiry =
        String.join(
            ".",
            parts[0],
            parts[1],
            Long.toString(Long.parseLong(parts[2]) + 3600),
            parts[3],
            parts[4]);
    String otherNonce =
        String.join(".", parts[0], parts[1], parts[2], "AAAAAAAAAAAAAAAAAAAAAA", parts[4]);
    String noSignature = String.join(".", parts[0], parts[1], parts[2], parts[3]);

    for (String forged :
        new String[] {otherUser, laterExpiry, otherNonce, noSignature, "", "a.b"}) {
      assertThat(reasonOf(() -> states.verify(forged)))
          .as(forged)
          .isEqualTo(InvalidStateException.Reason.FORGED);
    }
    assertThat(reasonOf(() -> states.verify(null))).isEqualTo(InvalidStateException.Reason.FORGED);
  }

  @Test
  void aStateSignedWithAnotherSecretIsAForgery() {
    String foreign = states("z".repeat(32)).issue(42);

    assertThat(reasonOf(() -> states.verify(foreign)))
        .isEqualTo(InvalidStateException.Reason.FORGED);
  }

  @Test
  void aStateExpiresAfterItsTimeToLive() {
    String state = states.issue(42);

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(states.verify(state).userId()).isEqualTo(42);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> states.verify(state))
        .isInstanceOfSatisfying(
            InvalidStateException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidStateException.Reason.EXPIRED));
  }
}
