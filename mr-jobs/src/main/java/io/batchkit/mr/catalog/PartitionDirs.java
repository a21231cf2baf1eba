package io.batchkit.mr.catalog;

/** Partition directory names ({@code day=2024-01-01}) as Hive writes and reads them. */
final class PartitionDirs {
  private PartitionDirs() {}

  /** The value of {@code col=value}, with Hive's {@code %XX} path escapes undone. */
  static String value(String dir) {
    String v = dir.substring(dir.indexOf('=') + 1);
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
