package org.smartassistant.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.smartassistant.e2e.bench.StageTimings.Histogram;
import org.smartassistant.e2e.bench.StageTimings.Series;

/**
 * Where the time of a message goes, stage by stage along its way (the update held by Telegram until
 * tg-bot fetches it, the update in tg-bot, inbox, assistant, outbox, sendMessage), from the fake
 * Telegram's record of each fetch and the services' own timers between two snapshots: per stage the
 * calls per message, mean, p50 and p99; the top-level stages follow one another, so their means add
 * up to the end-to-end mean (less the moments no service measures: the fake Telegram's answer to
 * getUpdates in transit, and the sendMessage answer). A wait is measured from its entry's id, which
 * Redis gives the entry during the XADD that ends the stage before it, so each XADD's answer would
 * count twice: the sum takes the two XADDs out once.
 */
final class StageBreakdown {

  private static final String INBOX = "assistant:inbox";
  private static final String OUTBOX = "assistant:outbox";
  private static final Set<String> AFTER_THE_REPLY =
      Set.of(
          "/api/messages/batch",
          "/api/users/{id}/messages/batch",
          "/api/users/{id}/messages",
          "/api/users/{id}/usage");

  private final String phase;
  private final Map<Series, Histogram> before;
  private final Map<Series, Histogram> after;
  private final List<Duration> fetchWaits;
  private final int messages;
  private final List<String> lines = new ArrayList<>();
  private double topLevelMeans;

  /**
   * @param phase the bench phase the two snapshots enclose, named in the table's heading
   * @param fetchWaits how long each update of the phase waited in the fake Telegram until a
   *     getUpdates answer carried it
   */
  StageBreakdown(
      String phase,
      Map<Series, Histogram> before,
      Map<Series, Histogram> after,
      List<Duration> fetchWaits,
      int messages) {
    this.phase = phase;
    this.before = before;
    this.after = after;
    this.fetchWaits = List.copyOf(fetchWaits);
    this.messages = messages;
  }

  /** The table rows, ending with the sum of the stages beside the measured end-to-end mean. */
  List<String> rows(double endToEndMeanMillis) {
    lines.add(
        String.format(
            Locale.ROOT,
            "%-52s %6s %9s %9s %9s",
            "stage (" + phase + ")",
            "n/msg",
            "mean ms",
            "p50 ms",
            "p99 ms"));
    lines.add("-".repeat(90));
    fetchWait();
    stage("tg-bot", "smart_telegram_update_seconds", any(), "tg-bot: update taken in", true);
    stage("tg-bot", "http_client_requests_seconds", any(), "  user lookup (rest-service)", false);
    Histogram inboxXadd =
        stage("tg-bot", "smart_stream_publish_seconds", stream(INBOX), "  inbox XADD", false);
    stage("assistant", "smart_stream_wait_seconds", stream(INBOX), "inbox wait", true);
    Histogram handling =
        stage(
            "assistant",
            "smart_stream_handling_seconds",
            stream(INBOX),
            "assistant: message handled (reply and after)",
            false);
    Histogram admission =
        stage(
            "assistant",
            "smart_assistant_admission_seconds",
            any(),
            "assistant: admission (user read, rate limit)",
            true);
    Histogram reply =
        stage(
            "assistant",
            "smart_assistant_reply_seconds",
            any(),
            "assistant: reply in the outbox",
            true);
    double parts = 0;
    parts +=
        perMessage(
            stage(
                "assistant",
                "http_client_requests_seconds",
                afterTheReply().negate(),
                "  REST calls (rest-service), admission and reply",
                false));
    restCallsByUri(afterTheReply().negate(), "    ");
    parts +=
        perMessage(
            stage("assistant", "gen_ai_client_operation_seconds", any(), "  model call", false));
    Histogram outboxXadd =
        stage("assistant", "smart_stream_publish_seconds", stream(OUTBOX), "  outbox XADD", false);
    parts += perMessage(outboxXadd);
    row(
        "  other (lookups, rate limit, prompt, in-process)",
        "",
        perMessage(admission) + perMessage(reply) - parts,
        Double.NaN,
        Double.NaN);
    row(
        "  after the reply (history, window compaction)",
        "",
        perMessage(handling) - perMessage(admission) - perMessage(reply),
        Double.NaN,
        Double.NaN);
    stage(
        "assistant",
        "smart_history_store_seconds",
        any(),
        "    history stored (from queued to stored)",
        false);
    stage(
        "assistant",
        "http_client_requests_seconds",
        afterTheReply(),
        "    REST writes (history, summary, usage)",
        false);
    restCallsByUri(afterTheReply(), "      ");
    stage("tg-bot", "smart_stream_wait_seconds", stream(OUTBOX), "outbox wait", true);
    stage(
        "tg-bot",
        "smart_stream_handling_seconds",
        stream(OUTBOX),
        "tg-bot: reply sent (sendMessage)",
        true);
    // a wait is measured from its entry's id, which Redis gives the entry during the XADD: the
    // XADD's answer is in the wait as well as in the stage that made the XADD
    double xadds = perMessage(inboxXadd) + perMessage(outboxXadd);
    row("less the two XADDs (their entry ids start the waits)", "", -xadds, Double.NaN, Double.NaN);
    topLevelMeans -= xadds;
    lines.add("-".repeat(90));
    row("sum of the stages", "", topLevelMeans, Double.NaN, Double.NaN);
    row(
        "end to end (update pushed → sendMessage received)",
        "",
        endToEndMeanMillis,
        Double.NaN,
        Double.NaN);
    row(
        String.format(
            Locale.ROOT,
            "stages cover %.0f %% of the end-to-end time",
            endToEndMeanMillis == 0 ? 0 : topLevelMeans / endToEndMeanMillis * 100),
        "",
        Double.NaN,
        Double.NaN,
        Double.NaN);
    return lines;
  }

