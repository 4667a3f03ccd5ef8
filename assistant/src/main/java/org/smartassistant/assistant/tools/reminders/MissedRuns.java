package org.smartassistant.assistant.tools.reminders;

import java.util.Locale;
import org.smartassistant.common.api.MissedRunPolicy;

/**
 * Reads the missed-run policy a {@code reminder_create} call asks for: {@code deliver_late} (the
 * default) or {@code skip}; anything else is answered with a sentence for the model.
 */
final class MissedRuns {

  static final String DESCRIPTION =
      "What to do with a run missed while the reminder service was down: 'deliver_late' (the"
          + " default: deliver it late) or 'skip' (do not deliver it; the user is told once that"
          + " it was skipped). Use 'skip' when the user wants no late reminders";

  private MissedRuns() {}

  /** What was asked: a policy, none (null: the default), or a refusal. */
  record Read(MissedRunPolicy policy, String refusal) {}

  static Read read(String value) {
    if (value == null || value.isBlank()) {
      return new Read(null, null);
    }
    String wanted = value.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (MissedRunPolicy policy : MissedRunPolicy.values()) {
      if (policy.wireName().equals(wanted)) {
        return new Read(policy, null);
      }
    }
    return new Read(
        null,
        "'"
            + value
            + "' is not a missed-run policy. Give 'deliver_late' (a run missed while the reminder"
            + " service was down is delivered late) or 'skip' (it is not delivered; the user is"
            + " told once that it was skipped), or leave it out for 'deliver_late'.");
  }

  /** The sentence a confirmation adds for a reminder that skips missed runs, else "". */
  static String note(MissedRunPolicy policy) {
    return policy == MissedRunPolicy.SKIP
        ? " A run missed while the reminder service is down is skipped, not delivered late; the"
            + " user is then told once."
        : "";
  }
}
