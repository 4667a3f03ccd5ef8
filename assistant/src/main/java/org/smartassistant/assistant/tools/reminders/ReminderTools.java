package org.smartassistant.assistant.tools.reminders;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.assistant.tools.ToolTurn;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.OneTime;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Recurring;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Refused;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Timing;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The reminder tools ({@code reminder_create}, {@code reminder_list}, {@code reminder_delete}),
 * acting through rest-service for the user of the {@link ToolContext} only: no argument names a
 * user, and another user's reminder id is answered like an unknown one.
 */
@Component
class ReminderTools implements ToolFamily {

  /** Reminders shown by {@code reminder_list}; more are counted, not listed. */
  static final int LISTED = 50;

  private static final int MAX_TEXT = 4000;

  private static final Logger log = LoggerFactory.getLogger(ReminderTools.class);

  private final RestServiceClient rest;
  private final ReminderListing listing;
  private final Clock clock;

  ReminderTools(RestServiceClient rest, Clock clock) {
    this.rest = rest;
    this.listing = new ReminderListing(rest);
    this.clock = clock;
  }

  @Tool(
      name = "reminder_create",
      description =
          "Sets a reminder for the user: once at a local date and time ('when'), once after a"
              + " delay ('in'), or repeating on a cron schedule ('cron'); give exactly one of the"
              + " three. Times are the user's local times. A repeating reminder's answer lists"
              + " its next runs: tell them to the user.")
  public String create(
      @ToolParam(description = "What to remind the user of, e.g. 'call mum'") String text,
      @ToolParam(
              required = false,
              description =
                  "The user's local date and time, yyyy-MM-ddTHH:mm without offset, e.g."
                      + " 2026-11-25T09:00; or HH:mm for the next time the clock shows it")
          String when,
      @ToolParam(
              required = false,
              description =
                  "A delay from now: ISO-8601 like PT20M or P1DT2H, or e.g. '20 minutes', '2"
                      + " hours'")
          String in,
      @ToolParam(
              required = false,
              description =
                  "A repeating schedule: 5-field cron (minute hour day-of-month month"
                      + " day-of-week) in the user's local time, e.g. '0 8 * * 1' = Mondays at"
                      + " 08:00")
          String cron,
      @ToolParam(required = false, description = MissedRuns.DESCRIPTION) String missedRuns,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    if (text == null || text.isBlank()) {
      return "Say what the reminder is about in 'text', e.g. 'call mum'.";
    }
    if (text.strip().length() > MAX_TEXT) {
      return "The reminder's text is too long: at most " + MAX_TEXT + " characters.";
    }
    MissedRuns.Read policy = MissedRuns.read(missedRuns);
    if (policy.refusal() != null) {
      return policy.refusal();
    }
    ZoneId zone = user.zone();
    Timing timing = ReminderTimes.resolve(when, in, cron, zone, clock.instant());
    CreateReminderRequest request;
    if (timing instanceof Refused refused) {
      return refused.reason();
    } else if (timing instanceof OneTime once) {
      request =
          new CreateReminderRequest(
              user.userId(),
              assistantOf(user),
              ReminderType.ONE_TIME,
              once.at(),
              null,
              zone.getId(),
              text.strip(),
              policy.policy());
    } else {
      Recurring recurring = (Recurring) timing;
      request =
          new CreateReminderRequest(
              user.userId(),
              assistantOf(user),
              ReminderType.RECURRING,
              null,
              recurring.cron(),
              zone.getId(),
              text.strip(),
              policy.policy());
    }
    ReminderDto created;
    try {
      created = rest.createReminder(ToolTurn.nextKey(context), request);
    } catch (HttpClientErrorException.BadRequest e) {
      // e.g. a schedule firing more often than rest-service allows
      return "The reminder was not set: " + RestProblems.problemOf(e);
    } catch (HttpClientErrorException.Conflict e) {
      if (e.getResponseBodyAsString().contains(IdempotencyKey.HEADER)) {
        // this message was being answered before (the assistant restarted) and this call then set
        // a different reminder
        return "No new reminder was set: while this message was handled earlier a reminder was"
            + " already set for this request. Check it with reminder_list before setting another.";
      }
      // the user has as many active reminders as allowed
      return "The reminder was not set: "
          + RestProblems.problemOf(e)
          + ". Ask the user which reminder to give up (reminder_list shows them, reminder_delete"
          + " removes one), then try again.";
    }
    if (timing instanceof OneTime once) {
      return "Reminder set for "
          + ReminderTimes.describe(once.local())
          + " ("
          + zone.getId()
          + "): \""
          + created.text()
          + "\". Id: "
          + ReminderListing.shortId(created.id())
          + "."
          + (once.note() == null ? "" : " " + once.note())
          + MissedRuns.note(created.missedRunPolicy());
    }
    Recurring recurring = (Recurring) timing;
    // from the first run rest-service computed, which is the one that fires
    ZonedDateTime first =
        created.nextTriggerAt() != null ? created.nextTriggerAt().atZone(zone) : recurring.next();
    return "Repeating reminder set: \""
        + created.text()
        + "\" on the schedule '"
        + recurring.cron()
        + "' in "
        + zone.getId()
        + ". The next "
        + UpcomingRuns.SHOWN
        + " runs, in "
        + zone.getId()
        + " time: "
        + UpcomingRuns.describe(UpcomingRuns.from(recurring.cron(), first, UpcomingRuns.SHOWN))
        + ". Tell the user these times. Id: "
        + ReminderListing.shortId(created.id())
        + "."
        + MissedRuns.note(created.missedRunPolicy());
  }

