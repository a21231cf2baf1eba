package io.batchkit.core.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header names folded into column names Hive and a schema accept: lower case, every run of other
 * characters than letters and digits one {@code _} ({@code "US Gross ($)"} -> {@code us_gross}),
 * never starting with a digit. {@code infer} names columns with it and the header check compares a
 * file's header with a schema through it, so {@code "Plate ID"} in a file matches {@code plate_id}
 * in the schema.
 */
public final class ColumnNames {
  private ColumnNames() {}

  /** One header name folded; empty when it holds no letter or digit. */
  public static String fold(String header) {
    StringBuilder sb = new StringBuilder(header.length());
    boolean gap = false;
    for (int i = 0; i < header.length(); i++) {
      char c = Character.toLowerCase(header.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && sb.length() > 0) {
          sb.append('_');
        }
        sb.append(c);
        gap = false;
      } else if (c == '_' && sb.length() > 0) {
        gap = true;
      } else {
        gap = true;
      }
    }
    if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) {
      sb.insert(0, '_');
    }
    return sb.toString();
  }

  /**
   * A header's names folded and made unique ignoring case: an empty name becomes {@code col_N} (N
   * its 1-based position), a repeated one gets {@code _2}, {@code _3}, ...
   */
  public static List<String> unique(List<String> header) {
    List<String> out = new ArrayList<>(header.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String base = fold(header.get(i));
      if (base.isEmpty()) {
        base = "col_" + (i + 1);
      }
      String name = base;
      for (int n = 2; !seen.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = base + "_" + n;
      }
      out.add(name);
    }
    return out;
  }
}
