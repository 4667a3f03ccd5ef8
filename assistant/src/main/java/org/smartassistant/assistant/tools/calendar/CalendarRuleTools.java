package org.smartassistant.assistant.tools.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CreateCalendarRuleRequest;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The calendar reminder rule tools ({@code calendar_reminder_rule_set}, {@code _list}, {@code
 * _remove}): "remind me 15 minutes before each meeting", kept in rest-service for the user of the
 * tool context; cron-service turns each rule into reminders of the user's coming events. A rule is
 * only set for a user whose Google Calendar is connected; otherwise the answer says so, with the
 * consent link.
 */
@Component
public class CalendarRuleTools implements ToolFamily {

  private final CalendarRuleClient rules;
  private final Optional<CalendarServiceClient> calendar;
  private final Clock clock;

  CalendarRuleTools(
      CalendarRuleClient rules, Optional<CalendarServiceClient> calendar, Clock clock) {
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Tool(
      name = "calendar_reminder_rule_set",
      description =
          "Sets a standing rule: remind the user a number of minutes before each event of their"
              + " Google Calendar, or only before events whose title contains a word (e.g."
              + " 'meeting'). The reminders follow the events when they move or are cancelled.")
  public String set(
      @ToolParam(description = "Minutes before each event's start, 0 to 10080 (one week)")
          Integer minutesBefore,
      @ToolParam(
              required = false,
              description =
                  "Only events whose title contains this text (any case); empty for every event")
          String titleFilter,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    if (minutesBefore == null
        || minutesBefore < 0
        || minutesBefore > CreateCalendarRuleRequest.MAX_MINUTES_BEFORE) {
      return "minutesBefore must be a whole number of minutes from 0 to "
          + CreateCalendarRuleRequest.MAX_MINUTES_BEFORE
          + " (one week); nothing was set.";
    }
    String filter = titleFilter == null || titleFilter.isBlank() ? null : titleFilter.strip();
    if (filter != null && filter.length() > CreateCalendarRuleRequest.MAX_FILTER_LENGTH) {
      return "The title filter is too long (at most "
          + CreateCalendarRuleRequest.MAX_FILTER_LENGTH
          + " characters); nothing was set.";
    }
    Optional<String> unusable = calendarProblem(user.userId());
    if (unusable.isPresent()) {
      return unusable.get();
    }
    try {
      CalendarRuleDto rule =
          rules.createRule(user.userId(), new CreateCalendarRuleRequest(minutesBefore, filter));
      return "Set: " + describe(rule) + ". Reminders follow the events as they move or go.";
    } catch (HttpClientErrorException.Conflict e) {
      return "Nothing new was set: the user already has this rule, or as many rules as allowed"
          + " (calendar_reminder_rule_list shows them).";
    } catch (HttpClientErrorException.BadRequest e) {
      return "The rule was refused as malformed; nothing was set.";
    }
  }

  @Tool(
      name = "calendar_reminder_rule_list",
      description =
          "Lists the user's calendar reminder rules, each with the number that"
              + " calendar_reminder_rule_remove takes.")
  public String list(ToolContext context) {
    List<CalendarRuleDto> found = rules.rules(ToolUser.from(context).userId());
    if (found.isEmpty()) {
      return "The user has no calendar reminder rules.";
    }
    StringBuilder answer = new StringBuilder("The user's calendar reminder rules:");
    for (int i = 0; i < found.size(); i++) {
      answer.append("\n- [").append(i + 1).append("] ").append(describe(found.get(i)));
    }
    return answer.toString();
  }

  @Tool(
      name = "calendar_reminder_rule_remove",
      description =
          "Removes one of the user's calendar reminder rules, by the number"
              + " calendar_reminder_rule_list shows, e.g. 1; its reminders not yet sent go with it.")
  public String remove(
      @ToolParam(description = "The rule's number from calendar_reminder_rule_list, e.g. 1")
          String number,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    int index;
    try {
      index = Integer.parseInt(number == null ? "" : number.strip().replaceAll("[\\[\\]#]", ""));
    } catch (NumberFormatException e) {
      return "'" + number + "' is not a rule's number; calendar_reminder_rule_list shows them.";
    }
    List<CalendarRuleDto> found = rules.rules(user.userId());
    if (index < 1 || index > found.size()) {
      return "The user has no calendar reminder rule ["
          + index
          + "]; they have "
          + found.size()
          + " (calendar_reminder_rule_list shows them).";
    }
    CalendarRuleDto rule = found.get(index - 1);
    try {
      rules.deleteRule(user.userId(), rule.id());
    } catch (HttpClientErrorException.NotFound e) {
      return "That rule was already removed.";
    }
    return "Removed: " + describe(rule) + ".";
  }

  /**
   * Why the user's calendar cannot be used, with the consent link when connecting would help; empty
   * when it can.
   */
  private Optional<String> calendarProblem(long userId) {
    if (calendar.isEmpty()) {
      return Optional.of(CalendarFailures.NOT_CONFIGURED);
    }
    Instant now = clock.instant();
    try {
      calendar.get().events(userId, now, now.plus(Duration.ofMinutes(1)));
      return Optional.empty();
    } catch (RestClientException e) {
      return Optional.of(
          new CalendarFailures(calendar.get())
              .explain(e, userId, "setting a calendar reminder rule"));
    }
  }

  static String describe(CalendarRuleDto rule) {
    String when =
        rule.minutesBefore() == 0 ? "at the start of" : rule.minutesBefore() + " minutes before";
    return "a reminder "
        + when
        + (rule.titleFilter() == null
            ? " each calendar event"
            : " each calendar event whose title contains '" + rule.titleFilter() + "'");
  }
}
