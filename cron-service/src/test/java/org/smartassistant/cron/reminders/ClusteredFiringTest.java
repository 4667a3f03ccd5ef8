package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.cron.CronServiceApplication;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two cron-service instances on the same Quartz tables: this test's context (instance id cron-a)
 * and a second cron-service in a JVM of its own (cron-b), as in production; two schedulers of the
 * same name cannot share one JVM, because Quartz registers their data sources by scheduler name.
 * 500 reminders due within the same few seconds are each fired exactly once, counted in the inbox
 * and in the recorded runs.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "smart.internal.token=" + FakeRestService.TOKEN,
      "smart.scheduler.pull-interval=1h",
      "spring.quartz.properties.org.quartz.scheduler.instanceId=cron-a"
    })
@UseTestInfrastructure
@DirtiesContext
class ClusteredFiringTest {

  private static final int REMINDERS = 500;
  private static final FakeRestService rest = FakeRestService.start();

  @Autowired private Environment environment;
  @Autowired private ReminderScheduler reminders;
  @Autowired private StringRedisTemplate redis;
  @Autowired private JdbcTemplate jdbc;
  private Process secondInstance;

  @DynamicPropertySource
  static void restService(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", rest::baseUrl);
  }

  @BeforeAll
  static void user() {
    rest.addUser(TestReminders.USER_ID, TestReminders.TELEGRAM_ID);
  }

  @AfterAll
  static void stopFake() {
    rest.close();
  }

  @BeforeEach
  void startSecondInstance() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", "cron-b.log");
    secondInstance =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CronServiceApplication.class.getName(),
                "--spring.main.web-application-type=none",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username="
                    + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password="
                    + environment.getProperty("spring.datasource.password", ""),
                "--spring.data.redis.url=" + environment.getProperty("spring.data.redis.url"),
                "--smart.rest-service.url=" + rest.baseUrl(),
                "--smart.internal.token=" + FakeRestService.TOKEN,
                // its minute pull, made frequent: it reconciles while this instance does
                "--smart.scheduler.pull-interval=3s",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=cron-b")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!secondInstance.isAlive()) {
                throw new IllegalStateException("cron-b ended, see " + log.toAbsolutePath());
              }
              return jdbc.queryForObject(
                      "select count(*) from quartz.qrtz_scheduler_state where instance_name = ?",
                      Integer.class,
                      "cron-b")
                  == 1;
            });
  }

  @AfterEach
  void stopSecondInstance() throws Exception {
    if (secondInstance != null) {
      secondInstance.destroy();
      if (!secondInstance.waitFor(30, TimeUnit.SECONDS)) {
        secondInstance.destroyForcibly();
      }
    }
  }

  @Test
  void fiveHundredRemindersDueTogetherFireExactlyOnceAcrossTwoInstances() throws Exception {
    Instant due = Instant.now().plusSeconds(20);
    List<ReminderDto> created = new ArrayList<>();
    for (int i = 0; i < REMINDERS; i++) {
      created.add(rest.put(TestReminders.oneTime(due.plusMillis(i * 7L), "reminder " + i)));
    }

    // this instance pulls now; cron-b pulls every few seconds anyway
    reminders.reconcileAll();

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                created.stream()
                    .allMatch(r -> rest.reminder(r.id()).status() == ReminderStatus.COMPLETED));
    // a late duplicate would show up within moments of the last firing
    Thread.sleep(3000);

    List<Envelope> inbox = TestReminders.inbox(redis);
    assertThat(redis.opsForStream().size(Streams.INBOX)).isEqualTo(REMINDERS);
    Map<String, Long> perReminder =
        inbox.stream()
            .collect(Collectors.groupingBy(e -> e.attr("reminderId"), Collectors.counting()));
    assertThat(perReminder).hasSize(REMINDERS);
    assertThat(perReminder.values()).containsOnly(1L);

    List<ReminderRunDto> runs = new ArrayList<>(rest.allRuns());
    assertThat(runs).hasSize(REMINDERS);
    Map<String, Long> perInstance =
        runs.stream()
            .collect(Collectors.groupingBy(ClusteredFiringTest::instance, Collectors.counting()));
    // both instances took part; the split between them is Quartz's business
    assertThat(perInstance.keySet()).containsExactlyInAnyOrder("cron-a", "cron-b");
    assertThat(
            created.stream()
                .map(ReminderDto::id)
                .map(id -> rest.runsOf(id).size())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
        .containsOnlyKeys(1);
  }

  private static String instance(ReminderRunDto run) {
    // "fired by <instance id>, <n> ms after its time"
    return run.detail().substring("fired by ".length(), run.detail().indexOf(','));
  }
}
