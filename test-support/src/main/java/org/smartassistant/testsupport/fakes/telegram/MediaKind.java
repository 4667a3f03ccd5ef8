package org.smartassistant.testsupport.fakes.telegram;

/** The messages with a file the bot can fetch that {@link FakeTelegramBotApi#pushFile} sends. */
public enum MediaKind {
  VOICE("voice"),
  AUDIO("audio"),
  PHOTO("photo"),
  DOCUMENT("document");

  private final String field;

  MediaKind(String field) {
    this.field = field;
  }

  /** The field of the message that holds the file. */
  String field() {
    return field;
  }
}
