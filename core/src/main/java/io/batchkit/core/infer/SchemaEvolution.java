package io.batchkit.core.infer;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ColumnType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code schema_changes: add_columns}: the changes a run's values call for. A column the schema
 * lacks is added, typed as {@code infer} types it from every value of the run; a numeric column
 * whose values outgrew its range is widened (int to bigint; a decimal to more digits, or double)
 * only when every value of the run fits the wider type. A value that fits no number (text in an int
 * column) widens nothing: its row is quarantined, as without the policy; so is a value that breaks
 * any other rule.
 */
public final class SchemaEvolution {
  private SchemaEvolution() {}

  /**
   * @param added columns the run's files have and the schema lacks, by their names in the files'
   *     headers (for JSON records: by their paths), in the order first seen, with the evidence of
   *     all their values
   * @param seen the schema's numeric columns (by name) with the evidence of all the run's values
   * @param jsonText the paths of {@code added} that held an object or an array: kept as JSON text
   * @param dayFirst how to read a date no value settles (03/04/2024), as {@code --date-order dmy}
   */
  public static List<SchemaChange> changes(
      Schema schema,
      Map<String, ColumnEvidence> added,
      Map<String, ColumnEvidence> seen,
      Set<String> jsonText,
      boolean dayFirst) {
    List<SchemaChange> changes = new ArrayList<>();
    for (Column c : schema.columns()) {
      ColumnEvidence e = seen.get(c.name());
      ColumnType wider = e == null ? null : widened(c.type(), e);
      if (wider != null) {
        changes.add(
            new SchemaChange(
                SchemaChange.Kind.WIDENED,
                c.name(),
                wider.hiveName(),
                List.of(),
                c.type().hiveName(),
                "values from " + plain(e.min) + " to " + plain(e.max)));
      }
    }
    boolean json = schema.format().json();
    Set<String> names = new HashSet<>();
    schema.columns().forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
    for (Map.Entry<String, ColumnEvidence> a : added.entrySet()) {
      String key = a.getKey();
      String name = ColumnNames.fold(json ? key.replace('.', '_') : key);
      if (json) {
        // A new path whose flattened name a column already has (user_id and user.id): suffixed.
        String base =
            name.isEmpty() ? "col_" + (schema.columns().size() + changes.size() + 1) : name;
        for (int n = 2; names.contains(name.toLowerCase(Locale.ROOT)); n++) {
          name = base + "_" + n;
        }
      } else if (schema.columnIndex(name) >= 0) {
        continue;
      }
      names.add(name.toLowerCase(Locale.ROOT));
      ColumnEvidence e = a.getValue();
      boolean text = jsonText.contains(key);
      ColumnProposal p = ColumnProposal.of(name, e, false, false, dayFirst);
      changes.add(
          new SchemaChange(
              SchemaChange.Kind.ADDED,
              name,
              text ? "string" : p.type(),
              text ? List.of() : p.formats(),
              null,
              "'"
                  + key
                  + (json ? "' in the records: " : "' in the files: ")
                  + String.format(Locale.ROOT, "%,d", e.values)
                  + (e.values == 1 ? " value" : " values")
                  + (example(e) == null ? "" : ", e.g. '" + example(e) + "'"),
              json && !key.equals(name) ? key : null,
              text));
    }
    return changes;
  }

  /**
   * The narrowest wider type that reads every value seen, or null when the type reads them all or
   * no wider one would. Widening follows magnitude only: int to bigint, a decimal to more integer
   * digits at the same scale (double past 38 digits). A fraction in an integer column, or more
   * decimals than a column's scale, breaks a rule the schema states: those rows are quarantined.
   */
  static ColumnType widened(ColumnType was, ColumnEvidence e) {
    long n = e.values;
    if (n == 0 || e.codes > 0 || e.quoted > 0) {
      return null;
    }
    boolean integers = e.fits[ColumnEvidence.BIGINT] == n;
    boolean decimals = e.fits[ColumnEvidence.BIGINT] + e.fits[ColumnEvidence.DECIMAL] == n;
    int intDigits = Math.max(e.maxIntDigits, Math.max(digits(e.min), digits(e.max)));
    return switch (was.kind()) {
      case INT -> e.fits[ColumnEvidence.INT] != n && integers ? ColumnType.of(Kind.BIGINT) : null;
      case DECIMAL -> {
        int digits = was.precision() - was.scale();
        yield decimals && e.maxScale <= was.scale() && intDigits > digits
            ? decimal(intDigits, was.scale())
            : null;
      }
      default -> null;
    };
  }

  /** decimal with these integer digits at this scale, or double past 38 digits. */
  private static ColumnType decimal(int digits, int scale) {
    int p = digits + scale;
    return p > ColumnType.MAX_DECIMAL_PRECISION
        ? double_()
        : ColumnType.parse("decimal(" + p + "," + scale + ")");
  }

  private static ColumnType double_() {
    return ColumnType.of(Kind.DOUBLE);
  }

  private static int digits(BigDecimal d) {
    return d == null ? 0 : d.setScale(0, RoundingMode.DOWN).abs().toPlainString().length();
  }

  private static String plain(BigDecimal d) {
    return d == null ? "?" : d.toPlainString();
  }

  private static String example(ColumnEvidence e) {
    String v = e.distinct.isEmpty() ? e.code : e.distinct.keySet().iterator().next();
    if (v == null) {
      return null;
    }
    return v.length() <= 40 ? v : v.substring(0, 37) + "...";
  }
}
