package org.smartassistant.common.retry;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * How every retry in this project is made: Spring's {@link RetryTemplate} with a bounded policy. A
 * failure the predicate calls worth retrying is tried again at most {@code maxRetries} times,
 * waiting {@code delay} first and twice as long each time up to {@code maxDelay}; then the caller
 * gets a {@link org.springframework.core.retry.RetryException} carrying the last failure and
 * decides what giving up means (a dead letter, an apology, a 5xx passed on).
 *
 * @param maxRetries attempts after the first, 0 for none
 * @param delay the wait before the first retry
 * @param maxDelay the longest wait between two attempts
 * @param timeout how long retrying may take in all, or null for no limit but {@code maxRetries}: a
 *     retry whose wait would end past it is not made
 */
public record BoundedRetry(long maxRetries, Duration delay, Duration maxDelay, Duration timeout) {

  public BoundedRetry {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive");
    }
    if (maxDelay == null || maxDelay.compareTo(delay) < 0) {
      throw new IllegalArgumentException("maxDelay must not be shorter than delay");
    }
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** Retries bounded by their number only. */
  public BoundedRetry(long maxRetries, Duration delay, Duration maxDelay) {
    this(maxRetries, delay, maxDelay, null);
  }

  /** Retries bounded by how long they may take in all, however many that makes. */
  public static BoundedRetry within(Duration timeout, Duration delay, Duration maxDelay) {
    return new BoundedRetry(Long.MAX_VALUE, delay, maxDelay, timeout);
  }

  /** Retries waiting {@code delay}, doubling up to sixteen times {@code delay}. */
  public static BoundedRetry of(long maxRetries, Duration delay) {
    return new BoundedRetry(maxRetries, delay, delay.multipliedBy(16));
  }

  /** A failure of one of these types, or caused by one (anywhere in its chain of causes). */
  @SafeVarargs
  public static Predicate<Throwable> causedBy(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> wanted = List.of(types);
    return failure -> {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        for (Class<? extends Throwable> type : wanted) {
          if (type.isInstance(t)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /** The policy: these bounds, for the failures {@code retryable} accepts. */
  public RetryPolicy policy(Predicate<Throwable> retryable) {
    RetryPolicy.Builder policy =
        RetryPolicy.builder()
            .maxRetries(maxRetries)
            .delay(delay)
            .multiplier(2.0)
            .maxDelay(maxDelay)
            .predicate(retryable);
    if (timeout != null) {
      policy.timeout(timeout);
    }
    return policy.build();
  }

  /** A template retrying the failures {@code retryable} accepts within these bounds. */
  public RetryTemplate template(Predicate<Throwable> retryable) {
    return new RetryTemplate(policy(retryable));
  }

  /** As {@link #template(Predicate)}, telling {@code listener} about each failed attempt. */
  public RetryTemplate template(Predicate<Throwable> retryable, RetryListener listener) {
    RetryTemplate template = template(retryable);
    template.setRetryListener(listener);
    return template;
  }
}
