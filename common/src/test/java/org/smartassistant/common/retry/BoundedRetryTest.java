package org.smartassistant.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryException;

class BoundedRetryTest {

  private static final Duration SHORT = Duration.ofMillis(1);

  @Test
  void aFailureThatLastsIsGivenUpAfterTheLastRetryWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new BoundedRetry(3, SHORT, SHORT)
                    .template(e -> e instanceof IOException)
                    .execute(
                        () -> {
                          throw new IOException("attempt " + attempts.incrementAndGet());
                        }))
        .isInstanceOfSatisfying(
            RetryException.class,
            e -> {
              assertThat(e.getRetryCount()).isEqualTo(3);
              assertThat(e.getLastException()).hasMessage("attempt 4");
            });
    assertThat(attempts).hasValue(4);
  }

  @Test
  void aFailureThePredicateRefusesIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new BoundedRetry(3, SHORT, SHORT)
                    .template(e -> e instanceof IOException)
                    .execute(
                        () -> {
                          attempts.incrementAndGet();
                          throw new IllegalArgumentException("a bug");
                        }))
        .isInstanceOf(RetryException.class)
        .hasRootCauseMessage("a bug");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retriesBoundedByTimeEndThoughTheirNumberIsNot() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                BoundedRetry.within(
                        Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(20))
                    .template(e -> true)
                    .execute(
                        () -> {
                          attempts.incrementAndGet();
                          throw new IOException("down");
                        }))
        .isInstanceOf(RetryException.class);
    assertThat(attempts.get()).isGreaterThan(1);
  }

  @Test
  void aCallThatRecoversAnswersWithItsResult() throws RetryException {
    AtomicInteger attempts = new AtomicInteger();

    String answer =
        new BoundedRetry(Long.MAX_VALUE, SHORT, SHORT)
            .template(e -> true)
            .execute(
                () -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw new IOException("not yet");
                  }
                  return "done";
                });

    assertThat(answer).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void causedByLooksThroughTheChainOfCauses() {
    var outage = BoundedRetry.causedBy(IOException.class);

    assertThat(outage.test(new IllegalStateException("wrapped", new IOException("down")))).isTrue();
    assertThat(outage.test(new IOException("down"))).isTrue();
    assertThat(outage.test(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void boundsThatMakeNoSenseAreRefused() {
    assertThatThrownBy(() -> new BoundedRetry(-1, SHORT, SHORT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedRetry(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedRetry(1, SHORT, SHORT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
