package org.smartassistant.tgbot.commands;

import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.springframework.stereotype.Component;

/** {@code /forget_all}: forget every fact the assistant keeps about the user. */
@Component
class ForgetAllCommand implements Command {

  private final RestServiceClient rest;
  private final ChatMessages messages;

  ForgetAllCommand(RestServiceClient rest, ChatMessages messages) {
    this.rest = rest;
    this.messages = messages;
  }

  @Override
  public String name() {
    return "forget_all";
  }

  @Override
  public String description() {
    return "Forget everything I remember about you";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    rest.forgetAllMemories(request.user().id());
    messages.send(
        request.chatId(),
        "Done: I've forgotten everything I remembered about you. Our conversation itself is kept;"
            + " send /reset to start it afresh.");
  }
}
