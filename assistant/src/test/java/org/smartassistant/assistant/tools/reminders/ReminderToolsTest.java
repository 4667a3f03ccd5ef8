package org.smartassistant.assistant.tools.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reminder tools as the model calls them: through the assistant's tool catalog (configured
 * tool, Spring AI's argument binding, the tool context) against a fake of rest-service's reminder
 * resource, with the assistant's {@link Clock} bean moved to the test's "now".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
class ReminderToolsTest {

  static final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-24T08:30:00Z"));
  static final FakeReminderApi rest = new FakeReminderApi(now::get);
  static final AtomicLong userIds = new AtomicLong(100);

  final JsonMapper json = JsonMapper.builder().build();

  @Autowired ToolCatalog catalog;

  @TestConfiguration
  static class MovableClock {
    @Bean
    @Primary
    Clock testClock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.fixed(now.get(), zone);
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
    }
  }

  @DynamicPropertySource
  static void outside(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", rest::baseUrl);
    registry.add("smart.internal.token", () -> FakeReminderApi.TOKEN);
    registry.add("smart.llm.openai.api-key", () -> "test-key");
  }

  @AfterAll
  static void stopFake() {
    rest.close();
  }

  @BeforeEach
  void clean() {
    rest.clear();
  }

  // ---------------------------------------------------------------- create

  @Test
  void nineTomorrowInBerlinBeforeSpringForwardIsSevenUtc() {
    now.set(Instant.parse("2027-03-27T19:00:00Z"));
    ToolUser user = user("Europe/Berlin");

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"call mum\",\"when\":\"09:00\"}");

    ReminderDto created = onlyReminder();
    assertThat(created.triggerAt()).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
    assertThat(created.type()).isEqualTo(ReminderType.ONE_TIME);
    assertThat(created.timezone()).isEqualTo("Europe/Berlin");
    assertThat(created.userId()).isEqualTo(user.userId());
    assertThat(created.assistantId()).isEqualTo(user.assistantId());
    assertThat(answer)
        .startsWith(
            "Reminder set for Sunday, 28 March 2027 at 09:00 (Europe/Berlin): \"call mum\".")
        .contains("Id: " + created.id().toString().substring(0, 8));
  }

  @Test
  void nineTomorrowInBerlinBeforeFallBackIsEightUtc() {
    now.set(Instant.parse("2026-10-24T18:00:00Z"));
    ToolUser user = user("Europe/Berlin");

    String answer =
        call(
            user,
            ToolType.REMINDER_CREATE,
            "{\"text\":\"call mum\",\"when\":\"2026-10-25T09:00\"}");

    assertThat(onlyReminder().triggerAt()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
    assertThat(answer).contains("Sunday, 25 October 2026 at 09:00");
  }

  @Test
  void nineTomorrowInNewYorkBeforeSpringForwardIsThirteenUtc() {
    now.set(Instant.parse("2027-03-13T23:00:00Z"));
    ToolUser user = user("America/New_York");

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"take the train\",\"when\":\"09:00\"}");

    assertThat(onlyReminder().triggerAt()).isEqualTo(Instant.parse("2027-03-14T13:00:00Z"));
    assertThat(answer).contains("Sunday, 14 March 2027 at 09:00 (America/New_York)");
  }

  @Test
  void mondaysAtEightInTokyoAreStoredAsCronInTheUsersZone() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("Asia/Tokyo");

    String answer =
        call(
            user,
            ToolType.REMINDER_CREATE,
            "{\"text\":\"send the week's plan\",\"cron\":\"0  8 * * 1\"}");

    ReminderDto created = onlyReminder();
    assertThat(created.type()).isEqualTo(ReminderType.RECURRING);
    assertThat(created.cronExpression()).isEqualTo("0 8 * * 1");
    assertThat(created.timezone()).isEqualTo("Asia/Tokyo");
    assertThat(created.triggerAt()).isNull();
    assertThat(created.nextTriggerAt()).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(answer)
        .contains(
            "The next 3 runs, in Asia/Tokyo time: Monday, 30 November 2026 at 08:00 (UTC+09:00);"
                + " Monday, 7 December 2026 at 08:00 (UTC+09:00); Monday, 14 December 2026 at"
                + " 08:00 (UTC+09:00).");
  }

  @Test
  void aDailyReminderInBerlinBeforeSpringForwardListsItsNextThreeRunsAtTheSameLocalTime() {
    // Friday 27 March 2026; the clocks go forward in the night to Sunday 29 March
    now.set(Instant.parse("2026-03-27T12:00:00Z"));
    ToolUser user = user("Europe/Berlin");

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"vitamins\",\"cron\":\"0 8 * * *\"}");

    assertThat(onlyReminder().nextTriggerAt()).isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
    assertThat(answer)
        .contains(
            "The next 3 runs, in Europe/Berlin time: Saturday, 28 March 2026 at 08:00"
                + " (UTC+01:00); Sunday, 29 March 2026 at 08:00 (UTC+02:00, the clocks have"
                + " changed); Monday, 30 March 2026 at 08:00 (UTC+02:00).");
  }

  @Test
  void aDailyReminderInNewYorkBeforeSpringForwardListsItsNextThreeRunsAtTheSameLocalTime() {
    // Friday 6 March 2026; the clocks go forward on Sunday 8 March
    now.set(Instant.parse("2026-03-06T15:00:00Z"));
    ToolUser user = user("America/New_York");

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"walk the dog\",\"cron\":\"30 9 * * *\"}");

    assertThat(onlyReminder().nextTriggerAt()).isEqualTo(Instant.parse("2026-03-07T14:30:00Z"));
    assertThat(answer)
        .contains(
            "The next 3 runs, in America/New_York time: Saturday, 7 March 2026 at 09:30"
                + " (UTC-05:00); Sunday, 8 March 2026 at 09:30 (UTC-04:00, the clocks have"
                + " changed); Monday, 9 March 2026 at 09:30 (UTC-04:00).");
  }

  @Test
  void runsAroundAChangeShowATimeThatDoesNotExistOrHappensTwiceAsTheSchedulerFiresThem() {
    // 02:30 does not exist in Berlin on Sunday 29 March 2026: that day has no run
    now.set(Instant.parse("2026-03-27T12:00:00Z"));
    String berlin =
        call(
            user("Europe/Berlin"),
            ToolType.REMINDER_CREATE,
            "{\"text\":\"night shift\",\"cron\":\"30 2 * * *\"}");
    // 01:30 happens twice in New York on Sunday 1 November 2026: it runs once, the second time
    now.set(Instant.parse("2026-10-30T12:00:00Z"));
    String newYork =
        call(
            user("America/New_York"),
            ToolType.REMINDER_CREATE,
            "{\"text\":\"backup check\",\"cron\":\"30 1 * * *\"}");

    assertThat(berlin)
        .contains(
            "Saturday, 28 March 2026 at 02:30 (UTC+01:00); Monday, 30 March 2026 at 02:30"
                + " (UTC+02:00, the clocks have changed); Tuesday, 31 March 2026 at 02:30"
                + " (UTC+02:00).");
    assertThat(newYork)
        .contains(
            "Saturday, 31 October 2026 at 01:30 (UTC-04:00); Sunday, 1 November 2026 at 01:30"
                + " (UTC-05:00, the clocks have changed); Monday, 2 November 2026 at 01:30"
                + " (UTC-05:00).");
  }

  @Test
  void theMissedRunPolicyIsPassedOnAndAnUnknownOneIsExplained() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("Europe/Berlin");

    String refused =
        call(
            user,
            ToolType.REMINDER_CREATE,
            "{\"text\":\"pill\",\"cron\":\"0 8 * * *\",\"missedRuns\":\"catch up\"}");
    assertThat(refused)
        .startsWith("'catch up' is not a missed-run policy. Give 'deliver_late'")
        .contains("or 'skip'");
    assertThat(rest.requests()).noneMatch(request -> request.startsWith("POST"));

    String skipping =
        call(
            user,
            ToolType.REMINDER_CREATE,
            "{\"text\":\"pill\",\"cron\":\"0 8 * * *\",\"missedRuns\":\"skip\"}");
    String plain = call(user, ToolType.REMINDER_CREATE, "{\"text\":\"tea\",\"in\":\"20 minutes\"}");

    assertThat(rest.reminders())
        .extracting(ReminderDto::missedRunPolicy)
        .containsExactly(MissedRunPolicy.SKIP, MissedRunPolicy.DELIVER_LATE);
    assertThat(skipping).contains("is skipped, not delivered late");
    assertThat(plain).doesNotContain("skipped");
  }

  @Test
  void aDelayCountsFromTheClocksNow() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("Europe/Paris");

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"tea is ready\",\"in\":\"20 minutes\"}");

    assertThat(onlyReminder().triggerAt()).isEqualTo(Instant.parse("2026-11-24T08:50:00Z"));
    assertThat(answer).contains("Tuesday, 24 November 2026 at 09:50 (Europe/Paris)");
  }

  @Test
  void badInputIsAnsweredWithASentenceAndCreatesNothing() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("Europe/Berlin");

    assertThat(
            call(
                user,
                ToolType.REMINDER_CREATE,
                "{\"text\":\"call mum\",\"when\":\"2026-11-23T09:00\"}"))
        .contains("has already passed");
    assertThat(call(user, ToolType.REMINDER_CREATE, "{\"text\":\"x\",\"cron\":\"every monday\"}"))
        .contains("is not a cron expression of 5 fields");
    assertThat(
            call(
                user,
                ToolType.REMINDER_CREATE,
                "{\"text\":\"x\",\"when\":\"2026-11-25T09:00\",\"cron\":\"0 8 * * 1\"}"))
        .isEqualTo(ReminderTimes.SEVERAL_GIVEN);
    assertThat(call(user, ToolType.REMINDER_CREATE, "{\"text\":\"x\"}"))
        .isEqualTo(ReminderTimes.NOTHING_GIVEN);
    assertThat(call(user, ToolType.REMINDER_CREATE, "{\"when\":\"2026-11-25T09:00\"}"))
        .contains("Say what the reminder is about");
    assertThat(rest.requests()).noneMatch(request -> request.startsWith("POST"));
  }

  @Test
  void aScheduleFiringTooOftenIsExplainedToTheModel() {
    ToolUser user = user("Europe/Berlin");
    // rest-service's answer to a cron whose runs are closer than REMINDER_MIN_INTERVAL
    String message =
        "fires too often: recurring reminders must be at least 5 minutes apart, and '* * * * *'"
            + " has runs 1 minute apart";
    rest.refuseNextCreate(
        400,
        Map.of(
            "type",
            "about:blank",
            "title",
            "Bad Request",
            "status",
            400,
            "detail",
            "invalid input: cronExpression " + message,
            "instance",
            "/api/reminders",
            "errors",
            List.of(Map.of("field", "cronExpression", "message", message))));

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"stretch\",\"cron\":\"* * * * *\"}");

    assertThat(answer)
        .isEqualTo(
            "The reminder was not set: the schedule ('cron') fires too often: recurring reminders"
                + " must be at least 5 minutes apart, and '* * * * *' has runs 1 minute apart.");
    assertThat(rest.reminders()).isEmpty();
  }

  @Test
  void tooManyActiveRemindersIsExplainedToTheModel() {
    ToolUser user = user("Europe/Berlin");
    // rest-service's answer when the user has REMINDER_MAX_ACTIVE_PER_USER active reminders
    String detail =
        "user "
            + user.userId()
            + " already has 100 active reminders, the most allowed is 100; cancel or delete one"
            + " before adding another";
    rest.refuseNextCreate(
        409,
        Map.of(
            "type", "about:blank",
            "title", "Conflict",
            "status", 409,
            "detail", detail,
            "instance", "/api/reminders"));

    String answer =
        call(user, ToolType.REMINDER_CREATE, "{\"text\":\"call mum\",\"in\":\"20 minutes\"}");

    assertThat(answer)
        .isEqualTo(
            "The reminder was not set: "
                + detail
                + ". Ask the user which reminder to give up (reminder_list shows them,"
                + " reminder_delete removes one), then try again.");
    assertThat(rest.reminders()).isEmpty();
  }

  @Test
  void aUserIdInTheArgumentsIsIgnoredTheReminderIsTheCallers() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("UTC");
    long victim = userIds.incrementAndGet();

    call(
        user,
        ToolType.REMINDER_CREATE,
        "{\"text\":\"pwned\",\"in\":\"PT1H\",\"userId\":"
            + victim
            + ",\"user_id\":"
            + victim
            + "}");

    assertThat(onlyReminder().userId()).isEqualTo(user.userId());
    // the model is never offered a way to name a user
    assertThat(parameters(ToolType.REMINDER_CREATE))
        .containsExactlyInAnyOrder("text", "when", "in", "cron", "missedRuns");
    assertThat(parameters(ToolType.REMINDER_DELETE)).containsExactly("id");
    assertThat(parameters(ToolType.REMINDER_LIST)).isEmpty();
  }

  // ---------------------------------------------------------------- list and delete

  @Test
  void listShowsOnlyTheUsersRemindersInTheirZoneWithShortIds() {
    now.set(Instant.parse("2026-11-24T08:30:00Z"));
    ToolUser user = user("Asia/Tokyo");
    ReminderDto own =
        rest.add(user.userId(), "water the plants", Instant.parse("2026-11-25T00:00:00Z"));
    rest.add(
        userIds.incrementAndGet(), "someone else's secret", Instant.parse("2026-11-25T01:00:00Z"));

    String list = call(user, ToolType.REMINDER_LIST, "{}");

    assertThat(list)
        .contains("[" + own.id().toString().substring(0, 8) + "] \"water the plants\"")
        .contains("Wednesday, 25 November 2026 at 09:00")
        .doesNotContain("someone else");
  }

  @Test
  void listSaysSoWhenThereAreNone() {
    assertThat(call(user("UTC"), ToolType.REMINDER_LIST, "{}"))
        .isEqualTo("The user has no active reminders.");
  }

  @Test
  void deleteCancelsTheUsersOwnReminderByItsShortId() {
    ToolUser user = user("UTC");
    ReminderDto own = rest.add(user.userId(), "call mum", Instant.parse("2026-11-25T09:00:00Z"));

    String answer =
        call(
            user,
            ToolType.REMINDER_DELETE,
            "{\"id\":\"" + own.id().toString().substring(0, 8) + "\"}");

    assertThat(answer).startsWith("Deleted the reminder \"call mum\"");
    assertThat(rest.reminder(own.id()).status()).isEqualTo(ReminderStatus.CANCELLED);
  }

  @Test
  void anotherUsersReminderIsNotFoundAndLeftUntouched() {
    ToolUser user = user("UTC");
    ReminderDto foreign =
        rest.add(
            userIds.incrementAndGet(), "someone else's", Instant.parse("2026-11-25T09:00:00Z"));

    String byFullId = call(user, ToolType.REMINDER_DELETE, "{\"id\":\"" + foreign.id() + "\"}");
    String byShortId =
        call(
            user,
            ToolType.REMINDER_DELETE,
            "{\"id\":\"" + foreign.id().toString().substring(0, 8) + "\"}");
    String unknown = call(user, ToolType.REMINDER_DELETE, "{\"id\":\"" + UUID.randomUUID() + "\"}");

    assertThat(byFullId).startsWith("No reminder with id").doesNotContain("someone else");
    assertThat(byShortId).startsWith("No reminder with id");
    // the same answer as for an id that does not exist: nothing reveals the other's reminder
    assertThat(byFullId.replace(foreign.id().toString(), "ID"))
        .isEqualTo(unknown.replaceAll("[0-9a-f-]{36}", "ID"));
    assertThat(rest.reminder(foreign.id()).status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(rest.requests()).noneMatch(request -> request.startsWith("PATCH"));
  }

  @Test
  void createsInATurnAreKeyedByTheTurnAndTheirOrderAndOthersCarryNoKey() {
    ToolUser user = user("UTC");
    ToolContext turn = new ToolContext(catalog.contextFor(user, "envelope-7"));
    ToolCallback create = callback(ToolType.REMINDER_CREATE);

    create.call("{\"text\":\"water the plants\",\"in\":\"PT1H\"}", turn);
    create.call("{\"text\":\"feed the cat\",\"in\":\"PT2H\"}", turn);
    create.call(
        "{\"text\":\"call mum\",\"in\":\"PT3H\"}", new ToolContext(catalog.contextFor(user)));

    assertThat(rest.createKeys()).containsExactly("envelope-7:0", "envelope-7:1", null);
  }

  @Test
  void somethingThatIsNoIdIsSaidSo() {
    assertThat(call(user("UTC"), ToolType.REMINDER_DELETE, "{\"id\":\"the dentist one\"}"))
        .contains("is not a reminder id");
  }

  // ---------------------------------------------------------------- helpers

  ToolUser user(String zone) {
    long id = userIds.incrementAndGet();
    return new ToolUser(id, 500_000 + id, ZoneId.of(zone), UUID.randomUUID());
  }

  ToolCallback callback(ToolType type) {
    ToolDto tool =
        new ToolDto(
            UUID.randomUUID(),
            type.name().toLowerCase(java.util.Locale.ROOT),
            type,
            null,
            null,
            true,
            Instant.EPOCH,
            Instant.EPOCH);
    return catalog.callbacksFor(List.of(tool)).get(0);
  }

  /** The names of the arguments the model is offered. */
  List<String> parameters(ToolType type) {
    return List.copyOf(
        json.readTree(callback(type).getToolDefinition().inputSchema())
            .path("properties")
            .propertyNames());
  }

  /** Calls the tool as the model would and returns the sentence it answers. */
  String call(ToolUser user, ToolType type, String arguments) {
    String result = callback(type).call(arguments, new ToolContext(catalog.contextFor(user)));
    return json.readValue(result, String.class);
  }

  ReminderDto onlyReminder() {
    List<ReminderDto> reminders = rest.reminders();
    assertThat(reminders).hasSize(1);
    return reminders.get(0);
  }
}
