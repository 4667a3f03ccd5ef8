package org.smartassistant.rest.memories;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.smartassistant.common.api.MemoryDto;

/** A fact kept about a user across conversations. */
@Entity
@Table(name = "memories")
class Memory {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false)
  private Long userId;

  @Column(nullable = false)
  private String content;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "idempotency_key", updatable = false)
  private String idempotencyKey;

  @Column(name = "request_digest", updatable = false)
  private String requestDigest;

  protected Memory() {}

  Memory(long userId, String content, Instant now, String idempotencyKey, String requestDigest) {
    this.userId = userId;
    this.content = content;
    this.createdAt = now;
    this.idempotencyKey = idempotencyKey;
    this.requestDigest = requestDigest;
  }

  String requestDigest() {
    return requestDigest;
  }

  MemoryDto toDto() {
    return new MemoryDto(id, userId, content, createdAt);
  }
}
