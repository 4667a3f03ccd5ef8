package org.smartassistant.common.stream;

import io.micrometer.observation.Observation;
import java.util.UUID;

/**
 * What a handler knows of earlier attempts at the envelope it handles: whether this is the first.
 * An envelope read as new from its stream ({@code XREADGROUP >}), not put back from the dead-letter
 * stream and not failed here before, was never handled by anyone, so the handler has nothing of an
 * earlier attempt to look up (what it answered, which parts it sent) and may skip those reads. Any
 * other delivery (reclaimed after a crash, retried, replayed) counts as a later attempt.
 *
 * <p>Held for the handler's own thread while it runs; work it hands to other threads sees no first
 * attempt, which is always safe: it looks up as before.
 */
public final class HandlingAttempt {

  private static final ThreadLocal<UUID> FIRST = new ThreadLocal<>();

  private HandlingAttempt() {}

  /**
   * True only while a handler runs on this thread for the envelope {@code envelopeId}, delivered
   * for the first time. Anything keyed by another id (e.g. a reminder's turn, shared by every
   * firing of the same run) is not covered.
   */
  public static boolean isFirst(UUID envelopeId) {
    return envelopeId != null && envelopeId.equals(FIRST.get());
  }

  /**
   * Runs the handling with {@code firstEnvelopeId} marked as on its first attempt; null when the
   * envelope handled is not.
   */
  static void run(UUID firstEnvelopeId, Observation.CheckedRunnable<Exception> handling)
      throws Exception {
    FIRST.set(firstEnvelopeId);
    try {
      handling.run();
    } finally {
      FIRST.remove();
    }
  }
}
