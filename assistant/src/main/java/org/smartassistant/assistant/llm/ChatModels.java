package org.smartassistant.assistant.llm;

import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.retry.BoundedRetry;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Builds the chat model of an assistant from its provider and model, once per (provider, model,
 * temperature), and keeps it with its {@link ChatClient}. Models are built on first use, so the
 * service starts without any provider configured.
 */
@Component
public class ChatModels {

  private static final Logger log = LoggerFactory.getLogger(ChatModels.class);

  /** What the OpenAI SDK is given when no key is configured: local servers need none. */
  static final String NO_KEY = "not-configured";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** What makes two assistants share a model. */
  record ModelKey(LlmProvider provider, String model, Double temperature) {}

  private final LlmProperties properties;
  private final ObservationRegistry observations;
  private final Map<ModelKey, ChatClient> clients = new ConcurrentHashMap<>();

  /**
   * @param observations observes every model call ({@code gen_ai.client.operation}) and chat client
   *     call: a timer and a span of the message's trace
   */
  ChatModels(LlmProperties properties, ObservationRegistry observations) {
    this.properties = properties;
    this.observations = observations;
  }

  /** The chat client of the assistant's model. */
  public ChatClient clientFor(AssistantDto assistant) {
    return clientFor(keyOf(assistant));
  }

  ChatClient clientFor(ModelKey model) {
    return clients.computeIfAbsent(model, key -> ChatClient.create(build(key), observations));
  }

  /**
   * The model that answers when {@code primary} cannot ({@code smart.llm.fallback}), with the
   * primary's temperature; null when none is configured or it is the primary itself.
   */
  ModelKey fallbackOf(ModelKey primary) {
    LlmProperties.Fallback fallback = properties.fallback();
    if (!fallback.configured()) {
      return null;
    }
    LlmProvider provider = fallback.provider() == null ? LlmProvider.OPENAI : fallback.provider();
    ModelKey key = new ModelKey(provider, fallback.model().strip(), primary.temperature());
    return key.provider() == primary.provider() && key.model().equals(primary.model()) ? null : key;
  }

  static ModelKey keyOf(AssistantDto assistant) {
    LlmProvider provider = assistant.provider() == null ? LlmProvider.OPENAI : assistant.provider();
    return new ModelKey(provider, assistant.model(), assistant.temperature());
  }

  ChatModel build(ModelKey key) {
    log.info("building the {} chat model {}", key.provider(), key.model());
    return switch (key.provider()) {
      case OPENAI -> openAi(key);
      case ANTHROPIC -> anthropic(key);
      case OLLAMA -> ollama(key);
    };
  }

  private ChatModel openAi(ModelKey key) {
    LlmProperties.OpenAi openAi = properties.openai();
    OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
    // a streamed answer reports its tokens in a last chunk only when asked (stream_options)
    options.streamUsage(true);
    if (key.model() != null) {
      options.model(key.model());
    }
    if (key.temperature() != null) {
      options.temperature(key.temperature());
    }
    // the SDK's client over the JDK transport (see JdkOpenAiHttpClient for why)
    JdkOpenAiHttpClient transport = new JdkOpenAiHttpClient(CONNECT_TIMEOUT);
    ClientOptions client =
        ClientOptions.builder()
            .httpClient(transport)
            .baseUrl(openAi.baseUrl())
            .apiKey(keyOrPlaceholder(openAi.apiKey(), "OPENAI_API_KEY", key))
            .maxRetries(properties.maxRetries())
            .timeout(properties.timeout())
            .build();
    return OpenAiChatModel.builder()
        .openAiClient(new OpenAIClientImpl(client))
        .openAiClientAsync(new OpenAIClientAsyncImpl(client))
        .options(options.build())
        .observationRegistry(observations)
        .build();
  }

  private ChatModel anthropic(ModelKey key) {
    LlmProperties.Anthropic anthropic = properties.anthropic();
    AnthropicChatOptions.Builder options =
        AnthropicChatOptions.builder()
            .baseUrl(anthropic.baseUrl())
            .apiKey(keyOrPlaceholder(anthropic.apiKey(), "ANTHROPIC_API_KEY", key))
            .maxRetries(properties.maxRetries())
            .timeout(properties.timeout())
            .maxTokens(anthropic.maxTokens());
    if (key.model() != null) {
      options.model(key.model());
    }
    if (key.temperature() != null) {
      options.temperature(key.temperature());
    }
    return AnthropicChatModel.builder()
        .options(options.build())
        .observationRegistry(observations)
        .build();
  }

  private ChatModel ollama(ModelKey key) {
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    requests.setReadTimeout(properties.timeout());
    OllamaApi api =
        OllamaApi.builder()
            .baseUrl(properties.ollama().baseUrl())
            .restClientBuilder(RestClient.builder().requestFactory(requests))
            .build();
    OllamaChatOptions.Builder options = OllamaChatOptions.builder();
    if (key.model() != null) {
      options.model(key.model());
    }
    if (key.temperature() != null) {
      options.temperature(key.temperature());
    }
    // Ollama's client has no retries of its own: the same policy as the SDKs', with Spring's
    // RetryTemplate
    RetryTemplate retries =
        new BoundedRetry(properties.maxRetries(), Duration.ofMillis(500), Duration.ofSeconds(8))
            .template(
                BoundedRetry.causedBy(TransientAiException.class, ResourceAccessException.class));
    return OllamaChatModel.builder()
        .ollamaApi(api)
        .options(options.build())
        .retryTemplate(retries)
        .observationRegistry(observations)
        .build();
  }

  private static String keyOrPlaceholder(String apiKey, String variable, ModelKey key) {
    if (apiKey == null || apiKey.isBlank()) {
      log.warn(
          "{} is not set: {} model {} will be called without a key",
          variable,
          key.provider(),
          key.model());
      return NO_KEY;
    }
    return apiKey;
  }
}
