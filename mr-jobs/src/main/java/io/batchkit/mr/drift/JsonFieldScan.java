package io.batchkit.mr.drift;

import io.batchkit.core.infer.ColumnEvidence;
import io.batchkit.core.infer.JsonWalk;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.JsonPath;
import io.batchkit.core.schema.Schema;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The column scan of JSON records: every path to a value (found as {@code infer} finds them) that
 * no column of the schema reads becomes the evidence of a column to add; the values at the schema's
 * numeric columns' paths, the evidence of a widening. An object or an array at a new path is
 * marked, so that the driver keeps such a path whole, as JSON text.
 */
final class JsonFieldScan implements JsonWalk.Visitor {
  static final String OBJECT = "object\t";
  static final String ARRAY = "array\t";

  private final Schema schema;
  private final Map<String, Column> columns = new HashMap<>();
  private final Set<String> enclosing = new HashSet<>();
  private final Map<String, ColumnEvidence> evidence;
  private final Map<String, String> firstSeen;
  private String file;
  private long offset;
  private int position;

  /** Adds to the mapper's {@code evidence} and {@code firstSeen}, keyed as its CSV scan keys. */
  JsonFieldScan(
      Schema schema, Map<String, ColumnEvidence> evidence, Map<String, String> firstSeen) {
    this.schema = schema;
    this.evidence = evidence;
    this.firstSeen = firstSeen;
    for (Column c : schema.columns()) {
      JsonPath path = c.jsonPath();
      columns.put(path.canonical(), c); // as the walk writes it, however the schema does
      for (int i = 1; i < path.steps().size(); i++) {
        enclosing.add(path.canonical(i));
      }
    }
  }

  /**
   * One record of {@code file}, at {@code offset}; a record that is not JSON is left to clean to
   * quarantine.
   */
  void record(String file, long offset, String text) {
    this.file = file;
    this.offset = offset;
    position = 0;
    try {
      JsonWalk.walk(text, this);
    } catch (IOException malformed) {
      // clean quarantines it; it types nothing
    }
  }

  @Override
  public boolean object(String path) {
    position++;
    if (columns.containsKey(path)) {
      return false; // kept whole (json: true), or a type violation of its column
    }
    if (!enclosing.contains(path)) {
      mark(OBJECT + path);
    }
    return true;
  }

  @Override
  public void array(String path, String text) {
    position++;
    ColumnEvidence e = columns.containsKey(path) || enclosing.contains(path) ? null : added(path);
    if (e != null) {
      mark(ARRAY + path);
      e.addQuoted(text);
    }
  }

  @Override
  public void value(String path, String text, boolean quoted) {
    position++;
    Column known = columns.get(path);
    ColumnEvidence e =
        known != null
            ? evidence.get(ColumnScanMapper.NUMERIC + known.name())
            : enclosing.contains(path) ? null : added(path);
    if (e == null) {
      return;
    }
    if (text == null || quoted && schema.nulls().contains(text)) {
      e.add("");
    } else if (quoted) {
      e.addQuoted(text);
    } else {
      e.add(text);
    }
  }

  /** The evidence of a new path. */
  private ColumnEvidence added(String path) {
    String key = ColumnScanMapper.ADDED + path;
    // Where in the files it was first seen: its record's offset, then its place in the record.
    firstSeen.putIfAbsent(
        key, file + "\t" + (offset * 4096 + Math.min(position, 4095)) + "\t" + path);
    return evidence.computeIfAbsent(key, k -> new ColumnEvidence().withoutKey());
  }

  private void mark(String key) {
    evidence.computeIfAbsent(key, k -> new ColumnEvidence().withoutKey());
  }
}
