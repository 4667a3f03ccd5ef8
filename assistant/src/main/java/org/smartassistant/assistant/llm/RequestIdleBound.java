package org.smartassistant.assistant.llm;

import java.time.Duration;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import reactor.core.publisher.Flux;

/**
 * Bounds each streamed model request, not the exchange: ordered after the tool loop ({@link
 * TurnLimitAdvisor}), it is asked once per round, so the wait for a request's first chunk and
 * between two of its chunks is at most {@code idle}, and the tools that run between two rounds are
 * not timed by it (their own timeouts and the message's deadline bound them). A request silent for
 * longer fails the exchange with a {@link java.util.concurrent.TimeoutException}, as a call that
 * times out does. It is needed because a streamed response's body is read without the transport's
 * request timeout, which ends when the response begins.
 */
final class RequestIdleBound implements StreamAdvisor {

  private final Duration idle;

  RequestIdleBound(Duration idle) {
    this.idle = idle;
  }

  @Override
  public Flux<ChatClientResponse> adviseStream(
      ChatClientRequest request, StreamAdvisorChain chain) {
    return chain.nextStream(request).timeout(idle);
  }

  @Override
  public String getName() {
    return "request-idle-bound";
  }

  @Override
  public int getOrder() {
    return ToolCallingAdvisor.DEFAULT_ORDER + 1;
  }
}
