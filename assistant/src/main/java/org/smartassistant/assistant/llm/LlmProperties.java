package org.smartassistant.assistant.llm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.smartassistant.common.api.LlmProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the language models are and how patiently they are called ({@code smart.llm.*}). Keys may
 * be empty: the service starts without them, and only the assistants of a provider without a key
 * fail (with the apology to the user).
 *
 * @param timeout limit of one HTTP request to a model
 * @param maxRetries retries of one request on 429, 5xx, connection errors and timeouts, with
 *     exponential backoff (the provider SDK's own, which honours {@code Retry-After}); the inbox
 *     consumer retries the whole message on top of these, so keep both small
 * @param fallback the model that answers when an assistant's own one fails or its circuit is open
 * @param circuitBreaker when a model is not called for a while
 * @param prices what the models cost, {@code model=input/output} per 1M tokens, comma-separated
 *     (e.g. {@code gpt-4o=2.50/10.00,gpt-4o-mini=0.15/0.60}); a model not named costs nothing
 */
@Validated
@ConfigurationProperties("smart.llm")
public record LlmProperties(
    @DefaultValue("30s") @NotNull Duration timeout,
    @DefaultValue("2") @Min(0) @Max(10) int maxRetries,
    @DefaultValue @Valid @NotNull OpenAi openai,
    @DefaultValue @Valid @NotNull Anthropic anthropic,
    @DefaultValue @Valid @NotNull Ollama ollama,
    @DefaultValue @Valid @NotNull Fallback fallback,
    @DefaultValue @Valid @NotNull CircuitBreaker circuitBreaker,
    @DefaultValue("") String prices) {

  /**
   * The model that answers an exchange whose model failed on its first request (timeouts, 5xx and
   * 429 after the retries, connection errors) or whose circuit is open; none when the model is
   * blank.
   *
   * @param provider the fallback's provider (default openai)
   * @param model the fallback's model, e.g. gpt-4o-mini
   */
  public record Fallback(@DefaultValue("openai") LlmProvider provider, String model) {

    /** Whether a fallback model is configured. */
    public boolean configured() {
      return model != null && !model.isBlank();
    }
  }

  /**
   * A circuit breaker per provider and model: after {@code failures} failed exchanges in a row
   * (timeouts, 5xx, 429 after the retries, connection errors) the model is not called for {@code
   * openFor}; then one exchange tries it again.
   */
  public record CircuitBreaker(
      @DefaultValue("5") @Min(1) @Max(1000) int failures,
      @DefaultValue("30s") @NotNull Duration openFor) {}

  /**
   * OpenAI or any OpenAI-compatible server.
   *
   * @param baseUrl must end with {@code /v1}
   */
  public record OpenAi(
      String apiKey, @DefaultValue("https://api.openai.com/v1") @NotBlank String baseUrl) {}

  /**
   * Anthropic's Messages API.
   *
   * @param maxTokens the answer length limit Anthropic requires with every request
   */
  public record Anthropic(
      String apiKey,
      @DefaultValue("https://api.anthropic.com") @NotBlank String baseUrl,
      @DefaultValue("4096") @Min(1) int maxTokens) {}

  /** Ollama's native API. */
  public record Ollama(@DefaultValue("http://localhost:11434") @NotBlank String baseUrl) {}
}
