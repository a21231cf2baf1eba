package io.batchkit.core.schema;

import io.batchkit.core.quality.Check;
import io.batchkit.core.quality.Metrics;
import io.batchkit.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code checks:} list of a schema, or of a checks file that holds only that list (a
 * pipeline step's own checks), validated against the schema: a check names a known metric, an
 * existing column (numeric for min/max/mean/quantiles) or rule, and at least one condition.
 */
public final class ChecksParser {
  static final Set<String> CHECK_KEYS =
      Set.of("metric", "column", "rule", "min", "max", "max_change", "anomaly", "severity");
  private static final Set<String> ANOMALY_KEYS = Set.of("runs", "sigmas");

  private final YamlNodes y;
  private final String source;
  private final Schema schema;

  private ChecksParser(String source, Schema schema) {
    this.y = new YamlNodes(source);
    this.source = source;
    this.schema = schema;
  }

  /** The checks in a schema file's bytes (none when it has no {@code checks:}). */
  public static List<Check> ofSchema(byte[] yaml, Schema schema) {
    Node root = SchemaParser.compose(yaml, schema.source());
    NodeTuple t =
        new YamlNodes(schema.source()).mapping(root, "", SchemaParser.TOP_KEYS).get("checks");
    return t == null ? List.of() : new ChecksParser(schema.source(), schema).list(t.getValueNode());
  }

  /** The checks of a checks file: a mapping with the one key {@code checks}. */
  public static List<Check> ofFile(byte[] yaml, String source, Schema schema) {
    Node root = SchemaParser.compose(yaml, source);
    if (root == null) {
      throw SchemaException.at(source, 1, 1, null, "the file is empty; expected checks: [...]");
    }
    ChecksParser p = new ChecksParser(source, schema);
    NodeTuple t = p.y.mapping(root, "", Set.of("checks")).get("checks");
    if (t == null) {
      throw p.y.error(root, "checks", "missing; a checks file holds checks: [...]");
    }
    return p.list(t.getValueNode());
  }

  /** Validates a schema's {@code checks:} while the schema is read (its columns known). */
  static void validate(String source, Node checks, List<Column> columns) {
    Schema partial = new Schema("x", null, null, Set.of(), columns, List.of(), null, "", source);
    new ChecksParser(source, partial).list(checks);
  }

  private List<Check> list(Node node) {
    List<Check> out = new ArrayList<>();
    for (Node n : y.sequence(node, "checks")) {
      out.add(check(n));
    }
    return List.copyOf(out);
  }

  private Check check(Node n) {
    Map<String, NodeTuple> m = y.mapping(n, "checks[]", CHECK_KEYS);
    String metric = y.requiredScalar(m, n, "checks[]", "metric");
    String column = y.optionalScalar(m, "column");
    String rule = y.optionalScalar(m, "rule");
    String subject;
    if (Metrics.RUN.contains(metric)) {
      if (column != null || rule != null) {
        throw y.error(
            n, "checks[]", "metric '" + metric + "' is of the whole run: no column or rule");
      }
      subject = null;
    } else if (metric.equals(Metrics.BY_RULE)) {
      if (rule == null) {
        throw y.error(n, "checks[].rule", "missing; name the rule, e.g. rule: allowed");
      }
      // Rule names are checked where the rules are known (the schema package is below them).
      subject = rule;
    } else if (Metrics.COLUMN.contains(metric)) {
      if (column == null) {
        throw y.error(n, "checks[].column", "missing; metric '" + metric + "' is of a column");
      }
      Column c = schema.column(column);
      if (c == null) {
        throw y.error(
            m.get("column").getValueNode(),
            "checks[].column",
            "'" + column + "' is not a column" + YamlNodes.suggest(column, schema.columns()));
      }
      if (Metrics.NUMERIC.contains(metric) && !numeric(c.type())) {
        throw y.error(
            m.get("metric").getValueNode(),
            "checks[].metric",
            "'" + metric + "' needs a numeric column; " + column + " is " + c.type().hiveName());
      }
      subject = column;
    } else {
      List<String> all = new ArrayList<>(Metrics.RUN);
      all.add(Metrics.BY_RULE);
      all.addAll(Metrics.COLUMN);
      throw y.error(
          m.get("metric").getValueNode(),
          "checks[].metric",
          "unknown metric '" + metric + "'" + YamlNodes.suggestKey(metric, all));
    }
    Double min = number(m, "min");
    Double max = number(m, "max");
    Double change = number(m, "max_change");
    Check.Anomaly anomaly = null;
    if (m.containsKey("anomaly")) {
      Node a = m.get("anomaly").getValueNode();
      Map<String, NodeTuple> am = y.mapping(a, "checks[].anomaly", ANOMALY_KEYS);
      Double runs = number(am, "runs");
      Double sigmas = number(am, "sigmas");
      anomaly = new Check.Anomaly(runs == null ? 14 : runs.intValue(), sigmas == null ? 3 : sigmas);
      if (anomaly.runs() < 2 || anomaly.sigmas() <= 0) {
        throw y.error(a, "checks[].anomaly", "runs must be at least 2 and sigmas above 0");
      }
    }
    if (min == null && max == null && change == null && anomaly == null) {
      throw y.error(n, "checks[]", "no condition; give min, max, max_change or anomaly");
    }
    String severity = y.optionalScalar(m, "severity");
    Check.Severity s = Check.Severity.ERROR;
    if (severity != null) {
      switch (severity) {
        case "error" -> s = Check.Severity.ERROR;
        case "warn" -> s = Check.Severity.WARN;
        default ->
            throw y.error(
                m.get("severity").getValueNode(),
                "checks[].severity",
                "'" + severity + "' is not error or warn");
      }
    }
    int line = n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    return new Check(metric, subject, min, max, change, anomaly, s, source + " line " + line);
  }

  private Double number(Map<String, NodeTuple> m, String key) {
    NodeTuple t = m.get(key);
    if (t == null) {
      return null;
    }
    String v = y.scalar(t.getValueNode(), key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw y.error(t.getValueNode(), key, "'" + v + "' is not a number");
    }
  }

  private static boolean numeric(ColumnType t) {
    return switch (t.kind()) {
      case INT, BIGINT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }
}