  @Tool(
      name = "reminder_list",
      description =
          "Lists the user's active and paused reminders with their next time in the user's zone"
              + " and the id that reminder_delete takes.")
  public String list(ToolContext context) {
    ToolUser user = ToolUser.from(context);
    List<ReminderDto> reminders = listing.own(user.userId());
    if (reminders.isEmpty()) {
      return "The user has no active reminders.";
    }
    StringBuilder answer =
        new StringBuilder("The user's reminders (times in ")
            .append(user.zone().getId())
            .append("; the id in brackets is what reminder_delete takes):");
    for (ReminderDto reminder : reminders.subList(0, Math.min(LISTED, reminders.size()))) {
      answer.append("\n- ").append(ReminderListing.line(reminder, user.zone()));
    }
    if (reminders.size() > LISTED) {
      answer.append("\n…and ").append(reminders.size() - LISTED).append(" more.");
    }
    return answer.toString();
  }

  @Tool(
      name = "reminder_delete",
      description =
          "Deletes one of the user's reminders by the id reminder_list shows (the first"
              + " characters are enough).")
  public String delete(
      @ToolParam(description = "The reminder's id as reminder_list shows it, e.g. 3f2a9c1b")
          String id,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    String wanted =
        id == null ? "" : id.strip().toLowerCase(Locale.ROOT).replaceAll("[\\[\\]]", "");
    if (wanted.length() < 4 || !wanted.matches("[0-9a-f-]+")) {
      return "'"
          + id
          + "' is not a reminder id. reminder_list shows each reminder's id in brackets, e.g."
          + " [3f2a9c1b].";
    }
    // only the user's own reminders are searched: another user's id is simply not found
    List<ReminderDto> matches =
        listing.own(user.userId()).stream()
            .filter(reminder -> reminder.id().toString().startsWith(wanted))
            .toList();
    if (matches.isEmpty()) {
      return notFound(id);
    }
    if (matches.size() > 1) {
      return "Several of the user's reminders have ids starting with "
          + wanted
          + "; give more of the id.";
    }
    ReminderDto reminder = matches.get(0);
    try {
      rest.updateReminder(reminder.id(), UpdateReminderRequest.status(ReminderStatus.CANCELLED));
    } catch (HttpClientErrorException.NotFound e) {
      return notFound(id);
    } catch (HttpClientErrorException.Conflict e) {
      return "The reminder \""
          + reminder.text()
          + "\" can no longer be deleted: it has just fired or was completed.";
    }
    return "Deleted the reminder \""
        + reminder.text()
        + "\" ("
        + ReminderListing.when(reminder, user.zone())
        + ").";
  }

  private UUID assistantOf(ToolUser user) {
    if (user.assistantId() != null) {
      return user.assistantId();
    }
    try {
      return rest.userSecretary(user.userId()).assistant().id();
    } catch (RuntimeException e) {
      // the reminder is the user's either way; the secretary then speaks it when it comes due
      log.debug("no secretary found for user {}: {}", user.userId(), e.getMessage());
      return null;
    }
  }

  private static String notFound(String id) {
    return "No reminder with id "
        + id
        + " was found among the user's reminders. Call reminder_list to see them.";
  }
}
