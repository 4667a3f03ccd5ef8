package org.smartassistant.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.Suite;
import org.smartassistant.e2e.bench.StageTimings.Histogram;
import org.smartassistant.e2e.bench.StageTimings.Series;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * The conversation benchmark behind {@code ./manage.sh bench}: the real five services with the
 * fakes of Telegram and the LLM, measuring the pipeline from the fake Telegram's update to its
 * {@code sendMessage}. It reports figures and asserts nothing about them: performance is measured
 * here, never in tests. Runs only with {@code -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ConversationBenchmark {

  private static final long FIRST_USER = 500_000;
  private static final int WARMUP = Integer.getInteger("bench.warmup", 300);
  private static final int LATENCY_SAMPLES = Integer.getInteger("bench.samples", 500);
  private static final int THROUGHPUT_USERS = Integer.getInteger("bench.throughputUsers", 200);
  private static final int THROUGHPUT_PER_USER = Integer.getInteger("bench.throughputPerUser", 10);
  private static final boolean STARTUP_TIMES =
      Boolean.parseBoolean(System.getProperty("bench.startupTimes", "true"));
  private static final int STARTUP_RUNS = Integer.getInteger("bench.startupRuns", 3);
  private static final int CONCURRENT_USERS = Integer.getInteger("bench.concurrentUsers", 1000);
  private static final Duration LLM_LATENCY =
      Duration.ofMillis(Long.getLong("bench.llmLatencyMs", 0));
  private static final Duration SLOW_LLM = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final List<String> report = new ArrayList<>();

  @Test
  void measuresThePipeline() throws Exception {
    Suite suite =
        Suite.shared(
            Map.of(
                "TELEGRAM_ACCESS_MODE", "open",
                "TELEGRAM_GLOBAL_RATE_LIMIT", "1000000",
                "TELEGRAM_CHAT_RATE_LIMIT", "1000",
                "INBOX_PARALLELISM", "1024",
                // the services' own log levels: the suite turns on per-message debug lines for
                // TracingTest, which would be measured here too
                "SPRING_APPLICATION_JSON", "{}",
                // one user sends the latency samples back to back: the per-user rate limit
                // (docs/security.md) would cut them off
                "USER_MESSAGES_PER_MINUTE", "1000000"));
    Map<Service, Long> rssAfterStart = perService(suite, ProcessUsage::rssBytes);
    long pssAfterStart = total(perService(suite, ProcessUsage::pssBytes));
    MachineCheck.Reading machineBefore = MachineCheck.read();
    FakeTelegramBotApi telegram = suite.telegram();
    FakeOpenAi llm = suite.llm();
    llm.setLatency(Duration.ZERO);

    long users = Math.max(CONCURRENT_USERS, THROUGHPUT_USERS);
    register(telegram, users);

    llm.setLatency(LLM_LATENCY);
    sequentialLatency(telegram, WARMUP, "warm-up", false);
    StageTimings timings = new StageTimings(suite.internalToken());
    Map<Series, Histogram> stagesBefore = snapshot(suite, timings);
    int fetchedBefore = telegram.fetchWaits().size();
    List<Long> latencies = sequentialLatency(telegram, LATENCY_SAMPLES, "latency", true);
    Map<Series, Histogram> stagesAfter = snapshot(suite, timings);
    List<Duration> fetchWaits = fetchedSince(telegram, fetchedBefore);
    int throughputStart = telegram.sentMessages().size();
    Map<Service, Long> cpuBefore = cpuMillis(suite);
    Map<Service, Map<String, Long>> poolsBefore =
        perService(suite, ProcessUsage::threadSwitchesByPool);
    long benchCpuBefore = benchCpuMillis();
    double perSecond = throughput(telegram);
    Map<Service, Long> cpuAfter = cpuMillis(suite);
    Map<Service, Map<String, Long>> poolsAfter =
        perService(suite, ProcessUsage::threadSwitchesByPool);
    long benchCpu = benchCpuMillis() - benchCpuBefore;
    int throughputMessages = THROUGHPUT_USERS * THROUGHPUT_PER_USER;
    long cpuPerMessage =
        Arrays.stream(Service.values())
                .mapToLong(service -> cpuAfter.get(service) - cpuBefore.get(service))
                .sum()
            / throughputMessages;

    int slowStart = telegram.sentMessages().size();
    llm.setLatency(SLOW_LLM);
    Map<Series, Histogram> burstStagesBefore = snapshot(suite, timings);
    int burstFetchedBefore = telegram.fetchWaits().size();
    Map<Service, Long> burstCpuBefore = cpuMillis(suite);
    long burstBenchCpuBefore = benchCpuMillis();
    Instant burstStart = Instant.now();
    Duration lastAnswer = concurrentSlowLlm(telegram);
    List<Duration> burstFetchWaits = fetchedSince(telegram, burstFetchedBefore);
    Map<Service, Long> burstCpuAfter = cpuMillis(suite);
    long burstBenchCpu = benchCpuMillis() - burstBenchCpuBefore;
    Map<Series, Histogram> burstStagesAfter = snapshot(suite, timings);
    llm.setLatency(Duration.ZERO);
    // late doubles would arrive now: give them a moment before counting
    Thread.sleep(2_000);
    MachineCheck.Reading machineAfter = MachineCheck.read();
    List<TelegramCall> sent = telegram.sentMessages();
    // every update of the burst is pushed at its start: a reply's arrival is its end-to-end time
    double burstMeanMillis =
        sent.subList(slowStart, Math.min(sent.size(), slowStart + CONCURRENT_USERS)).stream()
            .mapToLong(call -> Duration.between(burstStart, call.receivedAt()).toMillis())
            .average()
            .orElse(0);

    latencies.sort(Long::compare);
    report.add("");
    report.add(String.format(Locale.ROOT, "%-52s %12s %10s", "measure", "measured", "target"));
    report.add("-".repeat(76));
    row(
        "pipeline latency p50 (LLM " + LLM_LATENCY.toMillis() + " ms)",
        ms(percentile(latencies, 50)),
        "<= 10 ms");
    row("pipeline latency p95", ms(percentile(latencies, 95)), "");
    row("pipeline latency p99", ms(percentile(latencies, 99)), "<= 40 ms");
    row(
        "sustained throughput ("
            + THROUGHPUT_USERS * THROUGHPUT_PER_USER
            + " msgs, "
            + THROUGHPUT_USERS
            + " users)",
        String.format(Locale.ROOT, "%.0f msg/s", perSecond),
        ">= 300/s");
    row(
        CONCURRENT_USERS + " users at once, LLM 2 s: last answer after",
        seconds(lastAnswer),
        "<= 4 s");
    row("CPU per message, five services (throughput phase)", cpuPerMessage + " ms", "");
    cpuRows(null, cpuBefore, cpuAfter, benchCpu, throughputMessages);
    // counted, not timed: the same on a busy machine as on a quiet one
    for (Service service : Service.values()) {
      row(
          "thread switches per message: " + service.module(),
          String.format(
              Locale.ROOT,
              "%.1f",
              (total(poolsAfter.get(service)) - total(poolsBefore.get(service)))
                  / (double) throughputMessages),
          "");
      poolsAfter
          .get(service)
          .forEach(
              (pool, after) -> {
                double perMessage =
                    (after - poolsBefore.get(service).getOrDefault(pool, 0L))
                        / (double) throughputMessages;
                if (perMessage >= 0.5) {
                  row("  " + pool, String.format(Locale.ROOT, "%.1f", perMessage), "");
                }
              });
    }
    cpuRows(
        CONCURRENT_USERS + " at once",
        burstCpuBefore,
        burstCpuAfter,
        burstBenchCpu,
        CONCURRENT_USERS);
    row("RSS after start (ready, idle): five services", mib(total(rssAfterStart)), "<= 900 MiB");
    for (Service service : Service.values()) {
      row("RSS after start: " + service.module(), mib(rssAfterStart.get(service)), "");
    }
    row("PSS after start (shared pages counted once): five", mib(pssAfterStart), "");
    for (Service service : Service.values()) {
      row(
          "RSS after the run: " + service.module(),
          mib(ProcessUsage.rssBytes(suite.instance(service).pid())),
          "");
    }
    row(
        "RSS after the run: five services",
        mib(total(perService(suite, ProcessUsage::rssBytes))),
        "");
    answered(
        "throughput",
        sent.subList(throughputStart, slowStart),
        THROUGHPUT_USERS * THROUGHPUT_PER_USER);
    answered(
        CONCURRENT_USERS + " users at once",
        sent.subList(slowStart, sent.size()),
        CONCURRENT_USERS);
    // the machine's own speed before and after the phases: a slow machine, not a slow pipeline
    row(
        "machine: loopback TCP round trip, before / after",
        machineBefore.roundTrip() + " / " + machineAfter.roundTrip(),
        "");
    row(
        "machine: SHA-256 of 64 MiB, before / after",
        machineBefore.hash() + " / " + machineAfter.hash(),
        "");
    if (STARTUP_TIMES) {
      Map<Service, StartupTimes.Startup> alone = StartupTimes.eachAlone(suite, STARTUP_RUNS);
      alone.forEach(
          (service, startup) ->
              row(
                  "ready after start, alone: " + service.module(),
                  seconds(startup.ready()),
                  "<= 5 s"));
      alone.forEach(
          (service, startup) ->
              row(
                  "CPU until ready, alone: " + service.module(),
                  String.format(Locale.ROOT, "%.1f s", startup.cpuMillis() / 1000.0),
                  ""));
      row(
          "ready after start, all five at once",
          seconds(StartupTimes.allFive(suite, STARTUP_RUNS)),
          "<= 20 s");
      report.add("(start-up: each figure is the median of " + STARTUP_RUNS + " starts)");
    }
    report.add("");
    double meanMillis = latencies.stream().mapToLong(Long::longValue).average().orElse(0) / 1000;
    report.addAll(
        new StageBreakdown("latency phase", stagesBefore, stagesAfter, fetchWaits, latencies.size())
            .rows(meanMillis));
    report.add("");
    report.addAll(
        new StageBreakdown(
                CONCURRENT_USERS + " users at once, LLM 2 s",
                burstStagesBefore,
                burstStagesAfter,
                burstFetchWaits,
                CONCURRENT_USERS)
            .rows(burstMeanMillis));
    report.add("");
    report.add(
        "samples: "
            + latencies.size()
            + " sequential messages after "
            + WARMUP
            + " warm-up; machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores; the services on Java "
            + Runtime.version()
            + " (this JVM's)");
    String text = String.join("\n", report) + "\n";
    System.out.print(text);
    Path out = Path.of("target", "bench-report.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }

  /**
   * Answered = sent: every message of the phase got exactly one reply (a reply is {@code You said:
   * <text>} in the user's chat, and each user's texts in a phase are distinct).
   */
  private void answered(String phase, List<TelegramCall> replies, int messages) {
    long distinct =
        replies.stream().map(call -> call.chatId() + "\u0000" + call.text()).distinct().count();
    row(
        "answered = sent: " + phase,
        replies.size() + " = " + messages + (distinct == replies.size() ? "" : " DOUBLED"),
        "equal");
  }

  /**
   * CPU per message of the five together (with a prefix only: the throughput phase has its own
   * row), of each service and of the benchmark's own JVM, between two readings.
   */
  private void cpuRows(
      String phase,
      Map<Service, Long> before,
      Map<Service, Long> after,
      long benchCpu,
      int messages) {
    String prefix = phase == null ? "" : phase + ", ";
    if (phase != null) {
      long total =
          Arrays.stream(Service.values())
              .mapToLong(service -> after.get(service) - before.get(service))
              .sum();
      row(
          "CPU per message, five services (" + phase + ")",
          String.format(Locale.ROOT, "%.0f ms", total / (double) messages),
          "");
    }
    for (Service service : Service.values()) {
      row(
          "CPU per message: " + prefix + service.module(),
          String.format(
              Locale.ROOT,
              "%.1f ms",
              (after.get(service) - before.get(service)) / (double) messages),
          "");
    }
    // on the same cores as the services: what they could not use
    row(
        "CPU per message: " + prefix + "bench (fakes, load)",
        String.format(Locale.ROOT, "%.1f ms", benchCpu / (double) messages),
        "");
  }

  /** CPU milliseconds this JVM (the fakes and the load) has used so far. */
  private static long benchCpuMillis() throws java.io.IOException {
    return ProcessUsage.cpuMillis(ProcessHandle.current().pid());
  }

  /** CPU milliseconds each of the five services has used so far. */
  private static Map<Service, Long> cpuMillis(Suite suite) throws IOException {
    return perService(suite, ProcessUsage::cpuMillis);
  }

  /** What {@code reading} reads from {@code /proc} for each of the five services. */
  private static <T> Map<Service, T> perService(Suite suite, ProcessUsage.Reading<T> reading)
      throws IOException {
    Map<Service, T> read = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      read.put(service, reading.of(suite.instance(service).pid()));
    }
    return read;
  }

  private static long total(Map<?, Long> values) {
    return values.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
  }

  /** How long the updates fetched since the first {@code before} waited for their getUpdates. */
  private static List<Duration> fetchedSince(FakeTelegramBotApi telegram, int before) {
    List<Duration> all = telegram.fetchWaits();
    return all.subList(before, all.size());
  }

  /** The stage timers of the services a message passes. */
  private static Map<Series, Histogram> snapshot(Suite suite, StageTimings timings)
      throws Exception {
    Map<Series, Histogram> all = new HashMap<>();
    all.putAll(timings.snapshot("tg-bot", suite.baseUrl(Service.TG_BOT)));
    all.putAll(timings.snapshot("assistant", suite.baseUrl(Service.ASSISTANT)));
    all.putAll(timings.snapshot("rest-service", suite.baseUrl(Service.REST)));
    return all;
  }

  private void row(String name, String measured, String target) {
    report.add(String.format(Locale.ROOT, "%-52s %12s %10s", name, measured, target));
  }

  private static String seconds(Duration time) {
    return String.format(Locale.ROOT, "%.2f s", time.toMillis() / 1000.0);
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }

  /** /start for every benchmark user, so that user creation is not part of the figures. */
  private static void register(FakeTelegramBotApi telegram, long users)
      throws InterruptedException {
    int before = telegram.sentMessages().size();
    for (long i = 0; i < users; i++) {
      telegram.pushCommand(FIRST_USER + i, "/start");
    }
    awaitCount(telegram, before + (int) users, "startup messages");
  }

  /** One message at a time, each user in turn: the time from the update to the reply. */
  private static List<Long> sequentialLatency(
      FakeTelegramBotApi telegram, int count, String label, boolean keep) throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long user = FIRST_USER + (i % 20);
      String text = label + " " + i;
      int before = telegram.sentMessages(user).size();
      Instant pushed = Instant.now();
      telegram.pushTextMessage(user, text);
      TelegramCall reply = telegram.awaitSentMessages(user, before + 1, PATIENCE).get(before);
      if (keep) {
        micros.add(Duration.between(pushed, reply.receivedAt()).toNanos() / 1000);
      }
    }
    return micros;
  }

  /**
   * Many users sending at once: messages answered per second from the first update to the last
   * reply.
   */
  private static double throughput(FakeTelegramBotApi telegram) throws Exception {
    int total = THROUGHPUT_USERS * THROUGHPUT_PER_USER;
    int before = telegram.sentMessages().size();
    Instant start = Instant.now();
    for (int round = 0; round < THROUGHPUT_PER_USER; round++) {
      for (int u = 0; u < THROUGHPUT_USERS; u++) {
        telegram.pushTextMessage(FIRST_USER + u, "throughput " + round);
      }
    }
    Instant last = awaitCount(telegram, before + total, "throughput replies");
    return total / (Duration.between(start, last).toNanos() / 1e9);
  }

  /** Every user at once while the LLM takes 2 s: how long until the last one is answered. */
  private static Duration concurrentSlowLlm(FakeTelegramBotApi telegram) throws Exception {
    int before = telegram.sentMessages().size();
    Instant start = Instant.now();
    for (int u = 0; u < CONCURRENT_USERS; u++) {
      telegram.pushTextMessage(FIRST_USER + u, "slow model");
    }
    Instant last = awaitCount(telegram, before + CONCURRENT_USERS, "slow-model replies");
    return Duration.between(start, last);
  }

  /** Waits until the fake has accepted {@code count} messages; returns when the last arrived. */
  private static Instant awaitCount(FakeTelegramBotApi telegram, int count, String what) {
    List<TelegramCall> sent;
    try {
      sent = telegram.awaitSentMessages(count, PATIENCE);
    } catch (AssertionError notAll) {
      // not the fake's own message: it lists every call, thousands here
      throw new AssertionError(
          "only "
              + telegram.sentMessages().size()
              + " of "
              + count
              + " "
              + what
              + " arrived in "
              + PATIENCE);
    }
    return sent.stream().map(TelegramCall::receivedAt).max(Instant::compareTo).orElseThrow();
  }

  /** The {@code p}th percentile (nearest rank) of ascending values; 0 when there are none. */
  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
