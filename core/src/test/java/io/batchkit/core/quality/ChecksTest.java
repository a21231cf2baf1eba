package io.batchkit.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.ChecksParser;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: trips",
          "columns:",
          "  - {name: vendor_id, type: string}",
          "  - {name: fare, type: 'decimal(8,2)'}",
          "checks:",
          "  - {metric: quarantined_ratio, max: 0.01}",
          "  - {metric: rows, min: 1000}",
          "  - {metric: completeness, column: fare, min: 0.99, severity: warn}",
          "  - {metric: distinct, column: vendor_id, max: 5}",
          "  - {metric: rows, max_change: 0.5}",
          "  - {metric: null_ratio, column: fare, anomaly: {runs: 14, sigmas: 3}}",
          "  - {metric: quarantined_by_rule, rule: allowed, max: 10}",
          "");

  static Schema schema(String yaml) {
    return SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml");
  }

  static List<Check> checks(String yaml) {
    return ChecksParser.ofSchema(yaml.getBytes(StandardCharsets.UTF_8), schema(yaml));
  }

  @Test
  void theIssuesExampleParses() {
    List<Check> c = checks(SCHEMA);
    assertEquals(7, c.size());
    assertEquals("quarantined_ratio <= 0.01", c.get(0).condition());
    assertEquals(Check.Severity.WARN, c.get(2).severity());
    assertEquals("fare", c.get(2).column());
    assertEquals(new Check.Anomaly(14, 3), c.get(5).anomaly());
    assertEquals("allowed", c.get(6).column());
    assertEquals("s.yaml line 7", c.get(1).where());
  }

  @Test
  void mistakesNameLineAndWhatToDo() {
    String bad =
        SCHEMA.replace("metric: distinct, column: vendor_id", "metric: distinct, column: vendor");
    SchemaException e = assertThrows(SchemaException.class, () -> schema(bad));
    assertTrue(
        e.getMessage().contains(":9:") && e.getMessage().contains("'vendor' is not a column"),
        e.getMessage());
    String unknown = SCHEMA.replace("metric: rows, min", "metric: row, min");
    e = assertThrows(SchemaException.class, () -> schema(unknown));
    assertTrue(
        e.getMessage().contains("unknown metric 'row'") && e.getMessage().contains("rows"),
        e.getMessage());
    String noCondition = SCHEMA.replace("{metric: rows, min: 1000}", "{metric: rows}");
    e = assertThrows(SchemaException.class, () -> schema(noCondition));
    assertTrue(e.getMessage().contains("no condition"), e.getMessage());
    String textMean =
        SCHEMA.replace("metric: distinct, column: vendor_id", "metric: mean, column: vendor_id");
    e = assertThrows(SchemaException.class, () -> schema(textMean));
    assertTrue(e.getMessage().contains("needs a numeric column"), e.getMessage());
  }

  @Test
  void aChecksFileOverridesTheSchemas() {
    Schema s = schema(SCHEMA);
    List<Check> c =
        ChecksParser.ofFile(
            "checks:\n  - {metric: clean, min: 1}\n".getBytes(StandardCharsets.UTF_8), "c.yaml", s);
    assertEquals(1, c.size());
    assertEquals("clean >= 1", c.get(0).condition());
  }

  static CheckResult run(Check c, double v, List<Double> past) {
    Map<String, Double> m = new HashMap<>();
    m.put(Metrics.key(c.metric(), c.column()), v);
    return CheckRunner.evaluate(List.of(c), m, k -> past).get(0);
  }

  @Test
  void boundsAndSeverity() {
    List<Check> c = checks(SCHEMA);
    assertEquals(CheckResult.Status.PASS, run(c.get(0), 0.01, List.of()).status());
    assertEquals(CheckResult.Status.FAIL, run(c.get(0), 0.0101, List.of()).status());
    assertEquals(CheckResult.Status.WARN, run(c.get(2), 0.5, List.of()).status());
    assertEquals(CheckResult.Status.PASS, run(c.get(2), 0.99, List.of()).status());
    // no value (an empty run): nothing to measure, not a failure
    Map<String, Double> none = Map.of();
    assertEquals(
        CheckResult.Status.PASS,
        CheckRunner.evaluate(List.of(c.get(3)), none, k -> List.of()).get(0).status());
  }

  @Test
  void changeFromThePreviousRun() {
    Check change = checks(SCHEMA).get(4);
    assertEquals(CheckResult.Status.PASS, run(change, 1500, List.of(9.0, 1000.0)).status());
    assertEquals(CheckResult.Status.FAIL, run(change, 1501, List.of(9.0, 1000.0)).status());
    assertEquals(CheckResult.Status.FAIL, run(change, 499, List.of(1000.0)).status());
    assertEquals(CheckResult.Status.PASS, run(change, 499, List.of()).status());
  }

  /** The mean and sample standard deviation computed here by hand, against the runner's verdict. */
  @Test
  void anomalyAgainstTheMeanAndDeviationOfTheWindow() {
    Check a = checks(SCHEMA).get(5); // 14 runs, 3 sigmas
    List<Double> past = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20; i++) {
      past.add(0.02 + r.nextGaussian() * 0.002);
    }
    List<Double> window = past.subList(6, 20);
    double mean = window.stream().mapToDouble(d -> d).average().orElseThrow();
    double ss = window.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
    double sd = Math.sqrt(ss / 13);
    assertEquals(CheckResult.Status.PASS, run(a, mean + 2.99 * sd, past).status());
    assertEquals(CheckResult.Status.FAIL, run(a, mean + 3.01 * sd, past).status());
    assertEquals(CheckResult.Status.FAIL, run(a, mean - 3.01 * sd, past).status());
    assertEquals(CheckResult.Status.FAIL, run(a, 0.4, past).status());
    // Too little history: the check waits (five earlier runs).
    assertEquals(CheckResult.Status.PASS, run(a, 0.4, past.subList(0, 4)).status());
    assertEquals(CheckResult.Status.FAIL, run(a, 0.4, past.subList(0, 5)).status());
    // A metric that never moved: any change is a deviation.
    assertEquals(CheckResult.Status.FAIL, run(a, 0.001, List.of(0.0, 0.0, 0.0, 0.0, 0.0)).status());
    assertEquals(CheckResult.Status.PASS, run(a, 0.0, List.of(0.0, 0.0, 0.0, 0.0, 0.0)).status());
  }
}