  /**
   * The first stage: Telegram holds an update until tg-bot's getUpdates fetches it (tg-bot asks for
   * the next batch once the last one is taken in), timed by the fake Telegram.
   */
  private void fetchWait() {
    List<Long> nanos = fetchWaits.stream().map(Duration::toNanos).sorted().toList();
    double perMessage =
        messages == 0 ? 0 : nanos.stream().mapToLong(Long::longValue).sum() / 1e6 / messages;
    topLevelMeans += perMessage;
    row(
        "Telegram: update held until getUpdates fetches it",
        String.format(Locale.ROOT, "%.1f", messages == 0 ? 0 : (double) nanos.size() / messages),
        perMessage,
        ConversationBenchmark.percentile(nanos, 50) / 1e6,
        ConversationBenchmark.percentile(nanos, 99) / 1e6);
  }

  /** Mean time per message of a stage (calls per message × mean per call). */
  private double perMessage(Histogram histogram) {
    return messages == 0 ? 0 : histogram.sum * 1000 / messages;
  }

  private Histogram stage(
      String service,
      String name,
      Predicate<Map<String, String>> labels,
      String label,
      boolean topLevel) {
    Histogram histogram = StageTimings.between(before, after, service, name, labels);
    double perMessage = perMessage(histogram);
    if (topLevel) {
      topLevelMeans += perMessage;
    }
    row(
        label,
        String.format(Locale.ROOT, "%.1f", messages == 0 ? 0 : histogram.count / messages),
        perMessage,
        histogram.quantileMillis(0.5),
        histogram.quantileMillis(0.99));
    return histogram;
  }

  private List<String> uris() {
    return after.keySet().stream()
        .filter(
            series ->
                series.service().equals("assistant")
                    && series.name().equals("http_client_requests_seconds"))
        .map(series -> series.labels().get("uri"))
        .filter(uri -> uri != null)
        .distinct()
        .filter(
            uri ->
                StageTimings.between(
                            before,
                            after,
                            "assistant",
                            "http_client_requests_seconds",
                            labels -> uri.equals(labels.get("uri")))
                        .count
                    > 0)
        .sorted()
        .toList();
  }

  private static String labels(String uri) {
    return uri.length() > 48 ? uri.substring(0, 45) + "..." : uri;
  }

  private void row(String stage, String count, double mean, double p50, double p99) {
    lines.add(
        String.format(
            Locale.ROOT,
            "%-52s %6s %9s %9s %9s",
            stage,
            count,
            number(mean),
            number(p50),
            number(p99)));
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** One row per URI of the assistant's REST calls that {@code which} takes. */
  private void restCallsByUri(Predicate<Map<String, String>> which, String indent) {
    for (String uri : uris()) {
      Predicate<Map<String, String>> ofUri = labels -> uri.equals(labels.get("uri"));
      if (StageTimings.between(
                  before, after, "assistant", "http_client_requests_seconds", which.and(ofUri))
              .count
          > 0) {
        stage(
            "assistant",
            "http_client_requests_seconds",
            which.and(ofUri),
            indent + labels(uri),
            false);
      }
    }
  }

  /**
   * What a turn writes to rest-service after its reply is out: its history, the window's summary,
   * the usage of a compaction. (The reads, lookups of the user, the secretary and its tools, come
   * before the reply.)
   */
  private static Predicate<Map<String, String>> afterTheReply() {
    return labels ->
        "POST".equals(labels.get("method")) && AFTER_THE_REPLY.contains(labels.get("uri"));
  }

  private static Predicate<Map<String, String>> any() {
    return labels -> true;
  }

  private static Predicate<Map<String, String>> stream(String stream) {
    return labels -> stream.equals(labels.get("stream"));
  }
}
