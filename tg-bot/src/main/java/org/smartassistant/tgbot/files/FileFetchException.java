package org.smartassistant.tgbot.files;

/** A user's file could not be fetched from Telegram, and why. */
class FileFetchException extends Exception {

  enum Reason {
    /** Telegram refuses files this big to bots ("file is too big"). */
    TOO_BIG,
    /** Telegram does not know the file (a wrong or expired file id). */
    NOT_FOUND,
    /** Telegram could not be reached or failed, or no bot token is configured. */
    UNAVAILABLE
  }

  private final Reason reason;

  FileFetchException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
