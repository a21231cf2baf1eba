package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.schema.ColumnNames;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where one file holds each of the proposal's columns, from its header ({@link HeaderUnion}): its
 * records are read into the proposal's order, a column it lacks as a null (as {@code clean} reads
 * it with {@code header: by_name}).
 */
final class FilePositions {
  private final int[] position;
  private final int width;
  private final boolean inOrder;

  private FilePositions(int[] position, int width, boolean inOrder) {
    this.position = position;
    this.width = width;
    this.inOrder = inOrder;
  }

  static FilePositions of(List<String> columns, CsvRecordParser parser, String header) {
    List<String> names;
    try {
      names = ColumnNames.unique(parser.parse(header));
    } catch (MalformedRecordException e) {
      names = List.of(); // no column found: every record then has another width, and is ragged
    }
    int[] position = new int[columns.size()];
    Arrays.fill(position, -1);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i).toLowerCase(Locale.ROOT);
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).toLowerCase(Locale.ROOT).equals(n)) {
          position[c] = i;
        }
      }
    }
    return new FilePositions(position, names.size(), names.equals(columns));
  }

  /** Whether the file writes the proposal's columns, all of them, in its order. */
  boolean inOrder() {
    return inOrder;
  }

  /**
   * Values written as one CSV record of the dialect (quoted where they hold the delimiter, the
   * quote or a line break), or null when one cannot be written without a quote character.
   */
  static String line(List<String> values, Dialect dialect) {
    char d = dialect.delimiter();
    Character q = dialect.quote();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (i > 0) {
        sb.append(d);
      }
      boolean special =
          v.indexOf(d) >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0
              || q != null && v.indexOf(q) >= 0;
      if (!special) {
        sb.append(v);
      } else if (q == null) {
        return null;
      } else {
        String qq = String.valueOf(q);
        sb.append(q).append(v.replace(qq, qq + qq)).append(q);
      }
    }
    return sb.toString();
  }

  /**
   * A record's values in the proposal's order ("" for a column the file lacks), or null when the
   * record has another number of fields than the file's header.
   */
  List<String> columns(List<String> fields) {
    if (fields.size() != width) {
      return null;
    }
    String[] out = new String[position.length];
    for (int c = 0; c < position.length; c++) {
      out[c] = position[c] < 0 ? "" : fields.get(position[c]);
    }
    return Arrays.asList(out);
  }
}
