package org.smartassistant.common.events;

/**
 * Told about change events read from rest-service's change streams by a {@code ChangeEventReader}.
 * Must be quick; an exception is logged and does not keep the event from other listeners.
 */
public interface ChangeListener {

  void changed(ChangeEvent event);

  /**
   * Changes may have gone unseen (nothing was listening): catch up, e.g. drop everything cached.
   * Called when a reader that starts at the newest event starts.
   */
  default void missedChanges() {}
}
