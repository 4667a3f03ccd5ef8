package org.smartassistant.rest.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;

/** One message of a user's conversation (the durable copy of the history). */
@Entity
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

  @Column(name = "idempotency_key", updatable = false)
  private String idempotencyKey;

  @Column(name = "request_digest", updatable = false)
  private String requestDigest;

  protected Message() {}

  Message(long userId, UUID assistantId, MessageRole role, String content, Instant now) {
    this.userId = userId;
    this.assistantId = assistantId;
    this.role = role;
    this.content = content;
    this.createdAt = now;
  }

  /** The Idempotency-Key of the request that appended this message, with its digest. */
  void setIdempotency(String key, String digest) {
    this.idempotencyKey = key;
    this.requestDigest = digest;
  }

  String idempotencyKey() {
    return idempotencyKey;
  }

  String requestDigest() {
    return requestDigest;
  }

  MessageDto toDto() {
    return new MessageDto(id, userId, assistantId, role, content, createdAt);
  }
}
