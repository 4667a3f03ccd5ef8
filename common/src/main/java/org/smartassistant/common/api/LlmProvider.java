package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The LLM API an assistant runs on; {@code openai} also covers OpenAI-compatible servers. */
public enum LlmProvider {
  @JsonProperty("openai")
  OPENAI,
  @JsonProperty("anthropic")
  ANTHROPIC,
  @JsonProperty("ollama")
  OLLAMA
}
