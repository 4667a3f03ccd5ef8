package org.smartassistant.tgbot.commands;

import org.smartassistant.tgbot.relay.AssistantRelay;
import org.springframework.stereotype.Component;

/**
 * {@code /reset}: forget the conversation. A {@code conversation_reset} envelope goes through the
 * inbox, in order with the user's messages, so that a message written before the reset is still
 * answered with the old context and one written after it without; the assistant clears the history
 * (Redis window and rest-service) and confirms to the user.
 */
@Component
class ResetCommand implements Command {

  private final AssistantRelay relay;

  ResetCommand(AssistantRelay relay) {
    this.relay = relay;
  }

  @Override
  public String name() {
    return "reset";
  }

  @Override
  public String description() {
    return "Forget our conversation and start afresh";
  }

  @Override
  public void accept(CommandRequest request) {
    relay.conversationReset(request.source());
  }

  @Override
  public void answer(CommandRequest request) {
    // the assistant confirms once the history is gone
  }
}
