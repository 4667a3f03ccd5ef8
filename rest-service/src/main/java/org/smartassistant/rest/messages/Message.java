package org.smartassistant.rest.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;

/**
 * One message of a user's conversation (the durable copy of the history), as read; {@link
 * MessageWriter} appends them.
 */
@Entity
@Immutable
@Table(name = "messages")
class Message {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false)
  private Long userId;

  @Column(name = "assistant_id")
  private UUID assistantId;

  @Column(nullable = false)
  private MessageRole role;

  @Column(nullable = false)
  private String content;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Message() {}

  MessageDto toDto() {
    return new MessageDto(id, userId, assistantId, role, content, createdAt);
  }
}
