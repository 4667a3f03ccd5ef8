package org.smartassistant.tgbot.commands;

import org.springframework.stereotype.Component;

/** {@code /start}: the user is registered (on first contact) and greeted by a secretary. */
@Component
class StartCommand implements Command {

  private final SecretaryChoice secretaryChoice;

  StartCommand(SecretaryChoice secretaryChoice) {
    this.secretaryChoice = secretaryChoice;
  }

  @Override
  public String name() {
    return "start";
  }

  @Override
  public String description() {
    return "Start, or choose your secretary again";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    secretaryChoice.greet(request.chatId(), request.user());
  }
}
