package org.smartassistant.rest.assistants;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.UpdateAssistantRequest;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes assistants, and tells the listeners through change events. */
@Service
public class AssistantService {

  private final AssistantRepository assistants;
  private final LlmDefaultsProperties defaults;
  private final ChangeEvents events;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  AssistantService(
      AssistantRepository assistants,
      LlmDefaultsProperties defaults,
      ChangeEvents events,
      JdbcTemplate jdbc,
      Clock clock) {
    this.assistants = assistants;
    this.defaults = defaults;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public AssistantDto create(CreateAssistantRequest request) {
    String name = request.name().trim();
    if (assistants.existsByName(name)) {
      throw new ConflictException("an assistant named '" + name + "' already exists");
    }
    Instant now = clock.instant();
    Assistant assistant =
        new Assistant(
            UUID.randomUUID(),
            name,
            request.provider() != null ? request.provider() : defaults.provider(),
            request.model() != null && !request.model().isBlank()
                ? request.model().trim()
                : defaults.model(),
            now);
    assistant.setDescription(request.description());
    assistant.setSecretary(Boolean.TRUE.equals(request.isSecretary()));
    assistant.setInstructions(request.instructions());
    assistant.setStartupMessage(request.startupMessage());
    assistant.setTemperature(request.temperature());
    assistant.setActive(request.isActive() == null || request.isActive());
    assistant.setAcceptsImages(Boolean.TRUE.equals(request.acceptsImages()));
    assistants.saveAndFlush(assistant);
    events.record(ChangeKind.ASSISTANT, assistant.id(), ChangeType.CREATED);
    return assistant.toDto();
  }

  @Transactional(readOnly = true)
  public AssistantDto get(UUID id) {
    return load(id).toDto();
  }

  @Transactional(readOnly = true)
  public PageDto<AssistantDto> list(Boolean isSecretary, Boolean isActive, int page, int size) {
    Specification<Assistant> filter = (root, query, cb) -> cb.conjunction();
    if (isSecretary != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("secretary"), isSecretary));
    }
    if (isActive != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("active"), isActive));
    }
    return Paging.toDto(
        assistants.findAll(filter, Paging.of(page, size, Sort.by("name"))), Assistant::toDto);
  }

  @Transactional
  public AssistantDto update(UUID id, UpdateAssistantRequest request) {
    Assistant assistant = load(id);
    if (request.name() != null) {
      String name = request.name().trim();
      if (!name.equals(assistant.name()) && assistants.existsByName(name)) {
        throw new ConflictException("an assistant named '" + name + "' already exists");
      }
      assistant.setName(name);
    }
    if (request.description() != null) {
      assistant.setDescription(request.description());
    }
    if (request.isSecretary() != null) {
      assistant.setSecretary(request.isSecretary());
    }
    if (request.provider() != null) {
      assistant.setProvider(request.provider());
    }
    if (request.model() != null) {
      assistant.setModel(request.model().trim());
    }
    if (request.instructions() != null) {
      assistant.setInstructions(request.instructions());
    }
    if (request.startupMessage() != null) {
      assistant.setStartupMessage(request.startupMessage());
    }
    if (request.temperature() != null) {
      assistant.setTemperature(request.temperature());
    }
    if (request.isActive() != null) {
      assistant.setActive(request.isActive());
    }
    if (request.acceptsImages() != null) {
      assistant.setAcceptsImages(request.acceptsImages());
    }
    assistant.touch(clock.instant());
    assistants.flush();
    events.record(ChangeKind.ASSISTANT, id, ChangeType.UPDATED);
    return assistant.toDto();
  }

  /**
   * Deletes an assistant with its tool links and secretary assignments; refused (409) while a
   * sub-assistant tool still delegates to it.
   */
  @Transactional
  public void delete(UUID id) {
    Assistant assistant = load(id);
    List<String> delegatingTools =
        jdbc.queryForList(
            "SELECT name FROM tools WHERE sub_assistant_id = ? ORDER BY name", String.class, id);
    if (!delegatingTools.isEmpty()) {
      throw new ConflictException(
          "assistant '"
              + assistant.name()
              + "' is still used by the sub-assistant tool(s) "
              + delegatingTools
              + "; delete or change them first");
    }
    List<UUID> linkedTools =
        jdbc.queryForList(
            "SELECT tool_id FROM assistant_tools WHERE assistant_id = ?", UUID.class, id);
    List<Long> secretaryOf =
        jdbc.queryForList(
            "SELECT user_id FROM user_secretaries WHERE assistant_id = ? AND active",
            Long.class,
            id);
    boolean wasDefault =
        Boolean.TRUE.equals(
            jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM settings WHERE default_secretary_id = ?)",
                Boolean.class,
                id));
    assistants.delete(assistant);
    assistants.flush();
    for (UUID toolId : linkedTools) {
      events.record(
          ChangeKind.ASSISTANT_TOOL,
          id + ":" + toolId,
          ChangeType.DELETED,
          Map.of(ChangeEvent.ASSISTANT_ID, id.toString(), ChangeEvent.TOOL_ID, toolId.toString()));
    }
    for (Long userId : secretaryOf) {
      events.record(
          ChangeKind.SECRETARY,
          userId,
          ChangeType.DELETED,
          Map.of(ChangeEvent.USER_ID, userId.toString(), ChangeEvent.ASSISTANT_ID, id.toString()));
    }
    if (wasDefault) {
      events.record(ChangeKind.SETTINGS, ChangeEvent.GLOBAL_SETTINGS_ID, ChangeType.UPDATED);
    }
    events.record(ChangeKind.ASSISTANT, id, ChangeType.DELETED);
  }

  private Assistant load(UUID id) {
    return assistants.findById(id).orElseThrow(() -> new NotFoundException("assistant", id));
  }
}
