package org.smartassistant.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' stage timers as {@code /actuator/prometheus} shows them (percentile histograms of
 * Micrometer observations, see common's {@code StageTimersAutoConfiguration}): a snapshot of every
 * histogram, and from two snapshots the count, mean, p50 and p99 of what happened in between.
 */
final class StageTimings {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? ([0-9.eE+-]+|NaN|\\+Inf)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One time series of a histogram: its name (without {@code _bucket}) and labels (without le). */
  record Series(String service, String name, Map<String, String> labels) {}

  /** The cumulative buckets (upper bound in seconds → count), sum and count of a series. */
  static final class Histogram {
    final TreeMap<Double, Double> buckets = new TreeMap<>();
    double sum;
    double count;

    Histogram minus(Histogram earlier) {
      Histogram delta = new Histogram();
      buckets.forEach(
          (le, n) ->
              delta.buckets.put(
                  le, n - (earlier == null ? 0 : earlier.buckets.getOrDefault(le, 0.0))));
      delta.sum = sum - (earlier == null ? 0 : earlier.sum);
      delta.count = count - (earlier == null ? 0 : earlier.count);
      return delta;
    }

    Histogram plus(Histogram other) {
      Histogram total = new Histogram();
      total.buckets.putAll(buckets);
      other.buckets.forEach((le, n) -> total.buckets.merge(le, n, Double::sum));
      total.sum = sum + other.sum;
      total.count = count + other.count;
      return total;
    }

    /** The quantile in milliseconds, interpolated linearly within its bucket. */
    double quantileMillis(double q) {
      if (count <= 0) {
        return 0;
      }
      double rank = q * count;
      double lower = 0;
      double below = 0;
      for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
        double upper = bucket.getKey();
        double cumulative = bucket.getValue();
        if (cumulative >= rank) {
          if (Double.isInfinite(upper)) {
            return lower * 1000;
          }
          double inBucket = cumulative - below;
          double fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
          return (lower + (upper - lower) * fraction) * 1000;
        }
        lower = upper;
        below = cumulative;
      }
      return lower * 1000;
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String token;

  StageTimings(String token) {
    this.token = token;
  }

  /** Every histogram of the service now. */
  Map<Series, Histogram> snapshot(String service, String baseUrl)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("X-Internal-Token", token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          service + " /actuator/prometheus answered " + response.statusCode());
    }
    Map<Series, Histogram> histograms = new HashMap<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      String metric = sample.group(1);
      Map<String, String> labels = labels(sample.group(2));
      double value = Double.parseDouble(sample.group(3).replace("+Inf", "Infinity"));
      if (metric.endsWith("_seconds_bucket")) {
        String le = labels.remove("le");
        histogram(histograms, service, metric, "_bucket", labels)
            .buckets
            .put(Double.parseDouble(le.replace("+Inf", "Infinity")), value);
      } else if (metric.endsWith("_seconds_sum")) {
        histogram(histograms, service, metric, "_sum", labels).sum = value;
      } else if (metric.endsWith("_seconds_count")) {
        histogram(histograms, service, metric, "_count", labels).count = value;
      }
    }
    histograms.values().removeIf(histogram -> histogram.buckets.isEmpty());
    return histograms;
  }

  /** What happened between two snapshots in the series of a service that match, added up. */
  static Histogram between(
      Map<Series, Histogram> before,
      Map<Series, Histogram> after,
      String service,
      String name,
      Predicate<Map<String, String>> labels) {
    Histogram total = new Histogram();
    for (Map.Entry<Series, Histogram> entry : after.entrySet()) {
      Series series = entry.getKey();
      if (series.service().equals(service)
          && series.name().equals(name)
          && labels.test(series.labels())) {
        total = total.plus(entry.getValue().minus(before.get(series)));
      }
    }
    return total;
  }

  private static Histogram histogram(
      Map<Series, Histogram> histograms,
      String service,
      String metric,
      String suffix,
      Map<String, String> labels) {
    String name = metric.substring(0, metric.length() - suffix.length());
    return histograms.computeIfAbsent(
        new Series(service, name, Map.copyOf(labels)), series -> new Histogram());
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    if (text != null) {
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }
}
