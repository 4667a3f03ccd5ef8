package org.smartassistant.rest.assistants;

import org.smartassistant.common.api.LlmProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider and model of assistants created without one, and of the seeded assistants ({@code
 * DEFAULT_LLM_PROVIDER}, {@code DEFAULT_LLM_MODEL}).
 */
@ConfigurationProperties("smart.llm-defaults")
public record LlmDefaultsProperties(LlmProvider provider, String model) {

  public LlmDefaultsProperties {
    provider = provider == null ? LlmProvider.OPENAI : provider;
    model = model == null || model.isBlank() ? "gpt-4o-mini" : model;
  }
}
