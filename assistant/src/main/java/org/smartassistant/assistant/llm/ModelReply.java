package org.smartassistant.assistant.llm;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import reactor.util.concurrent.Queues;

/**
 * What one exchange's model wrote last, and the usage its last response reported: asked in one
 * request ({@link #called}) or streamed ({@link #streamed}), which is the same exchange, tool
 * rounds, limits and usage included, with the text passed on while it is written.
 *
 * @param text the text of the exchange's last round, or null when it wrote none
 * @param usage what the last response reported (for an exchange outside the tool loop), or null
 */
record ModelReply(String text, Usage usage) {

  /** The reply of a request asked in one piece. */
  static ModelReply called(ChatClient.ChatClientRequestSpec request) {
    ChatResponse response = request.call().chatResponse();
    return new ModelReply(
        textOf(response), response == null ? null : response.getMetadata().getUsage());
  }

  /**
   * The reply of a streamed request, read on the calling thread (tools run on Reactor's
   * bounded-elastic threads, as Spring AI's streamed tool loop runs them).
   *
   * @param limit the exchange's advisor: it tells when a tool round ends and the next begins, so
   *     {@code partial} sees the text of the round being written, as the answer would be if the
   *     model stopped there
   * @param partial receives the text of the current round so far after every chunk that added to it
   */
  static ModelReply streamed(
      ChatClient.ChatClientRequestSpec request, TurnLimitAdvisor limit, Consumer<String> partial) {
    StringBuilder round = new StringBuilder();
    AtomicReference<String> text = new AtomicReference<>();
    AtomicReference<Usage> usage = new AtomicReference<>();
    // the round's text is kept in the stream's own (serial) signals: a new round starts only after
    // the chunks of the previous one went by
    limit.onEachStreamedRound(
        () -> {
          round.setLength(0);
          text.set(null);
        });
    Iterable<String> written =
        request.stream()
            .chatClientResponse()
            .map(
                chunk -> {
                  ChatResponse response = chunk.chatResponse();
                  if (response != null && hasTokens(response.getMetadata().getUsage())) {
                    usage.set(response.getMetadata().getUsage());
                  }
                  String piece = textOf(response);
                  if (piece != null && !piece.isEmpty()) {
                    round.append(piece);
                    text.set(round.toString());
                  }
                  return text.get() == null ? "" : text.get();
                })
            // the chunks queue up while this thread reads them: with a prefetch of one, each chunk
            // waited for this thread to ask for it, a thread hand-off both ways per chunk
            .toIterable(Queues.SMALL_BUFFER_SIZE);
    String last = null;
    for (String sofar : written) {
      if (!sofar.isEmpty() && !sofar.equals(last)) {
        last = sofar;
        partial.accept(sofar);
      }
    }
    return new ModelReply(text.get(), usage.get());
  }

  private static boolean hasTokens(Usage usage) {
    return usage != null
        && (positive(usage.getPromptTokens()) || positive(usage.getCompletionTokens()));
  }

  private static boolean positive(Integer tokens) {
    return tokens != null && tokens > 0;
  }

  static String textOf(ChatResponse response) {
    if (response == null) {
      return null;
    }
    Generation result = response.getResult();
    return result == null || result.getOutput() == null ? null : result.getOutput().getText();
  }
}
