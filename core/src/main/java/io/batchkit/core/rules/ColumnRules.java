package io.batchkit.core.rules;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Normalization;
import io.batchkit.core.types.AsciiFields;
import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.FieldMemo;
import io.batchkit.core.types.ParseFailure;
import io.batchkit.core.types.ValueParser;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One column's rules, compiled once: normalise, recognise nulls, parse the type, then check allowed
 * values, bounds, lengths and pattern. Every broken rule is reported, except that a value which
 * does not parse is not checked further.
 */
public final class ColumnRules {
  private final Column column;
  private final Normalization[] normalize;
  private final Set<String> nulls;
  private final ValueParser parser;
  private final boolean isString;
  private final Matcher pattern;

  /** The null tokens, for comparing with a field read from bytes. */
  private final String[] nullTokens;

  /**
   * Whether a field read from bytes can be checked without a String (no normalisation, not text).
   */
  private final boolean fromBytes;

  /** Fields read from bytes that were seen before, made on first use (the Hive functions never). */
  private FieldMemo memo;

  public ColumnRules(Column column, Set<String> nulls) {
    this.column = column;
    this.normalize = column.normalize().toArray(new Normalization[0]);
    this.nulls = nulls;
    this.parser = ValueParser.forType(column.type(), column.formats(), column.timezone());
    this.isString = column.type().kind() == ColumnType.Kind.STRING;
    this.pattern = column.pattern() == null ? null : column.pattern().matcher("");
    this.nullTokens = nulls.toArray(new String[0]);
    this.fromBytes = normalize.length == 0 && !isString;
  }

  public Column column() {
    return column;
  }

  /**
   * Applies the column's rules to one raw field (null: no value at all, as JSON has).
   *
   * @param violations where broken rules are added
   * @return the typed value, or {@code null} for a null or a value that broke a rule
   */
  public Object apply(String raw, List<Violation> violations) {
    if (raw == null) { // a JSON null, or a field the object lacks
      if (column.required()) {
        violations.add(new Violation(column.name(), Rule.REQUIRED, ""));
      }
      return null;
    }
    String text = normalise(raw);
    // Outside strings, surrounding blanks are never data: " NA " is the null token NA.
    String probe = isString ? text : text.strip();
    if (nulls.contains(probe)) {
      if (column.required()) {
        violations.add(new Violation(column.name(), Rule.REQUIRED, raw));
      }
      return null;
    }
    Object value = parser.parse(text);
    if (value instanceof ParseFailure f) {
      violations.add(new Violation(column.name(), Rule.of(f), raw));
      return null;
    }
    int before = violations.size();
    check(value, text, violations);
    return violations.size() == before ? value : null;
  }

  /**
   * As {@link #apply(String, List)} for a field read from a record's ASCII bytes: numbers, dates
   * and times are read from the bytes; a String is made only for a text column, a value with blanks
   * around it, or a violation's quote.
   */
  public Object apply(AsciiFields.Field field, List<Violation> violations) {
    if (memo == null) {
      memo = new FieldMemo();
    }
    Object held = memo.get(field);
    if (held != memo) {
      return held;
    }
    int before = violations.size();
    Object value = read(field, violations);
    if (violations.size() == before) {
      memo.keep(field, value);
    }
    return value;
  }

  private Object read(AsciiFields.Field field, List<Violation> violations) {
    if (!fromBytes || field.blankAtEnds()) {
      return apply(field.toString(), violations);
    }
    for (String t : nullTokens) {
      if (t.contentEquals(field)) {
        return apply(t, violations);
      }
    }
    Object value = parser.parseFast(field);
    if (value == null) {
      return apply(field.toString(), violations);
    }
    if (value instanceof ParseFailure f) {
      violations.add(new Violation(column.name(), Rule.of(f), field.toString()));
      return null;
    }
    int before = violations.size();
    check(value, field, violations);
    return violations.size() == before ? value : null;
  }

  @SuppressWarnings("unchecked")
  private void check(Object value, CharSequence text, List<Violation> violations) {
    if (column.allowed() != null && !column.allowed().contains(value)) {
      violations.add(new Violation(column.name(), Rule.ALLOWED, text.toString()));
    }
    if (column.min() != null && column.min().compareTo(value) > 0) {
      violations.add(new Violation(column.name(), Rule.MIN, text.toString()));
    }
    if (column.max() != null && column.max().compareTo(value) < 0) {
      violations.add(new Violation(column.name(), Rule.MAX, text.toString()));
    }
    if (isString) {
      String s = (String) value;
      if (column.minLength() != null || column.maxLength() != null) {
        int length = s.codePointCount(0, s.length()); // characters, as Hive's length() counts
        if (column.minLength() != null && length < column.minLength()) {
          violations.add(new Violation(column.name(), Rule.MIN_LENGTH, s));
        }
        if (column.maxLength() != null && length > column.maxLength()) {
          violations.add(new Violation(column.name(), Rule.MAX_LENGTH, s));
        }
      }
      if (pattern != null && !pattern.reset(s).matches()) {
        violations.add(new Violation(column.name(), Rule.PATTERN, s));
      }
    }
  }

  private String normalise(String raw) {
    return normalise(raw, normalize);
  }

  /** The schema's normalisations, in order: the one implementation of clean and bk_normalize. */
  public static String normalise(String raw, Normalization[] steps) {
    String s = raw;
    for (Normalization n : steps) {
      s =
          switch (n) {
            case TRIM -> s.strip();
            case UPPER -> s.toUpperCase(Locale.ROOT);
            case LOWER -> s.toLowerCase(Locale.ROOT);
            case COLLAPSE_WHITESPACE -> collapseWhitespace(s);
            case STRIP_CONTROL -> stripControl(s);
          };
    }
    return s;
  }

  /** Runs of whitespace become one space; ends are not trimmed (that is {@code trim}'s job). */
  static String collapseWhitespace(String s) {
    StringBuilder sb = null;
    boolean inRun = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ws = Character.isWhitespace(c) || Character.isSpaceChar(c);
      if (ws) {
        if (!inRun) {
          if (sb == null && c != ' ') {
            sb = new StringBuilder(s.length()).append(s, 0, i);
          }
          if (sb != null) {
            sb.append(' ');
          }
        } else if (sb == null) {
          sb = new StringBuilder(s.length()).append(s, 0, i);
        }
        inRun = true;
      } else {
        if (sb != null) {
          sb.append(c);
        }
        inRun = false;
      }
    }
    return sb == null ? s : sb.toString();
  }

  static String stripControl(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\t';
      if (control && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!control && sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
