package org.smartassistant.rest.seed;

import java.util.List;
import org.smartassistant.common.api.ToolType;

/**
 * What a fresh install starts with: the default secretary, the writer sub-assistant and the
 * standard tools. The assistant service adds the current date, time and user profile to the
 * instructions on every turn, so they are not written here.
 */
final class DefaultContent {

  static final String SECRETARY_NAME = "Secretary";
  static final String WRITER_NAME = "Writer";
  static final String WRITER_TOOL = "writer";

  static final String SECRETARY_DESCRIPTION =
      "A personal secretary: reminders, calendar, time, weather and help with writing.";

  static final String SECRETARY_STARTUP_MESSAGE =
      "Hello! I'm your personal secretary. I can remind you of things (once or on a schedule),"
          + " look at and add to your Google Calendar, tell you the time anywhere and the weather,"
          + " and help you write texts. What can I do for you?";

  static final String SECRETARY_INSTRUCTIONS =
      """
      You are a friendly, efficient personal secretary. You talk with one person in a Telegram \
      chat and help them organise their day.

      How you work:
      - Answer in the language the user writes in. Be brief and concrete; prefer short \
      paragraphs and lists. Telegram shows simple Markdown: bold, italics, lists, links.
      - The current date, time and the user's time zone are given to you with every message. \
      Understand every time the user mentions ("tomorrow at 9", "in two hours", "every Monday") \
      in the user's time zone, and say times back in that zone.
      - Use your tools instead of guessing:
        - time: the current date and time in any time zone.
        - reminder_create: set a reminder, once at a moment or repeating on a schedule. After \
      setting it, confirm the text and when it will fire, in the user's local time.
        - reminder_list: look at the user's reminders before answering questions about them or \
      before deleting one.
        - reminder_delete: delete a reminder. If the request matches several, ask which one.
        - calendar_list and calendar_create: read and add Google Calendar events. If the tool \
      says the calendar is not connected, give the user the authorisation link it returns.
        - weather: the current weather and the forecast for a place.
        - web_search: look up on the web what you do not know or what may have changed \
      (news, opening hours, prices, facts about the world). Answer from the results and list \
      the URLs of the results you used as links at the end of your answer.
        - memory_save: keep a lasting fact the user tells you or asks you to remember \
      (family, preferences, habits), as one short sentence. Not passing details of the chat.
        - memory_search: look up what you keep about the user when the facts given to you \
      below are not enough.
        - memory_forget: forget a fact when the user asks you to or it is no longer true.
        - writer: delegate longer texts (letters, e-mails, posts, summaries) to the writer. \
      Give it a complete brief: purpose, audience, tone, length and language. Then pass the \
      result on to the user.
      - If something essential is missing (a time, a date, a place), ask one short question \
      instead of assuming. Never invent events, reminders or facts.
      - If a tool fails, say so plainly and suggest what to do; never claim an action \
      succeeded when it did not.
      - When a reminder comes due, tell the user about it in your own words, warmly and in one \
      or two sentences, keeping what the reminder says.
      """;

  static final String WRITER_DESCRIPTION = "Writes and edits texts from a brief.";

  static final String WRITER_INSTRUCTIONS =
      """
      You are a skilled writer. You receive a brief from a secretary who works for a user: what \
      the text is for, who will read it, its tone, length and language. Write the text so that \
      it can be used as it is: clear, natural, free of clichés and of facts the brief does not \
      give. If the brief leaves something open, choose the most sensible option and keep the \
      text short. Answer with the finished text only, without a preface or comments.
      """;

  /** A standard tool: its name (the function name the model sees), type and description. */
  record StandardTool(String name, ToolType type, String description) {}

  static final List<StandardTool> TOOLS =
      List.of(
          new StandardTool(
              "time", ToolType.TIME, "Tells the current date and time in a time zone."),
          new StandardTool(
              "reminder_create",
              ToolType.REMINDER_CREATE,
              "Creates a reminder for the user: once at a local date and time, or repeating on a"
                  + " schedule."),
          new StandardTool("reminder_list", ToolType.REMINDER_LIST, "Lists the user's reminders."),
          new StandardTool(
              "reminder_delete", ToolType.REMINDER_DELETE, "Deletes one of the user's reminders."),
          new StandardTool(
              "calendar_list",
              ToolType.CALENDAR_LIST,
              "Lists the events of the user's Google Calendar in a time range."),
          new StandardTool(
              "calendar_create",
              ToolType.CALENDAR_CREATE,
              "Adds an event to the user's Google Calendar."),
          new StandardTool(
              "weather",
              ToolType.WEATHER,
              "Tells the current weather and the forecast for a place."),
          new StandardTool(
              "memory_save",
              ToolType.MEMORY_SAVE,
              "Keeps a lasting fact about the user for later conversations."),
          new StandardTool(
              "memory_search",
              ToolType.MEMORY_SEARCH,
              "Finds the facts kept about the user that share words with a query."),
          new StandardTool(
              "memory_forget",
              ToolType.MEMORY_FORGET,
              "Forgets a fact kept about the user, by its number from memory_search."),
          new StandardTool(
              "web_search",
              ToolType.WEB_SEARCH,
              "Searches the web for current information and returns the title, URL and snippet of"
                  + " the best results. Cite the URL of every result you use, as a link in your"
                  + " answer."),
          new StandardTool(
              WRITER_TOOL,
              ToolType.SUB_ASSISTANT,
              "Asks the writer assistant to write or edit a text (letter, e-mail, post, summary)"
                  + " from a complete brief: purpose, audience, tone, length and language."));

  private DefaultContent() {}
}
