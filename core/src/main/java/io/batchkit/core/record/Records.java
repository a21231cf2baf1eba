package io.batchkit.core.record;

import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.PartitionValues;
import io.batchkit.core.privacy.Pseudonymizer;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The one front end of every reader of records: the bytes of one record in, typed values or the
 * rules it broke out, with the line it started on. The MapReduce jobs, the profile, the
 * single-threaded baselines and the Hive functions all read through it, so that a record is valid
 * or quarantined for the same reason everywhere.
 *
 * <p>Lines are counted from the first record handed in (a task's split, a file): every line must
 * pass through {@link #read} exactly once, in order, headers and blank lines too. Not thread-safe;
 * values and violations are reused for the next record.
 */
public abstract class Records {
  protected final Schema schema;
  protected final Object[] values;
  protected final List<Violation> violations = new ArrayList<>();

  /** The last record's text as decoded (bad bytes as U+FFFD); null for a header or blank line. */
  protected String text;

  /** An ASCII record split from its bytes: its text is made only if asked for (a quarantine). */
  private byte[] asciiBytes;

  private int asciiLength;

  private final PartitionValues partitions;
  private final int partitionSource;
  private final boolean multiline;
  private final boolean unterminated;
  private long line;
  private long nextLine = 1;

  protected Records(Schema schema, boolean multiline) {
    this.schema = schema;
    this.values = new Object[schema.columns().size()];
    this.partitions = schema.partition() == null ? null : new PartitionValues(schema.partition());
    this.partitionSource =
        schema.partition() == null ? -1 : schema.columnIndex(schema.partition().from());
    this.multiline = multiline;
    // JSON objects back to back: a record ends at its closing brace, not at a line break; the
    // line breaks after it come with it (JsonRecordSplitter).
    this.unterminated = multiline && schema.format().json();
  }

  /**
   * Raw CSV checked against the schema's rules ({@code clean}'s reading), {@code pseudonymize:
   * true} columns replaced by their pseudonyms.
   *
   * @param pseudonymizer the key; null only when the schema pseudonymises no column
   */
  public static RawRecords raw(Schema schema, Pseudonymizer pseudonymizer) {
    if (pseudonymizer == null && !schema.pseudonymized().isEmpty()) {
      throw new IllegalArgumentException(
          "columns " + schema.pseudonymized() + " are pseudonymised: the key is needed");
    }
    return new RawRecords(schema, pseudonymizer);
  }

  /** Raw CSV whose records are only checked: values are never shown, so never pseudonymised. */
  public static RawRecords checker(Schema schema) {
    return new RawRecords(schema, null);
  }

  /**
   * Rows of a batchkit dataset (Hive text written by an earlier job, already pseudonymised), or raw
   * CSV ({@link #raw}).
   */
  public static Records of(Schema schema, boolean raw, Pseudonymizer pseudonymizer) {
    return raw ? raw(schema, pseudonymizer) : new DatasetRecords(schema);
  }

  /**
   * Reads one record.
   *
   * @param offset where the record starts in its file (0: the file's first line)
   * @param bytes the record's bytes, without the line break that ends it
   */
  public final Outcome read(long offset, byte[] bytes, int length) {
    advance(bytes, length);
    return decode(offset, bytes, length);
  }

  private void advance(byte[] bytes, int length) {
    line = nextLine;
    if (unterminated) {
      // The line breaks before the first element of a pretty-printed array come with it.
      int lead = 0;
      while (lead < length && bytes[lead] == '\n') {
        lead++;
      }
      line += lead < length ? lead : 0;
    }
    // In multiline mode a record may hold line breaks: the next record starts lines later.
    nextLine += multiline ? (unterminated ? 0 : 1) + lineBreaks(bytes, length) : 1;
    violations.clear();
    asciiBytes = null;
  }

  /** The record's text is these ASCII bytes, decoded only when {@link #text} is called. */
  protected final void textIsAscii(byte[] bytes, int length) {
    asciiBytes = bytes;
    asciiLength = length;
  }

  protected abstract Outcome decode(long offset, byte[] bytes, int length);

  /**
   * A record longer than the reader's limit, of which only the first bytes were kept: invalid
   * ({@code record_too_large}), never parsed. In multiline mode only the line breaks in those first
   * bytes are counted.
   */
  public Outcome tooLarge(byte[] prefix, int length, long limit) {
    advance(prefix, length);
    text = new String(prefix, 0, length, java.nio.charset.StandardCharsets.UTF_8) + "...";
    violations.add(
        new Violation(
            null,
            Rule.RECORD_TOO_LARGE,
            "the record is longer than " + limit + " bytes; kept: its start"));
    return Outcome.INVALID;
  }

  /** The last record's text as decoded (bad bytes as U+FFFD). */
  public final String text() {
    if (text == null && asciiBytes != null) {
      text = new String(asciiBytes, 0, asciiLength, java.nio.charset.StandardCharsets.ISO_8859_1);
      asciiBytes = null;
    }
    return text;
  }

  /** A record whose text cannot be split into fields (CSV syntax, Hive text escapes). */
  protected final Outcome malformed(MalformedRecordException e) {
    violations.add(new Violation(null, Rule.MALFORMED, e.getMessage()));
    return Outcome.INVALID;
  }

  /** The line the last record started on, counted from the first line handed in (1-based). */
  public final long line() {
    return line;
  }

  /** Counts lines from 1 again: the next record read is the first line of another file. */
  public final void restartLines() {
    nextLine = 1;
    line = 0;
  }

  /** How many lines were handed in so far. */
  public final long lines() {
    return nextLine - 1;
  }

  /** The typed values of the last VALID record (of an INVALID one: those that parsed). */
  public final Object[] values() {
    return values;
  }

  /** The rules the last INVALID record broke, in column order; column null: the whole record. */
  public final List<Violation> violations() {
    return violations;
  }

  /** The partition directory for the current row, or "" without partitioning. */
  public final String partitionDir() {
    return partitions == null ? "" : partitions.directory(values[partitionSource]);
  }

  public final Schema schema() {
    return schema;
  }

  /** Line breaks inside a record (\n, \r\n or \r), as the record splitter counts them. */
  private static int lineBreaks(byte[] bytes, int length) {
    int n = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == length || bytes[i + 1] != '\n'))) {
        n++;
      }
    }
    return n;
  }
}
