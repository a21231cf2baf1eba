package io.batchkit.core.schema;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How the raw files are written: CSV (the default) or JSON records ({@code format: {type: json}}).
 *
 * @param delimiter field separator (CSV)
 * @param quote quote character, or {@code null} when fields are never quoted (CSV)
 * @param escape escape character inside quoted fields, or {@code null} (RFC 4180 doubles quotes)
 * @param header whether every input file starts with a header line, skipped by every job
 * @param multiline whether a record may span lines: quoted line breaks in CSV, JSON objects back to
 *     back or over several lines; such files are read whole, never split, because a split boundary
 *     could fall inside a record. JSON with {@code lines: true} (one object per line) is not.
 * @param encoding the files' character set; must be ASCII-compatible so that records can be split
 *     on bytes
 * @param json whether the records are JSON objects, their columns found by name or {@code path}
 * @param byName whether each file's header says where the columns are ({@code header: by_name}): in
 *     any order, some absent (null in that file's rows); such a file is read by one task from its
 *     start, where its header is
 */
public record FormatSpec(
    char delimiter,
    Character quote,
    Character escape,
    boolean header,
    boolean multiline,
    Charset encoding,
    boolean json,
    boolean byName) {

  public static final FormatSpec DEFAULT =
      new FormatSpec(',', '"', null, true, false, StandardCharsets.UTF_8, false, false);

  /** Whether a file must be read whole by one task (a split could not stand on its own). */
  public boolean wholeFiles() {
    return multiline || byName;
  }

  /** CSV as described. */
  public static FormatSpec csv(
      char delimiter,
      Character quote,
      Character escape,
      boolean header,
      boolean multiline,
      Charset encoding) {
    return new FormatSpec(delimiter, quote, escape, header, multiline, encoding, false, false);
  }

  /** The same CSV with its header matched by name. */
  public FormatSpec byName(boolean byName) {
    return new FormatSpec(
        delimiter, quote, escape, header || byName, multiline, encoding, json, byName);
  }

  /**
   * JSON objects.
   *
   * @param lines one object per line (JSON Lines), so that an uncompressed file can be split; else
   *     back to back, with or without whitespace between them (Kinesis Data Firehose)
   */
  public static FormatSpec json(boolean lines, Charset encoding) {
    return new FormatSpec(',', '"', null, false, !lines, encoding, true, false);
  }
}
