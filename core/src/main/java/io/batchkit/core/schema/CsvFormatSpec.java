package io.batchkit.core.schema;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How the raw files are written.
 *
 * @param delimiter field separator
 * @param quote quote character, or {@code null} when fields are never quoted
 * @param escape escape character inside quoted fields, or {@code null} (RFC 4180 doubles quotes)
 * @param header whether every input file starts with a header line, skipped by every job
 * @param multiline whether quoted fields may hold line breaks; such files are read whole, one file
 *     per task, because a split boundary could fall inside a quoted field
 * @param encoding the files' character set; must be ASCII-compatible so that records can be split
 *     on bytes
 */
public record CsvFormatSpec(
    char delimiter,
    Character quote,
    Character escape,
    boolean header,
    boolean multiline,
    Charset encoding) {

  public static final CsvFormatSpec DEFAULT =
      new CsvFormatSpec(',', '"', null, true, false, StandardCharsets.UTF_8);
}
