package io.batchkit.mr.aggregate;

import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.UsageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A conjunction of simple predicates: {@code col = v}, {@code !=}, {@code <}, {@code <=}, {@code
 * >}, {@code >=}, {@code col in (a, b)}, {@code col is null}, {@code col is not null}, joined by
 * {@code and}. Literals are numbers or 'quoted strings', in the column's canonical form (timestamps
 * as {@code 'yyyy-MM-dd HH:mm:ss'} UTC). As in SQL, a comparison with a null value is false.
 */
public final class Filter {
  /** One predicate. */
  record Predicate(int column, String op, Comparable<Object> value, Set<Object> values) {
    boolean test(Object[] row) {
      Object v = row[column];
      return switch (op) {
        case "is null" -> v == null;
        case "is not null" -> v != null;
        case "in" -> v != null && values.contains(v);
        default -> v != null && compare(v);
      };
    }

    @SuppressWarnings("unchecked")
    private boolean compare(Object v) {
      int c = ((Comparable<Object>) v).compareTo(value);
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }
  }

  private final Predicate[] predicates;

  private Filter(List<Predicate> predicates) {
    this.predicates = predicates.toArray(new Predicate[0]);
  }

  public static Filter all() {
    return new Filter(List.of());
  }

  public boolean test(Object[] row) {
    for (Predicate p : predicates) {
      if (!p.test(row)) {
        return false;
      }
    }
    return true;
  }

  public static Filter parse(String job, String text, Schema schema) throws UsageException {
    if (text == null || text.isBlank()) {
      return all();
    }
    List<String> tokens = tokens(job, text);
    List<Predicate> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      String name = tokens.get(i++);
      int column = schema.columnIndex(name);
      if (column < 0) {
        throw new UsageException(
            job
                + ": --filter: no column '"
                + name
                + "' in "
                + schema.name()
                + " (in: "
                + text
                + ")");
      }
      ColumnType type = schema.columns().get(column).type();
      String op = i < tokens.size() ? tokens.get(i++).toLowerCase(Locale.ROOT) : "";
      Predicate p;
      if (op.equals("is")) {
        boolean not = i < tokens.size() && tokens.get(i).equalsIgnoreCase("not");
        if (not) {
          i++;
        }
        expect(job, tokens, i++, "null", text);
        p = new Predicate(column, not ? "is not null" : "is null", null, null);
      } else if (op.equals("in")) {
        expect(job, tokens, i++, "(", text);
        Set<Object> values = new HashSet<>();
        while (true) {
          values.add(literal(job, tokens, i++, type, text));
          String sep = i < tokens.size() ? tokens.get(i++) : "";
          if (sep.equals(")")) {
            break;
          }
          if (!sep.equals(",")) {
            throw new UsageException(job + ": --filter: expected ',' or ')' in: " + text);
          }
        }
        p = new Predicate(column, "in", null, values);
      } else if (List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(op)) {
        @SuppressWarnings("unchecked")
        Comparable<Object> v = (Comparable<Object>) literal(job, tokens, i++, type, text);
        p = new Predicate(column, op.equals("<>") ? "!=" : op, v, null);
      } else {
        throw new UsageException(
            job
                + ": --filter: after "
                + name
                + " expected =, !=, <, <=, >, >=, in or is, found '"
                + op
                + "' (in: "
                + text
                + ")");
      }
      out.add(p);
      if (i < tokens.size()) {
        expect(job, tokens, i++, "and", text);
      }
    }
    return new Filter(out);
  }

  private static void expect(String job, List<String> tokens, int i, String want, String text)
      throws UsageException {
    if (i >= tokens.size() || !tokens.get(i).equalsIgnoreCase(want)) {
      throw new UsageException(
          job
              + ": --filter: expected '"
              + want
              + "' "
              + (i < tokens.size() ? "but found '" + tokens.get(i) + "'" : "at the end")
              + " (in: "
              + text
              + "; only 'and' joins predicates)");
    }
  }

  private static Object literal(
      String job, List<String> tokens, int i, ColumnType type, String text) throws UsageException {
    if (i >= tokens.size()) {
      throw new UsageException(job + ": --filter: a value is missing at the end of: " + text);
    }
    String t = tokens.get(i);
    String v = t.startsWith("'") ? t.substring(1, t.length() - 1).replace("''", "'") : t;
    try {
      return TextRowDecoder.parse(type, v);
    } catch (RuntimeException e) {
      throw new UsageException(
          job + ": --filter: '" + v + "' is not a " + type + " (in: " + text + ")");
    }
  }

  private static List<String> tokens(String job, String text) throws UsageException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw new UsageException(job + ": --filter: unclosed quote in: " + text);
          }
          if (text.charAt(j) == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(text.substring(i, j + 1));
        i = j + 1;
      } else if ("(),".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("=<>!".indexOf(c) >= 0) {
        int j = i + 1;
        while (j < text.length() && "=<>".indexOf(text.charAt(j)) >= 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else {
        int j = i;
        while (j < text.length()
            && !Character.isWhitespace(text.charAt(j))
            && "(),=<>!'".indexOf(text.charAt(j)) < 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
