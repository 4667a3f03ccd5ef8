package org.smartassistant.rest.secretaries;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One assignment of a secretary to a user. Replaced assignments stay as history (inactive); the
 * database allows one active assignment per user.
 */
@Entity
@Table(name = "user_secretaries")
class UserSecretary {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false)
  private Long userId;

  @Column(name = "assistant_id", nullable = false)
  private UUID assistantId;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "assigned_at", nullable = false)
  private Instant assignedAt;

  @Column(name = "deactivated_at")
  private Instant deactivatedAt;

  protected UserSecretary() {}

  UserSecretary(long userId, UUID assistantId, Instant now) {
    this.userId = userId;
    this.assistantId = assistantId;
    this.active = true;
    this.assignedAt = now;
  }

  UUID assistantId() {
    return assistantId;
  }

  Instant assignedAt() {
    return assignedAt;
  }

  void deactivate(Instant now) {
    this.active = false;
    this.deactivatedAt = now;
  }
}
