package org.smartassistant.assistant.secretary;

import org.smartassistant.common.events.ChangeEvent;

/**
 * Told about every change event rest-service publishes (each instance is told of each event), to
 * drop what it cached about the changed thing. Must be quick and must not throw for unknown kinds.
 */
public interface ChangeSubscriber {

  void changed(ChangeEvent event);

  /**
   * Changes may have gone unseen (the service was not listening): drop everything cached. Called
   * when listening starts.
   */
  default void missedChanges() {}
}
