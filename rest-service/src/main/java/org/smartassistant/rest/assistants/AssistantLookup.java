package org.smartassistant.rest.assistants;

import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about assistants without depending on their internals. */
@Component
public class AssistantLookup {

  private final AssistantRepository assistants;

  AssistantLookup(AssistantRepository assistants) {
    this.assistants = assistants;
  }

  @Transactional(readOnly = true)
  public boolean exists(UUID id) {
    return id != null && assistants.existsById(id);
  }

  @Transactional(readOnly = true)
  public boolean isActiveSecretary(UUID id) {
    return id != null
        && assistants.findById(id).map(a -> a.secretary() && a.active()).orElse(false);
  }

  @Transactional(readOnly = true)
  public Optional<AssistantDto> find(UUID id) {
    return id == null ? Optional.empty() : assistants.findById(id).map(Assistant::toDto);
  }

  @Transactional(readOnly = true)
  public Optional<AssistantDto> findByName(String name) {
    return assistants.findByName(name).map(Assistant::toDto);
  }
}
