package io.batchkit.mr.catalog;

import java.util.ArrayList;
import java.util.List;

/** Partition directories ({@code split=train/day=2024-01-01}) as Hive writes and reads them. */
final class PartitionDirs {
  private PartitionDirs() {}

  /** The values of {@code a=1/b=2}, outermost first, with Hive's {@code %XX} escapes undone. */
  static List<String> values(String dirs) {
    List<String> values = new ArrayList<>();
    for (String dir : dirs.split("/")) {
      values.add(unescape(dir.substring(dir.indexOf('=') + 1)));
    }
    return values;
  }

  private static String unescape(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '%' && i + 2 < v.length()) {
        try {
          sb.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the '%'
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
