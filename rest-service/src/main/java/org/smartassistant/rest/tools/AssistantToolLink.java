package org.smartassistant.rest.tools;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Gives an assistant the use of a tool. */
@Entity
@Table(name = "assistant_tools")
class AssistantToolLink {

  @EmbeddedId private Key id;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AssistantToolLink() {}

  AssistantToolLink(UUID assistantId, UUID toolId, Instant now) {
    this.id = new Key(assistantId, toolId);
    this.createdAt = now;
  }

  Key id() {
    return id;
  }

  /** The link's identity: assistant and tool. */
  @Embeddable
  record Key(
      @Column(name = "assistant_id", nullable = false) UUID assistantId,
      @Column(name = "tool_id", nullable = false) UUID toolId)
      implements Serializable {

    /** The id of the link in change events: {@code <assistantId>:<toolId>}. */
    String eventId() {
      return assistantId + ":" + toolId;
    }
  }
}
