package io.batchkit.core.infer;

import static io.batchkit.core.schema.SchemaWriter.quote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The schema infer proposes, as YAML a user reads, edits and hands to {@code clean --schema}: the
 * dialect, the null tokens seen, each column with its evidence as comments, and a key suggestion
 * (commented out: uniqueness in a sample is a hint, not a rule).
 */
public final class SchemaProposal {
  private SchemaProposal() {}

  /**
   * What the tasks saw, merged. {@code multilineRecords}: records that are not one line each (CSV
   * records with a quoted line break; JSON objects sharing or spanning lines).
   */
  public record Evidence(
      long records,
      long multilineRecords,
      long raggedRecords,
      List<ColumnEvidence> columns,
      PairKeys pairs) {}

  public static String yaml(
      String name,
      String source,
      Dialect dialect,
      Evidence seen,
      Set<String> pseudonymize,
      boolean bounds,
      boolean dayFirst) {
    List<ColumnProposal> columns = new ArrayList<>();
    Set<String> nulls = new LinkedHashSet<>();
    nulls.add("");
    for (int c = 0; c < dialect.columns(); c++) {
      ColumnEvidence e = seen.columns().get(c);
      String n = dialect.names().get(c);
      ColumnProposal proposal = ColumnProposal.of(n, e, pseudonymize.contains(n), bounds, dayFirst);
      if (dialect.json() != null) {
        proposal.json(dialect.json().paths().get(c), dialect.json().text().get(c));
      }
      columns.add(proposal);
      for (int t = 0; t < e.nulls.length; t++) {
        if (e.nulls[t] > 0) {
          nulls.add(Candidates.NULL_TOKENS.get(t));
        }
      }
    }
    StringBuilder y = new StringBuilder(4096);
    y.append("# Proposed by batchkit infer from ")
        .append(String.format("%,d", seen.records()))
        .append(" records of ")
        .append(source)
        .append(".\n");
    y.append("# A proposal: bounds and allowed values are the data's so far; edit it, then\n");
    y.append("# clean --schema it. Each column's evidence is in the comment above it.\n");
    y.append("name: ").append(name).append('\n');
    boolean multiline = seen.multilineRecords() > 0;
    if (multiline) {
      y.append(
          String.format(
              dialect.json() == null
                  ? "# multiline: %,d records hold a line break inside quotes%n"
                  : "# objects back to back: %,d share a line with the next or span lines%n",
              seen.multilineRecords()));
    }
    if (dialect.json() != null) {
      y.append("format: {type: json")
          .append(dialect.json().lines() && !multiline ? ", lines: true" : "")
          .append(", encoding: UTF-8}\n");
    } else {
      csvFormat(y, dialect, multiline);
    }
    y.append("nulls: [")
        .append(nulls.stream().map(s -> quote(s)).collect(Collectors.joining(", ")))
        .append("]\n");
    y.append("columns:\n");
    columns.forEach(c -> c.yaml(y));
    y.append(keys(dialect, seen, columns));
    return y.toString();
  }

  private static void csvFormat(StringBuilder y, Dialect dialect, boolean multiline) {
    y.append("format: {delimiter: ")
        .append(quote(String.valueOf(dialect.delimiter())))
        .append(", quote: ")
        .append(dialect.quote() == null ? "null" : quote(String.valueOf(dialect.quote())))
        .append(", header: ")
        .append(dialect.byName() ? "by_name" : String.valueOf(dialect.header()))
        .append(", multiline: ")
        .append(multiline)
        .append(", encoding: ")
        .append(dialect.encoding().name())
        .append("}\n");
  }

  static String keys(Dialect dialect, Evidence seen, List<ColumnProposal> columns) {
    String in = String.format("in the %,d records read", seen.records());
    if (seen.records() < 2) {
      return "# keys: too few records to suggest one\n";
    }
    List<String> single = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnEvidence e = seen.columns().get(c);
      if (e.hashes != null && e.values == seen.records()) {
        single.add(columns.get(c).name());
      }
    }
    if (!single.isEmpty()) {
      return "# keys: ["
          + single.get(0)
          + "]   # suggested: unique and never null "
          + in
          + (single.size() > 1
              ? "; so are " + String.join(", ", single.subList(1, single.size()))
              : "")
          + "\n";
    }
    List<int[]> pairs = seen.pairs().unique();
    if (!pairs.isEmpty()) {
      int[] p = pairs.get(0);
      return "# keys: ["
          + columns.get(p[0]).name()
          + ", "
          + columns.get(p[1]).name()
          + "]   # suggested: no column is unique, this pair is, never null, "
          + in
          + "\n";
    }
    return "# keys: none suggested: no column, and no pair of the first "
        + Math.min(PairKeys.COLUMNS, dialect.columns())
        + " columns, is unique and never null "
        + in
        + "\n";
  }
}
