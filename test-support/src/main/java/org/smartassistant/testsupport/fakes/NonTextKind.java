package org.smartassistant.testsupport.fakes;

/** The kinds of non-text messages {@link FakeTelegramBotApi#pushNonText} can send to the bot. */
public enum NonTextKind {
  VOICE,
  PHOTO,
  STICKER,
  DOCUMENT
}
