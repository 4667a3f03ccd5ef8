package org.smartassistant.rest.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's Google tokens, held only as ciphertexts. */
@Entity
@Table(name = "calendar_credentials")
class CalendarCredentials {

  @Id
  @Column(name = "user_id")
  private Long userId;

  @Column(name = "access_token", nullable = false)
  private byte[] accessToken;

  @Column(name = "refresh_token", nullable = false)
  private byte[] refreshToken;

  @Column(name = "expires_at")
  private Instant expiresAt;

  private String scope;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected CalendarCredentials() {}

  CalendarCredentials(long userId, Instant now) {
    this.userId = userId;
    this.createdAt = now;
    this.updatedAt = now;
  }

  Long userId() {
    return userId;
  }

  byte[] accessToken() {
    return accessToken;
  }

  byte[] refreshToken() {
    return refreshToken;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  String scope() {
    return scope;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  void setAccessToken(byte[] accessToken) {
    this.accessToken = accessToken;
  }

  void setRefreshToken(byte[] refreshToken) {
    this.refreshToken = refreshToken;
  }

  void setExpiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  void setScope(String scope) {
    this.scope = scope;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }
}
