package io.batchkit.mr.aggregate;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.UsageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One requested metric, such as {@code count}, {@code sum(fare)} or {@code approx_quantile(fare,
 * 0.9)}, resolved against the schema.
 *
 * @param column the input column's index, or -1 for {@code count} of rows
 * @param quantile the rank for {@code approx_quantile}
 */
public record Metric(
    Function function, String name, int column, ColumnType input, double quantile) {

  /** The supported functions, with the vocabulary of Hive and SQL. */
  public enum Function {
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG,
    STDDEV,
    COUNT_DISTINCT,
    APPROX_DISTINCT,
    APPROX_QUANTILE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String NAMES =
      "count, count(col), sum, min, max, avg, stddev, count_distinct, approx_distinct,"
          + " approx_quantile(col, q)";

  /** The type of the metric's result column. */
  public ColumnType resultType() {
    return switch (function) {
      case COUNT, COUNT_DISTINCT, APPROX_DISTINCT -> ColumnType.of(ColumnType.Kind.BIGINT);
      case AVG, STDDEV, APPROX_QUANTILE -> ColumnType.of(ColumnType.Kind.DOUBLE);
      case MIN, MAX -> input;
      case SUM ->
          switch (input.kind()) {
            case INT, BIGINT -> ColumnType.of(ColumnType.Kind.BIGINT);
            case DECIMAL -> new ColumnType(ColumnType.Kind.DECIMAL, 38, input.scale());
            default -> ColumnType.of(ColumnType.Kind.DOUBLE);
          };
    };
  }

  /** Parses a comma-separated metric list (commas inside parentheses belong to a metric). */
  public static List<Metric> parseAll(String job, String spec, Schema schema)
      throws UsageException {
    List<Metric> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= spec.length(); i++) {
      char c = i < spec.length() ? spec.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String one = spec.substring(start, i).trim();
        start = i + 1;
        if (one.isEmpty()) {
          continue;
        }
        Metric m = parse(job, one, schema);
        if (!names.add(m.name())) {
          throw new UsageException(job + ": --metrics: " + m.name() + " is asked for twice");
        }
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      throw new UsageException(job + ": --metrics is empty (expected some of: " + NAMES + ")");
    }
    return out;
  }

  static Metric parse(String job, String text, Schema schema) throws UsageException {
    String t = text.replace(" ", "");
    int open = t.indexOf('(');
    String fn = (open < 0 ? t : t.substring(0, open)).toLowerCase(Locale.ROOT);
    Function f = null;
    for (Function candidate : Function.values()) {
      if (candidate.id().equals(fn)) {
        f = candidate;
      }
    }
    if (f == null) {
      throw new UsageException(
          job + ": --metrics: unknown metric '" + text + "' (expected " + NAMES + ")");
    }
    if (open < 0) {
      if (f != Function.COUNT) {
        throw new UsageException(
            job + ": --metrics: " + fn + " needs a column, e.g. " + fn + "(fare)");
      }
      return new Metric(f, "count", -1, null, 0);
    }
    if (!t.endsWith(")")) {
      throw new UsageException(job + ": --metrics: '" + text + "' lacks its closing ')'");
    }
    String[] args = t.substring(open + 1, t.length() - 1).split(",");
    String column = args[0];
    int index = schema.columnIndex(column);
    if (index < 0) {
      throw new UsageException(
          job + ": --metrics: " + text + ": no column '" + column + "' in " + schema.name());
    }
    ColumnType type = schema.columns().get(index).type();
    boolean numeric =
        switch (type.kind()) {
          case INT, BIGINT, DOUBLE, DECIMAL -> true;
          default -> false;
        };
    if (!numeric
        && (f == Function.SUM
            || f == Function.AVG
            || f == Function.STDDEV
            || f == Function.APPROX_QUANTILE)) {
      throw new UsageException(
          job + ": --metrics: " + fn + " needs a numeric column; " + column + " is " + type);
    }
    double q = 0;
    String name = fn + "_" + column;
    if (f == Function.APPROX_QUANTILE) {
      if (args.length != 2) {
        throw new UsageException(
            job
                + ": --metrics: write approx_quantile("
                + column
                + ", 0.5) with one rank in [0, 1]");
      }
      try {
        q = Double.parseDouble(args[1]);
      } catch (NumberFormatException e) {
        q = -1;
      }
      if (!(q >= 0 && q <= 1)) {
        throw new UsageException(
            job + ": --metrics: " + text + ": the rank must be a number in [0, 1]");
      }
      name = name + "_" + args[1].replace("0.", "p").replace(".", "_");
    } else if (args.length != 1) {
      throw new UsageException(job + ": --metrics: " + fn + " takes one column: " + text);
    }
    return new Metric(f, name, index, type, q);
  }
}
