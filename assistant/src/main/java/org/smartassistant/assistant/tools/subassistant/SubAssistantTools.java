package org.smartassistant.assistant.tools.subassistant;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.smartassistant.assistant.conversation.SystemPrompt;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.llm.TurnLimits;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code sub_assistant} tools: each configured tool of this type delegates a task to the
 * assistant its {@code subAssistantId} names, which answers with its own instructions, model and
 * tools for the same user. One {@link Delegation} callback is built per configured tool.
 */
@Component
class SubAssistantTools implements ToolFamily {

  private final Delegation.Runner runner;

  /**
   * The catalog comes through a provider: it is built from all tool families, this one included,
   * and the delegated assistant's own tools are only needed when a task runs.
   */
  SubAssistantTools(
      SecretaryResolver assistants,
      ObjectProvider<ToolCatalog> catalog,
      AssistantChat chat,
      SystemPrompt systemPrompt,
      DelegationProperties properties,
      JsonMapper json,
      MeterRegistry meters,
      TurnLimits limits) {
    this.runner =
        new Delegation.Runner(
            assistants, catalog::getObject, chat, systemPrompt, properties, json, meters, limits);
  }

  @Override
  public Set<ToolType> types() {
    return Set.of(ToolType.SUB_ASSISTANT);
  }

  @Override
  public ToolCallback implementation(ToolDto tool) {
    return new Delegation(tool, runner);
  }
}
