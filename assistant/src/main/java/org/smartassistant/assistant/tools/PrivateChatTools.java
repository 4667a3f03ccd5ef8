package org.smartassistant.assistant.tools;

import java.util.EnumSet;
import java.util.Set;
import org.smartassistant.common.api.ToolType;

/**
 * The tools about a person's own things: reminders, calendar and the facts kept about them. In a
 * group chat they are not run; the model is told to send the asker to a private chat, so nobody's
 * reminders, events or facts are shown to (or changed by) a group.
 */
final class PrivateChatTools {

  static final String ASK_IN_PRIVATE =
      "This tool is not available in a group chat: reminders, calendars and remembered facts are"
          + " personal. Tell the user to ask for this in a private chat with the bot; do not guess"
          + " or list anything.";

  private static final Set<ToolType> PRIVATE =
      EnumSet.of(
          ToolType.REMINDER_CREATE,
          ToolType.REMINDER_LIST,
          ToolType.REMINDER_DELETE,
          ToolType.CALENDAR_LIST,
          ToolType.CALENDAR_CREATE,
          ToolType.MEMORY_SAVE,
          ToolType.MEMORY_SEARCH,
          ToolType.MEMORY_FORGET);

  private PrivateChatTools() {}

  static boolean privateOnly(ToolType type) {
    return PRIVATE.contains(type);
  }
}
