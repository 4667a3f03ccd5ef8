package org.smartassistant.rest.settings;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UpdateSettingsRequest;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.web.FieldErrors;
import org.smartassistant.rest.web.TimeZones;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the global defaults other features fall back on. */
@Service
public class SettingsService {

  private final SettingsRepository settings;
  private final AssistantLookup assistants;
  private final ChangeEvents events;
  private final Clock clock;

  SettingsService(
      SettingsRepository settings, AssistantLookup assistants, ChangeEvents events, Clock clock) {
    this.settings = settings;
    this.assistants = assistants;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Settings current() {
    return load();
  }

  @Transactional(readOnly = true)
  public SettingsDto get() {
    return load().toDto();
  }

  @Transactional
  public SettingsDto update(UpdateSettingsRequest request) {
    FieldErrors errors = new FieldErrors();
    TimeZones.check(errors, "defaultTimezone", request.defaultTimezone());
    if (request.defaultLanguage() != null
        && !request.defaultLanguage().matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
      errors.reject("defaultLanguage", "must be a language tag such as en or pt-BR");
    }
    if (request.defaultSecretaryId() != null
        && !assistants.isActiveSecretary(request.defaultSecretaryId())) {
      errors.reject("defaultSecretaryId", "must name an active secretary assistant");
    }
    errors.throwIfAny();
    Settings current = load();
    if (request.defaultTimezone() != null) {
      current.setDefaultTimezone(request.defaultTimezone());
    }
    if (request.defaultLanguage() != null) {
      current.setDefaultLanguage(request.defaultLanguage());
    }
    if (request.historyWindow() != null) {
      current.setHistoryWindow(request.historyWindow());
    }
    if (request.defaultSecretaryId() != null) {
      current.setDefaultSecretaryId(request.defaultSecretaryId());
    }
    current.touch(clock.instant());
    settings.flush();
    events.record(
        ChangeKind.SETTINGS, ChangeEvent.GLOBAL_SETTINGS_ID, ChangeType.UPDATED, Map.of());
    return current.toDto();
  }

  /** Used by the seed: sets the default secretary only when none is set, and notes the seeding. */
  @Transactional
  public void markSeeded(UUID defaultSecretaryId) {
    Settings current = load();
    boolean changed = false;
    if (current.defaultSecretaryId() == null && defaultSecretaryId != null) {
      current.setDefaultSecretaryId(defaultSecretaryId);
      changed = true;
    }
    if (current.seededAt() == null) {
      current.setSeededAt(clock.instant());
    }
    current.touch(clock.instant());
    if (changed) {
      events.record(
          ChangeKind.SETTINGS, ChangeEvent.GLOBAL_SETTINGS_ID, ChangeType.UPDATED, Map.of());
    }
  }

  private Settings load() {
    return settings
        .findById(Settings.ID)
        .orElseThrow(() -> new IllegalStateException("the settings row is missing"));
  }
}
