package io.batchkit.mr.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's own options, after ToolRunner has taken the generic ones ({@code -D}, {@code -conf},
 * {@code -files}, ...). {@code --name value} or {@code --name=value}; flags take no value; an
 * option may be repeated where the job says so.
 */
public final class Args {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Args() {}

  /**
   * @param withValue option names that take a value
   * @param flags option names that take none
   */
  public static Args parse(String job, String[] argv, Set<String> withValue, Set<String> flags)
      throws UsageException {
    Args a = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (arg.equals("-h") || arg.equals("--help") || arg.equals("-help")) {
        a.values.computeIfAbsent("help", k -> new ArrayList<>()).add("true");
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException(
            job
                + ": unexpected argument '"
                + arg
                + "'; options start with -- (see "
                + job
                + " --help)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException(job + ": --" + name + " takes no value");
        }
        value = "true";
      } else if (withValue.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
            throw new UsageException(
                job + ": --" + name + " needs a value (see " + job + " --help)");
          }
          value = argv[++i];
        }
      } else {
        throw new UsageException(job + ": unknown option --" + name + " (see " + job + " --help)");
      }
      a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return a;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String get(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  public String required(String job, String name) throws UsageException {
    String v = get(name, null);
    if (v == null || v.isBlank()) {
      throw new UsageException(job + ": --" + name + " is required (see " + job + " --help)");
    }
    return v;
  }

  /** All values of a repeatable option, each also split on commas. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String v : values.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** A size such as {@code 64m} (k, m, g suffixes: KiB, MiB, GiB) in bytes. */
  public static long bytes(String job, String text) throws UsageException {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
      unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t) * unit;
    } catch (NumberFormatException e) {
      throw new UsageException(job + ": '" + text + "' is not a size such as 64m");
    }
  }
}
