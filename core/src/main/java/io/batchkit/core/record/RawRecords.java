package io.batchkit.core.record;

import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.JsonRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.privacy.Pseudonymizer;
import io.batchkit.core.rules.RowCleaner;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.AsciiFields;

/**
 * Raw records read as {@code clean} reads them: the header line of each file and blank lines
 * skipped, bytes decoded in the schema's encoding (bytes invalid in it are a violation, not a
 * silent U+FFFD), fields split by the schema's CSV format or read from a JSON object by path, then
 * every column's rules.
 */
public final class RawRecords extends Records {
  private final boolean header;
  private final RecordDecoder decoder;
  private final CsvRecordParser parser;
  private final JsonRecordParser json;
  private final RowCleaner cleaner;
  private final Pseudonymizer pseudonymizer;
  private final int[] pseudonymized;
  private boolean invalidBytes;
  private final boolean asciiFields;
  private final AsciiFields ascii = new AsciiFields();

  /** With {@code header: by_name}: this file's header, mapped onto the schema's columns. */
  private final HeaderMapping byName;

  /**
   * @param pseudonymizer the key for {@code pseudonymize: true} columns; null only to check records
   *     whose values are never shown (their pseudonymised columns then hold raw values)
   */
  RawRecords(Schema schema, Pseudonymizer pseudonymizer) {
    super(schema, schema.format().multiline());
    this.pseudonymizer = pseudonymizer;
    this.pseudonymized =
        pseudonymizer == null
            ? new int[0]
            : schema.pseudonymized().stream().mapToInt(schema::columnIndex).toArray();
    this.header = schema.format().header();
    this.decoder = new RecordDecoder(schema.format().encoding());
    this.parser = schema.format().json() ? null : new CsvRecordParser(schema.format());
    this.json = schema.format().json() ? new JsonRecordParser(schema.columns()) : null;
    this.cleaner = new RowCleaner(schema);
    this.byName = schema.format().byName() ? new HeaderMapping(schema) : null;
    this.asciiFields = parser != null && ASCII_READS_AS_ITSELF.contains(schema.format().encoding());
  }

  /** Encodings in which a byte below 0x80 is that ASCII character. */
  private static final java.util.Set<java.nio.charset.Charset> ASCII_READS_AS_ITSELF =
      java.util.Set.of(
          java.nio.charset.StandardCharsets.UTF_8,
          java.nio.charset.StandardCharsets.US_ASCII,
          java.nio.charset.StandardCharsets.ISO_8859_1,
          java.nio.charset.Charset.forName("windows-1252"));

  @Override
  protected Outcome decode(long offset, byte[] bytes, int length) {
    invalidBytes = false;
    text = null;
    if (offset == 0 && header) {
      if (byName != null) {
        byName.read(parseHeader(decoder.decode(bytes, length)));
      }
      return Outcome.HEADER;
    }
    // An empty line is no record, unless a one-column schema makes it an empty value.
    if (length == 0 && values.length > 1 || json != null && isBlank(bytes, length)) {
      return Outcome.BLANK;
    }
    if (asciiFields) {
      if (byName == null && parser.splitAscii(bytes, length, ascii)) {
        textIsAscii(bytes, length);
        return pseudonymise(cleaner.clean(ascii, values, violations));
      }
      java.util.List<String> fields = byName == null ? null : parser.splitAscii(bytes, length);
      if (fields != null) {
        textIsAscii(bytes, length);
        return cleanFields(fields);
      }
    }
    text = decoder.decode(bytes, length);
    if (json != null) {
      text = text.strip(); // the whitespace around an object came with it, not in it
    }
    if (text.indexOf('\uFFFD') >= 0) {
      int at = decoder.invalidAt(bytes, length);
      if (at >= 0) {
        invalidBytes = true;
        violations.add(
            new Violation(
                null,
                Rule.ENCODING,
                invalidByte(bytes[at], at, schema.format().encoding().name())));
        return Outcome.INVALID;
      }
    }
    return clean(text);
  }

  /**
   * Checks one record given as text already decoded (a Hive string): any U+FFFD is taken for a byte
   * that was not valid in the file's encoding.
   */
  public Outcome check(String record) {
    violations.clear();
    invalidBytes = false;
    text = record;
    int bad = record.indexOf('\uFFFD');
    if (bad >= 0) {
      violations.add(new Violation(null, Rule.ENCODING, "not valid text at character " + bad));
      return Outcome.INVALID;
    }
    return clean(record);
  }

  private Outcome clean(String record) {
    try {
      if (json == null) {
        return cleanFields(parser.parse(record));
      }
      json.parse(record);
    } catch (MalformedRecordException e) {
      return malformed(e);
    }
    return pseudonymise(cleaner.clean(json.fields(), json.mismatches(), values, violations));
  }

  private Outcome cleanFields(java.util.List<String> fields) {
    return pseudonymise(
        byName != null
            ? byName.clean(fields, cleaner, values, violations)
            : cleaner.clean(fields, values, violations));
  }

  private Outcome pseudonymise(boolean valid) {
    // After the rules (which see the value as read): no later step, not even the profile of an
    // invalid record, sees the raw identifier.
    for (int i : pseudonymized) {
      if (values[i] instanceof String v) {
        values[i] = pseudonymizer.pseudonym(v);
      }
    }
    return valid ? Outcome.VALID : Outcome.INVALID;
  }

  private java.util.List<String> parseHeader(String line) {
    try {
      return java.util.List.copyOf(parser.parse(line));
    } catch (MalformedRecordException e) {
      return java.util.List.of(line); // the header check names the file; nothing maps
    }
  }

  /**
   * "byte 0x%02X at byte %d is not valid %s", without java.util.Formatter: a file of many such
   * records made it hot enough for the JIT to compile it (and DecimalFormat under it).
   */
  static String invalidByte(byte b, int at, String encoding) {
    return "byte 0x"
        + HEX.charAt((b >> 4) & 0xF)
        + HEX.charAt(b & 0xF)
        + " at byte "
        + at
        + " is not valid "
        + encoding;
  }

  private static final String HEX = "0123456789ABCDEF";

  /** Whitespace only: what a JSON file may hold before its first record. */
  private static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public Outcome tooLarge(byte[] prefix, int length, long limit) {
    invalidBytes = false;
    return super.tooLarge(prefix, length, limit);
  }

  /** Whether the last record had bytes invalid in the schema's encoding (keep them in hex). */
  public boolean invalidBytes() {
    return invalidBytes;
  }
}
