package org.smartassistant.testsupport.fakes.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Bot API methods the fake knows. Requests name them in any case (telegrambots sends them in
 * lower case); calls are recorded under the names Telegram documents.
 */
final class TelegramMethods {

  /** getUpdates in lower case, as requests are matched. */
  static final String GET_UPDATES = "getupdates";

  private static final List<String> KNOWN_METHODS =
      List.of(
          "getUpdates",
          "getMe",
          "logOut",
          "close",
          "setWebhook",
          "deleteWebhook",
          "getWebhookInfo",
          "sendMessage",
          "sendMessageDraft",
          "sendChatAction",
          "answerCallbackQuery",
          "editMessageText",
          "editMessageReplyMarkup",
          "deleteMessage",
          "deleteMessages",
          "setMyCommands",
          "deleteMyCommands",
          "getMyCommands",
          "setChatMenuButton",
          "setMyDescription",
          "setMyShortDescription",
          "setMyName",
          "setMessageReaction",
          "pinChatMessage",
          "unpinChatMessage",
          "getChat");

  /** Methods that answer {@code true} when they succeed. */
  private static final Set<String> TRUE_METHODS =
      Set.of(
          "logout",
          "close",
          "setwebhook",
          "deletewebhook",
          "sendchataction",
          "answercallbackquery",
          "deletemessage",
          "deletemessages",
          "setmycommands",
          "deletemycommands",
          "setchatmenubutton",
          "setmydescription",
          "setmyshortdescription",
          "setmyname",
          "setmessagereaction",
          "pinchatmessage",
          "unpinchatmessage");

  private static final Map<String, String> CANONICAL_NAMES =
      KNOWN_METHODS.stream()
          .collect(Collectors.toUnmodifiableMap(m -> m.toLowerCase(Locale.ROOT), m -> m));

  private TelegramMethods() {}

  /** The documented name of a known method in any case; an unknown name as it came. */
  static String canonical(String method) {
    return CANONICAL_NAMES.getOrDefault(method.toLowerCase(Locale.ROOT), method);
  }

  /** Whether the method (lower case) answers {@code true} when it succeeds. */
  static boolean answersTrue(String method) {
    return TRUE_METHODS.contains(method);
  }
}
