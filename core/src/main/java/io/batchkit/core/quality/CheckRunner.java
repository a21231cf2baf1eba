package io.batchkit.core.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates checks against a run's metrics and the metrics of earlier runs. Bounds compare the
 * value; {@code max_change} compares it with the previous passed run's value, relatively; {@code
 * anomaly} with the mean and sample standard deviation of the last N passed runs' values (Deequ's
 * "online normal" idea without its update: the window is recomputed each run). An anomaly check
 * waits for {@link #MIN_HISTORY} earlier runs (or N when smaller): a deviation measured from one or
 * two points means nothing. A history whose values never moved fails any change.
 */
public final class CheckRunner {
  public static final int MIN_HISTORY = 5;

  /** The values of a metric in earlier passed runs, oldest first. */
  public interface History {
    List<Double> values(String metricKey);
  }

  private CheckRunner() {}

  public static List<CheckResult> evaluate(
      List<Check> checks, Map<String, Double> metrics, History history) {
    List<CheckResult> results = new ArrayList<>();
    for (Check c : checks) {
      results.add(evaluate(c, metrics.get(Metrics.key(c.metric(), c.column())), history));
    }
    return results;
  }

  static CheckResult evaluate(Check c, Double v, History history) {
    if (v == null || v.isNaN()) {
      return new CheckResult(c, null, CheckResult.Status.PASS, "nothing to measure in this run");
    }
    List<String> broken = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (c.min() != null && v < c.min()) {
      broken.add("below " + Check.number(c.min()));
    }
    if (c.max() != null && v > c.max()) {
      broken.add("above " + Check.number(c.max()));
    }
    if (c.maxChange() != null || c.anomaly() != null) {
      List<Double> past = history.values(Metrics.key(c.metric(), c.column()));
      if (c.maxChange() != null) {
        change(c, v, past, broken, notes);
      }
      if (c.anomaly() != null) {
        anomaly(c.anomaly(), v, past, broken, notes);
      }
    }
    CheckResult.Status status =
        broken.isEmpty()
            ? CheckResult.Status.PASS
            : c.severity() == Check.Severity.WARN
                ? CheckResult.Status.WARN
                : CheckResult.Status.FAIL;
    List<String> all = new ArrayList<>(broken);
    all.addAll(notes);
    return new CheckResult(c, v, status, all.isEmpty() ? null : String.join("; ", all));
  }

  private static void change(
      Check c, double v, List<Double> past, List<String> broken, List<String> notes) {
    if (past.isEmpty()) {
      notes.add("no previous run to compare with");
      return;
    }
    double prev = past.get(past.size() - 1);
    double change =
        prev == 0 ? (v == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(v - prev) / Math.abs(prev);
    String text = "previous run " + Check.number(prev) + ", change " + percent(change);
    if (change > c.maxChange()) {
      broken.add(text);
    } else {
      notes.add(text);
    }
  }

  private static void anomaly(
      Check.Anomaly a, double v, List<Double> past, List<String> broken, List<String> notes) {
    List<Double> window = past.subList(Math.max(0, past.size() - a.runs()), past.size());
    int needed = Math.min(MIN_HISTORY, a.runs());
    if (window.size() < needed) {
      notes.add("anomaly: " + window.size() + " earlier runs, " + needed + " needed");
      return;
    }
    double mean = window.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = 0;
    for (double x : window) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (window.size() - 1));
    double deviation = Math.abs(v - mean);
    // A constant history: any change beyond rounding is a deviation.
    boolean anomalous =
        sd == 0 ? deviation > 1e-9 * Math.max(1, Math.abs(mean)) : deviation > a.sigmas() * sd;
    String text =
        "mean of the last "
            + window.size()
            + " runs "
            + Check.number(mean)
            + ", sd "
            + Check.number(sd)
            + (sd == 0 ? "" : ", " + Check.number(deviation / sd) + " sigmas away");
    if (anomalous) {
      broken.add("anomaly: " + text);
    } else {
      notes.add(text);
    }
  }

  private static String percent(double r) {
    return Double.isInfinite(r) ? "from zero" : Check.number(r * 100) + "%";
  }
}
