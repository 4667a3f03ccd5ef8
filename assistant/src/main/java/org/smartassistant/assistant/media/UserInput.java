package org.smartassistant.assistant.media;

import org.springframework.ai.chat.messages.UserMessage;

/**
 * What a user's message gives the secretary: the message for the model (a text, or a caption with
 * an image), and what the conversation's history keeps of it; or, for a file that cannot be given
 * to the model, the one sentence the user is told instead.
 *
 * @param message for the model, or null when refused
 * @param remembered the user's side of the exchange in the history, or null when refused
 * @param refusal the sentence for the user, or null
 */
public record UserInput(UserMessage message, String remembered, String refusal) {

  static UserInput of(UserMessage message, String remembered) {
    return new UserInput(message, remembered, null);
  }

  static UserInput text(String text) {
    return of(new UserMessage(text), text);
  }

  static UserInput refused(String sentence) {
    return new UserInput(null, null, sentence);
  }

  public boolean refused() {
    return refusal != null;
  }
}
