package org.smartassistant.assistant.llm;

import java.time.Instant;

/**
 * The user has used the day's budget of the models: nothing was asked. {@code resetsAt} is when the
 * next day (UTC) begins.
 */
public final class OverBudgetException extends RuntimeException {

  private final long userId;
  private final Instant resetsAt;

  OverBudgetException(long userId, String spent, Instant resetsAt) {
    super("user " + userId + " has used the day's budget (" + spent + ") until " + resetsAt);
    this.userId = userId;
    this.resetsAt = resetsAt;
  }

  public long userId() {
    return userId;
  }

  public Instant resetsAt() {
    return resetsAt;
  }
}
