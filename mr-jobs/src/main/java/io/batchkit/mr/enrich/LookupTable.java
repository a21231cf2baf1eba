package io.batchkit.mr.enrich;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.Records;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * A lookup table held in memory for a map-side join: join key to the text of the columns a match
 * adds (already in Hive text form, appended to the data row as they are).
 */
public final class LookupTable {
  private final Map<String, String> rows = new HashMap<>();
  private final String nulls;
  private long duplicates;
  private String firstProblem;

  public LookupTable(int width) {
    StringBuilder sb = new StringBuilder();
    RowFormat.TEXT.append(new Object[width], sb);
    this.nulls = sb.toString();
  }

  /**
   * Loads one file; the first problem (invalid row or duplicate key) is kept for {@link
   * #problem()}.
   */
  public void load(String name, InputStream in, Records source, JoinSpec join) throws IOException {
    LineReader reader = new LineReader(in);
    Text line = new Text();
    long offset = 0;
    long lineNo = 0;
    StringBuilder sb = new StringBuilder(64);
    int n;
    while ((n = reader.readLine(line)) > 0) {
      lineNo++;
      int length = line.getLength();
      // LineReader strips \n and \r\n; what is left is the record.
      Outcome status = source.read(offset, line.getBytes(), length);
      offset += n;
      if (status == Outcome.HEADER || status == Outcome.BLANK) {
        continue;
      }
      if (status == Outcome.INVALID) {
        problem(name + ":" + lineNo + ": " + describe(source.violations()));
        continue;
      }
      Object[] row = source.values();
      String key = join.lookupKey(row);
      if (key == null) {
        problem(name + ":" + lineNo + ": the join key is null");
        continue;
      }
      sb.setLength(0);
      RowFormat.TEXT.append(join.added(row), sb);
      if (rows.putIfAbsent(key, sb.toString()) != null) {
        duplicates++;
        problem(name + ":" + lineNo + ": join key " + key + " appears twice");
      }
    }
  }

  private static String describe(List<io.batchkit.core.rules.Violation> violations) {
    StringBuilder sb = new StringBuilder();
    for (var v : violations) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(v.rule().id()).append(v.column() == null ? "" : " " + v.column());
      sb.append(": ").append(v.value());
    }
    return sb.toString();
  }

  private void problem(String p) {
    if (firstProblem == null) {
      firstProblem = p;
    }
  }

  /** The added columns' text for a key, or null. */
  public String get(String key) {
    return key == null ? null : rows.get(key);
  }

  /** The text of the added columns when there is no match: all {@code \N}. */
  public String nulls() {
    return nulls;
  }

  public int size() {
    return rows.size();
  }

  public long duplicates() {
    return duplicates;
  }

  public String problem() {
    return firstProblem;
  }
}
