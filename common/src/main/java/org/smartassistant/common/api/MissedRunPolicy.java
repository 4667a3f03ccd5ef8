package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What happens to a reminder's run that the scheduler could not fire on time (it was down at the
 * time): delivered late, as it always was, or skipped with one note to the user.
 */
public enum MissedRunPolicy {
  /**
   * The default: a run missed during a downtime is delivered late (within the misfire limit), or
   * the user is told it was missed (beyond it).
   */
  @JsonProperty("deliver_late")
  DELIVER_LATE,
  /**
   * A run missed during a downtime is not delivered; the user gets one note that it was skipped.
   */
  @JsonProperty("skip")
  SKIP;

  /** The policy of a reminder that names none (one written before policies existed). */
  public static MissedRunPolicy orDefault(MissedRunPolicy policy) {
    return policy == null ? DELIVER_LATE : policy;
  }

  /** The name in JSON and in the database, e.g. {@code deliver_late}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
