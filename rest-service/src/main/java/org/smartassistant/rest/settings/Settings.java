package org.smartassistant.rest.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.SettingsDto;

/** The single row of global defaults. */
@Entity
@Table(name = "settings")
public class Settings {

  static final short ID = 1;

  @Id private Short id;

  @Column(name = "default_timezone", nullable = false)
  private String defaultTimezone;

  @Column(name = "default_language", nullable = false)
  private String defaultLanguage;

  @Column(name = "history_window", nullable = false)
  private Integer historyWindow;

  @Column(name = "default_secretary_id")
  private UUID defaultSecretaryId;

  @Column(name = "seeded_at")
  private Instant seededAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Settings() {}

  public String defaultTimezone() {
    return defaultTimezone;
  }

  public String defaultLanguage() {
    return defaultLanguage;
  }

  public int historyWindow() {
    return historyWindow;
  }

  public UUID defaultSecretaryId() {
    return defaultSecretaryId;
  }

  public Instant seededAt() {
    return seededAt;
  }

  void setDefaultTimezone(String defaultTimezone) {
    this.defaultTimezone = defaultTimezone;
  }

  void setDefaultLanguage(String defaultLanguage) {
    this.defaultLanguage = defaultLanguage;
  }

  void setHistoryWindow(Integer historyWindow) {
    this.historyWindow = historyWindow;
  }

  void setDefaultSecretaryId(UUID defaultSecretaryId) {
    this.defaultSecretaryId = defaultSecretaryId;
  }

  void setSeededAt(Instant seededAt) {
    this.seededAt = seededAt;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  SettingsDto toDto() {
    return new SettingsDto(
        defaultTimezone, defaultLanguage, historyWindow, defaultSecretaryId, updatedAt);
  }
}
