package org.smartassistant.assistant.llm;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.smartassistant.common.api.LlmProvider;
import org.springframework.ai.chat.metadata.Usage;

/**
 * The tokens the models reported while one message was answered, per assistant and model: the
 * secretary's tool rounds, a fallback model's and every delegation's (it is carried by the
 * message's {@link TurnBudget}). Thread-safe.
 */
public final class TurnUsage {

  /** Whose model was called. */
  public record Model(UUID assistantId, LlmProvider provider, String model) {}

  /** What one assistant's model used. */
  public record Line(Model model, long calls, long promptTokens, long completionTokens) {}

  private record Counts(AtomicLong calls, AtomicLong prompt, AtomicLong completion) {}

  private final Map<Model, Counts> counts = new ConcurrentHashMap<>();

  /** Adds one model response; a response without usage counts as a call without tokens. */
  void add(Model model, Usage usage) {
    Counts line =
        counts.computeIfAbsent(
            model, key -> new Counts(new AtomicLong(), new AtomicLong(), new AtomicLong()));
    line.calls().incrementAndGet();
    if (usage != null) {
      line.prompt().addAndGet(orZero(usage.getPromptTokens()));
      line.completion().addAndGet(orZero(usage.getCompletionTokens()));
    }
  }

  /** What was used so far, one line per assistant and model. */
  public List<Line> lines() {
    return counts.entrySet().stream()
        .map(
            entry ->
                new Line(
                    entry.getKey(),
                    entry.getValue().calls().get(),
                    entry.getValue().prompt().get(),
                    entry.getValue().completion().get()))
        .toList();
  }

  private static long orZero(Integer tokens) {
    return tokens == null ? 0 : tokens;
  }
}
