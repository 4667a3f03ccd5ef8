package org.smartassistant.testsupport.fakes.telegram;

/** The kinds of non-text messages {@link FakeTelegramBotApi#pushNonText} can send to the bot. */
public enum NonTextKind {
  VOICE,
  PHOTO,
  STICKER,
  DOCUMENT,
  VIDEO,
  LOCATION
}
