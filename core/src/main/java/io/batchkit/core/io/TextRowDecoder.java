package io.batchkit.core.io;

import io.batchkit.core.types.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads back rows that {@link RowFormat#TEXT} wrote (what {@code clean} and the later jobs write):
 * tab-separated, {@code \N} for null, backslash escapes, values in their canonical form (ISO dates,
 * {@code yyyy-MM-dd HH:mm:ss[.f]} UTC timestamps, plain decimals). The inverse of {@link
 * RowFormat#append} for TEXT; a property test checks the round trip.
 */
public final class TextRowDecoder {
  private final ColumnType[] types;
  private final int minWidth;
  private final StringBuilder field = new StringBuilder(64);

  public TextRowDecoder(List<ColumnType> types) {
    this(types, types.size());
  }

  /**
   * A decoder for rows that may end early: a row of at least {@code minWidth} fields reads NULL in
   * the columns it lacks, as Hive reads text. Rows written before columns were added at the end
   * ({@code schema_changes: add_columns}) are never rewritten.
   */
  public TextRowDecoder(List<ColumnType> types, int minWidth) {
    this.types = types.toArray(new ColumnType[0]);
    this.minWidth = Math.max(1, Math.min(minWidth, this.types.length));
  }

  public int width() {
    return types.length;
  }

  /**
   * Decodes one line into {@code values} ({@link #width()} long).
   *
   * @throws MalformedRecordException if the line has the wrong number of fields or a value that is
   *     not in its type's canonical form (the file is not what the schema says it is)
   */
  public void decode(CharSequence line, Object[] values) throws MalformedRecordException {
    int column = 0;
    int n = line.length();
    field.setLength(0);
    boolean escapedNull = false;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? line.charAt(i) : '\t';
      if (c == '\\' && i + 1 < n) {
        char next = line.charAt(++i);
        switch (next) {
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          case 'N' -> {
            escapedNull = field.length() == 0;
            field.append('N');
          }
          default -> field.append(next);
        }
        continue;
      }
      if (c != '\t') {
        escapedNull = false;
        field.append(c);
        continue;
      }
      if (column >= types.length) {
        throw new MalformedRecordException(
            "expected " + types.length + " tab-separated fields, found more");
      }
      boolean isNull = escapedNull && field.length() == 1;
      values[column] = isNull ? null : parse(types[column], field.toString(), column);
      column++;
      field.setLength(0);
      escapedNull = false;
    }
    if (column >= minWidth && column < types.length) {
      java.util.Arrays.fill(values, column, types.length, null);
      return;
    }
    if (column != types.length) {
      throw new MalformedRecordException(
          "expected " + types.length + " tab-separated fields, found " + column);
    }
  }

  private static Object parse(ColumnType type, String text, int column)
      throws MalformedRecordException {
    try {
      return parse(type, text);
    } catch (RuntimeException e) {
      throw new MalformedRecordException(
          "field " + (column + 1) + " ('" + text + "') is not a canonical " + type.hiveName());
    }
  }

  /** Parses a value in its canonical text form, as {@link RowFormat#appendValue} writes it. */
  public static Object parse(ColumnType type, String text) {
    return switch (type.kind()) {
      case STRING -> text;
      case INT -> Integer.parseInt(text);
      case BIGINT -> Long.parseLong(text);
      case DOUBLE -> Double.parseDouble(text);
      case DECIMAL -> new BigDecimal(text).setScale(type.scale());
      case BOOLEAN -> parseBoolean(text);
      case DATE -> LocalDate.parse(text);
      case TIMESTAMP -> parseTimestamp(text);
    };
  }

  private static Boolean parseBoolean(String text) {
    if (text.equals("true")) {
      return Boolean.TRUE;
    }
    if (text.equals("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException(text);
  }

  private static LocalDateTime parseTimestamp(String text) {
    if (text.length() < 19 || text.charAt(10) != ' ') {
      throw new DateTimeParseException("not yyyy-MM-dd HH:mm:ss", text, 0);
    }
    return LocalDateTime.parse(text.substring(0, 10) + 'T' + text.substring(11));
  }
}
