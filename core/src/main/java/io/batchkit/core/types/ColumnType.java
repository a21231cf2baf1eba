package io.batchkit.core.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column's type: one of the Hive primitive types batchkit supports. */
public record ColumnType(Kind kind, int precision, int scale) {

  /** The supported kinds, named as in the schema file and in Hive. */
  public enum Kind {
    STRING,
    INT,
    BIGINT,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP
  }

  public static final String EXPECTED =
      "string, int, bigint, double, decimal(p,s), boolean, date, timestamp";

  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

  /** Hive's own limit for decimal precision. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  public static ColumnType of(Kind kind) {
    return new ColumnType(kind, 0, 0);
  }

  /**
   * Parses a type name as written in a schema file.
   *
   * @throws IllegalArgumentException with a message that says what is expected
   */
  public static ColumnType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      int p = Integer.parseInt(m.group(1));
      int s = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      if (p < 1 || p > MAX_DECIMAL_PRECISION) {
        throw new IllegalArgumentException(
            "decimal precision must be 1.." + MAX_DECIMAL_PRECISION + ", got " + p);
      }
      if (s > p) {
        throw new IllegalArgumentException(
            "decimal scale (" + s + ") must not exceed its precision (" + p + ")");
      }
      return new ColumnType(Kind.DECIMAL, p, s);
    }
    if (t.equals("decimal")) {
      // Hive's bare DECIMAL is decimal(10,0); say so rather than guess.
      throw new IllegalArgumentException("write decimal(p,s), for example decimal(10,2)");
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.DECIMAL && k.name().toLowerCase(Locale.ROOT).equals(t)) {
        return of(k);
      }
    }
    throw new IllegalArgumentException("unknown type '" + text + "' (expected " + EXPECTED + ")");
  }

  /** The type as Hive DDL spells it. */
  public String hiveName() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(Locale.ROOT);
  }

  public boolean isTemporal() {
    return kind == Kind.DATE || kind == Kind.TIMESTAMP;
  }

  @Override
  public String toString() {
    return hiveName();
  }
}
