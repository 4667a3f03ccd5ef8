package org.smartassistant.rest.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;

/** A Telegram user of the assistant. */
@Entity
@Table(name = "users")
class User {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "telegram_id", nullable = false)
  private Long telegramId;

  private String username;

  @Column(name = "first_name")
  private String firstName;

  @Column(name = "preferred_name")
  private String preferredName;

  @Column(nullable = false)
  private String timezone;

  private String language;

  @Column(nullable = false)
  private UserStatus status;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected User() {}

  User(long telegramId, String timezone, Instant now) {
    this.telegramId = telegramId;
    this.timezone = timezone;
    this.status = UserStatus.ACTIVE;
    this.createdAt = now;
    this.updatedAt = now;
  }

  Long id() {
    return id;
  }

  String timezone() {
    return timezone;
  }

  UserStatus status() {
    return status;
  }

  void setUsername(String username) {
    this.username = username;
  }

  void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  void setPreferredName(String preferredName) {
    this.preferredName = preferredName;
  }

  void setTimezone(String timezone) {
    this.timezone = timezone;
  }

  void setLanguage(String language) {
    this.language = language;
  }

  void setStatus(UserStatus status) {
    this.status = status;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  UserDto toDto() {
    return new UserDto(
        id,
        telegramId,
        username,
        firstName,
        preferredName,
        timezone,
        language,
        status,
        createdAt,
        updatedAt);
  }
}
