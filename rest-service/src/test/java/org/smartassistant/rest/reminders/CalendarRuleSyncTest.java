package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CalendarRuleSyncDto;
import org.smartassistant.common.calendarrules.CreateCalendarRuleRequest;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest.Event;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.rest.RestServiceTest;

/**
 * A rule's reminders follow the events it is given: one per event and start however often it is
 * synced, a moved event's reminder replaced, a cancelled event's removed, the filter honoured.
 */
class CalendarRuleSyncTest extends RestServiceTest {

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Instant from = now;
  private final Instant to = now.plus(Duration.ofDays(2));

  private CalendarRuleClient rules() {
    return ServiceClients.create(
        CalendarRuleClient.class,
        restClientBuilder,
        new ServiceClientProperties(baseUrl(), null, null, 0, null),
        TOKEN);
  }

  private List<ReminderDto> active(long user) {
    return client().reminders(user, ReminderStatus.ACTIVE, null, 0, 200).items();
  }

  private CalendarRuleSyncDto sync(CalendarRuleDto rule, Event... events) {
    return rules().sync(rule.id(), new SyncCalendarRuleRequest(from, to, List.of(events)));
  }

  @Test
  void syncingTwiceMakesOneReminderPerEventFifteenMinutesBefore() {
    long user = newUser();
    CalendarRuleDto rule = rules().createRule(user, new CreateCalendarRuleRequest(15, null));
    Event standup = new Event("ev1", "Standup", now.plus(Duration.ofHours(3)));
    Event review = new Event("ev2", "Review", now.plus(Duration.ofHours(5)));

    CalendarRuleSyncDto first = sync(rule, standup, review);
    CalendarRuleSyncDto second = sync(rule, standup, review);

    assertThat(first).isEqualTo(new CalendarRuleSyncDto(2, 0, 0, 0));
    assertThat(second).isEqualTo(new CalendarRuleSyncDto(0, 0, 0, 2));
    List<ReminderDto> reminders = active(user);
    assertThat(reminders).hasSize(2);
    assertThat(reminders)
        .extracting(ReminderDto::triggerAt)
        .containsExactlyInAnyOrder(
            standup.start().minus(Duration.ofMinutes(15)),
            review.start().minus(Duration.ofMinutes(15)));
    assertThat(reminders).allMatch(r -> r.type() == ReminderType.ONE_TIME);
    assertThat(reminders)
        .extracting(ReminderDto::text)
        .anyMatch(text -> text.startsWith("Standup starts in 15 minutes, at "));
  }

  @Test
  void aMovedEventsReminderIsReplacedAndACancelledEventsRemoved() {
    long user = newUser();
    CalendarRuleDto rule = rules().createRule(user, new CreateCalendarRuleRequest(15, null));
    Event standup = new Event("ev1", "Standup", now.plus(Duration.ofHours(3)));
    Event review = new Event("ev2", "Review", now.plus(Duration.ofHours(5)));
    sync(rule, standup, review);

    Event movedStandup = new Event("ev1", "Standup", now.plus(Duration.ofHours(4)));
    CalendarRuleSyncDto afterMove = sync(rule, movedStandup, review);

    assertThat(afterMove).isEqualTo(new CalendarRuleSyncDto(0, 1, 0, 1));
    assertThat(active(user))
        .extracting(ReminderDto::triggerAt)
        .containsExactlyInAnyOrder(
            movedStandup.start().minus(Duration.ofMinutes(15)),
            review.start().minus(Duration.ofMinutes(15)));

    CalendarRuleSyncDto afterCancel = sync(rule, movedStandup);

    assertThat(afterCancel).isEqualTo(new CalendarRuleSyncDto(0, 0, 1, 1));
    assertThat(active(user))
        .extracting(ReminderDto::triggerAt)
        .containsExactly(movedStandup.start().minus(Duration.ofMinutes(15)));
    // a removed reminder is gone, not left behind in another status
    assertThat(client().reminders(user, null, null, 0, 200).items()).hasSize(1);
  }

  @Test
  void theFilterPicksEventsByTitleInAnyCaseAndPastTimesGetNone() {
    long user = newUser();
    CalendarRuleDto rule = rules().createRule(user, new CreateCalendarRuleRequest(30, "meeting"));

    CalendarRuleSyncDto result =
        sync(
            rule,
            new Event("a", "Team MEETING", now.plus(Duration.ofHours(2))),
            new Event("b", "Lunch", now.plus(Duration.ofHours(2))),
            new Event("c", null, now.plus(Duration.ofHours(2))),
            // starts in 10 minutes: its reminder time, 30 minutes before, has passed
            new Event("d", "Meeting soon", now.plus(Duration.ofMinutes(10))));

    assertThat(result.created()).isEqualTo(1);
    assertThat(active(user))
        .extracting(ReminderDto::text)
        .singleElement()
        .asString()
        .startsWith("Team MEETING starts in 30 minutes");
  }

  @Test
  void removingTheRuleRemovesItsPendingRemindersOnly() {
    long user = newUser();
    CalendarRuleDto rule = rules().createRule(user, new CreateCalendarRuleRequest(15, null));
    CalendarRuleDto other = rules().createRule(user, new CreateCalendarRuleRequest(60, null));
    Event standup = new Event("ev1", "Standup", now.plus(Duration.ofHours(3)));
    sync(rule, standup);
    sync(other, standup);
    assertThat(active(user)).hasSize(2);

    rules().deleteRule(user, rule.id());

    assertThat(active(user))
        .extracting(ReminderDto::triggerAt)
        .containsExactly(standup.start().minus(Duration.ofHours(1)));
    assertThat(rules().rules(user)).extracting(CalendarRuleDto::id).containsExactly(other.id());
  }

  @Test
  void everyRuleIsPagedByCursor() {
    long user = newUser();
    for (int minutes = 1; minutes <= 3; minutes++) {
      rules().createRule(user, new CreateCalendarRuleRequest(minutes, null));
    }
    java.util.Set<java.util.UUID> seen = new java.util.HashSet<>();
    java.util.UUID after = null;
    int pages = 0;
    do {
      var page = rules().allRules(after, 2);
      page.items().forEach(r -> assertThat(seen.add(r.id())).isTrue());
      after = page.nextCursor();
      pages++;
    } while (after != null);
    assertThat(pages).isGreaterThan(1);
    assertThat(rules().rules(user)).allMatch(r -> seen.contains(r.id()));
  }
}
