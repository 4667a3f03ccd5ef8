package org.smartassistant.assistant.llm;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Which failures of a model mean its provider is unavailable (what the SDKs retry: timeouts,
 * connection errors, 5xx and 429), as opposed to a request the provider refuses (400, 401, 404),
 * which another attempt would not change.
 */
final class ModelFailures {

  private ModelFailures() {}

  /** Whether the failure, or any of its causes, says the provider is unavailable. */
  static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof com.openai.errors.OpenAIServiceException service) {
        return service.statusCode() >= 500 || service.statusCode() == 429;
      }
      if (cause instanceof com.anthropic.errors.AnthropicServiceException service) {
        return service.statusCode() >= 500 || service.statusCode() == 429;
      }
      if (cause instanceof com.openai.errors.OpenAIIoException
          || cause instanceof com.openai.errors.OpenAIRetryableException
          || cause instanceof com.anthropic.errors.AnthropicIoException
          || cause instanceof com.anthropic.errors.AnthropicRetryableException
          || cause instanceof TransientAiException
          || cause instanceof ResourceAccessException
          || cause instanceof IOException
          || cause instanceof TimeoutException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
