package io.batchkit.mr.infer;

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
