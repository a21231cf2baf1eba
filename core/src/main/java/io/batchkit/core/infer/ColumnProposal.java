package io.batchkit.core.infer;

import static io.batchkit.core.schema.SchemaWriter.quote;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One column of a proposed schema, decided from its evidence: the narrowest type every value fits
 * (boolean, int, bigint, decimal of a fixed scale, double, date, timestamp, else string), {@code
 * required} when no null was seen, bounds from the data, {@code allowed} for a string of few
 * values, {@code trim} where values carry padding; written with the evidence as comments.
 */
public final class ColumnProposal {
  /** At most this many distinct values make an {@code allowed} list... */
  static final int ALLOWED_MAX = 12;

  /** ...when each is seen this many times on average, so the list is unlikely to be partial. */
  static final int ALLOWED_REPEATS = 10;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  final String name;
  final String type;
  final List<String> formats;
  final boolean required;
  final List<String> allowed;
  final String min;
  final String max;
  final boolean trim;
  final boolean pseudonymize;
  final List<String> evidence = new ArrayList<>();

  /** Where a JSON record holds the value, when not at the field of the column's name. */
  private String path;

  private boolean jsonText;

  private ColumnProposal(
      String name,
      String type,
      List<String> formats,
      ColumnEvidence e,
      boolean pseudonymize,
      boolean bounds) {
    this.name = name;
    this.pseudonymize = pseudonymize && type.equals("string");
    this.type = type;
    this.formats = formats.stream().filter(f -> !f.equals(Candidates.ISO_DEFAULT)).toList();
    this.required = e.values > 0 && total(e.nulls) == 0;
    boolean string = type.equals("string");
    this.trim = string && e.padded > 0;
    this.allowed =
        string
                && !this.pseudonymize
                && !e.manyDistinct
                && !e.distinct.isEmpty()
                && e.distinct.size() <= ALLOWED_MAX
                && e.values >= (long) ALLOWED_REPEATS * e.distinct.size()
            ? e.distinct.keySet().stream().sorted().toList()
            : null;
    String lo = null;
    String hi = null;
    if (bounds) {
      switch (type) {
        case "int", "bigint", "double" -> {
          lo = plain(e.min);
          hi = plain(e.max);
        }
        case "date" -> {
          lo = e.minDate == null ? null : e.minDate.toString();
          hi = e.maxDate == null ? null : e.maxDate.toString();
        }
        case "timestamp" -> {
          lo = e.minTimestamp == null ? null : floor(e.minTimestamp);
          hi = e.maxTimestamp == null ? null : ceiling(e.maxTimestamp);
        }
        default -> {
          if (type.startsWith("decimal")) {
            lo = plain(e.min);
            hi = plain(e.max);
          }
        }
      }
    }
    this.min = lo;
    this.max = hi;
    describe(e);
  }

  /** The proposal for a column named {@code name} with this evidence. */
  public static ColumnProposal of(
      String name, ColumnEvidence e, boolean pseudonymize, boolean bounds) {
    return of(name, e, pseudonymize, bounds, false);
  }

  /**
   * The same; {@code dayFirst} settles a date that every value leaves open (03/04/2024) as day
   * first.
   */
  public static ColumnProposal of(
      String name, ColumnEvidence e, boolean pseudonymize, boolean bounds, boolean dayFirst) {
    long n = e.values;
    // A JSON string is never read as a number or boolean, however it looks (JsonRecordParser).
    long unquoted = e.quoted == 0 ? n : -1;
    if (n > 0 && !pseudonymize) {
      if (e.fits[ColumnEvidence.BOOLEAN] == unquoted) {
        return new ColumnProposal(name, "boolean", List.of(), e, false, bounds);
      }
      if (e.fits[ColumnEvidence.INT] == unquoted) {
        return new ColumnProposal(name, "int", List.of(), e, false, bounds);
      }
      if (e.fits[ColumnEvidence.BIGINT] == unquoted) {
        return new ColumnProposal(name, "bigint", List.of(), e, false, bounds);
      }
      if (e.fits[ColumnEvidence.DECIMAL] == unquoted && e.minScale == e.maxScale) {
        // Two more integer digits than seen, so values 100 times larger still fit.
        int p = Math.min(38, e.maxIntDigits + 2 + e.maxScale);
        return new ColumnProposal(
            name, "decimal(" + p + "," + e.maxScale + ")", List.of(), e, false, bounds);
      }
      if (e.fits[ColumnEvidence.DOUBLE] == unquoted) {
        return new ColumnProposal(name, "double", List.of(), e, false, bounds);
      }
      if (!e.notTemporal) {
        List<String> dates = cover(e.dateMasks, Candidates.DATE_FORMATS, dayFirst);
        if (dates != null) {
          return new ColumnProposal(name, "date", dates, e, false, bounds);
        }
        List<String> stamps = cover(e.timestampMasks, Candidates.TIMESTAMP_FORMATS, dayFirst);
        if (stamps != null) {
          return new ColumnProposal(name, "timestamp", stamps, e, false, bounds);
        }
      }
    }
    return new ColumnProposal(name, "string", List.of(), e, pseudonymize, bounds);
  }

  /**
   * The formats for a column: the first (in {@code formats}' order, day first before month first
   * with {@code dayFirst}) that reads every value, the most specific; else the fewest (greedily,
   * most values first) that together do. Null when some value fits none.
   */
  static List<String> cover(Map<Long, Long> masks, List<String> formats, boolean dayFirst) {
    if (masks.isEmpty() || masks.getOrDefault(0L, 0L) > 0) {
      return null;
    }
    List<Integer> order = order(formats, dayFirst);
    for (int f : order) {
      long bit = 1L << f;
      if (masks.keySet().stream().allMatch(m -> (m & bit) != 0)) {
        return List.of(formats.get(f));
      }
    }
    List<Long> left = new ArrayList<>(masks.keySet());
    List<String> chosen = new ArrayList<>();
    while (!left.isEmpty()) {
      int best = -1;
      long bestCount = -1;
      for (int f : order) {
        long c = 0;
        for (long m : left) {
          if ((m & (1L << f)) != 0) {
            c += masks.get(m);
          }
        }
        if (c > bestCount) {
          best = f;
          bestCount = c;
        }
      }
      long bit = 1L << best;
      chosen.add(formats.get(best));
      left.removeIf(m -> (m & bit) != 0);
    }
    return chosen;
  }

  /** The formats' indexes in order of preference: with {@code dayFirst}, d/M before its M/d. */
  private static List<Integer> order(List<String> formats, boolean dayFirst) {
    List<Integer> order = new ArrayList<>();
    for (int f = 0; f < formats.size(); f++) {
      order.add(f);
    }
    if (dayFirst) {
      for (int f = 0; f < formats.size(); f++) {
        String twin = Candidates.twin(formats.get(f));
        int t = twin == null ? -1 : formats.indexOf(twin);
        if (formats.get(f).indexOf('M') < formats.get(f).indexOf('d') && t > f) {
          order.remove(Integer.valueOf(t));
          order.add(order.indexOf(f), t);
        }
      }
    }
    return order;
  }

  private void describe(ColumnEvidence e) {
    long nullCount = total(e.nulls);
    StringBuilder line = new StringBuilder();
    line.append(String.format("%,d values", e.values));
    if (nullCount > 0) {
      line.append(String.format(", %,d null (", nullCount));
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < e.nulls.length; i++) {
        if (e.nulls[i] > 0) {
          seen.add(quote(Candidates.NULL_TOKENS.get(i)) + " x" + e.nulls[i]);
        }
      }
      line.append(String.join(", ", seen)).append(')');
    } else if (e.values > 0) {
      line.append(", no null");
    }
    line.append("; ").append(typeEvidence(e));
    evidence.add(line.toString());
    String epoch = epochHint(e);
    if (epoch != null) {
      evidence.add(epoch);
    }
    if (!e.manyDistinct && !e.distinct.isEmpty()) {
      evidence.add(
          e.distinct.size()
              + " distinct: "
              + e.distinct.entrySet().stream()
                  .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                  .limit(8)
                  .map(x -> quote(shorten(x.getKey())) + " x" + x.getValue())
                  .collect(Collectors.joining(", "))
              + (e.distinct.size() > 8 ? ", ..." : ""));
    } else if (e.manyDistinct) {
      evidence.add(
          "over "
              + ColumnEvidence.DISTINCT_CAP
              + " distinct values"
              + (e.hashes != null && e.values > 1 ? ", none repeated" : ""));
    }
    if (trim) {
      evidence.add(String.format("%,d values carry blanks around them: trimmed", e.padded));
    }
    if (pseudonymize) {
      evidence.add("pseudonymised (--pseudonymize): written as HMAC-SHA256 hex");
    }
  }

  /**
   * Integers that all read as instants from 1990 to 2100 in one epoch unit: said in a comment, as
   * streams write times so; the type stays the number's (a crawler cannot know it is a time).
   */
  private String epochHint(ColumnEvidence e) {
    if (!(type.equals("int") || type.equals("bigint")) || e.min == null || e.max == null) {
      return null;
    }
    String[] units = {"epoch_seconds", "epoch_millis", "epoch_micros"};
    java.math.BigDecimal from = java.math.BigDecimal.valueOf(631_152_000L); // 1990-01-01
    java.math.BigDecimal to = java.math.BigDecimal.valueOf(4_102_444_800L); // 2100-01-01
    for (int u = 0; u < units.length; u++) {
      java.math.BigDecimal scale = java.math.BigDecimal.TEN.pow(3 * u);
      if (e.min.compareTo(from.multiply(scale)) >= 0 && e.max.compareTo(to.multiply(scale)) < 0) {
        return "as "
            + units[u].replace('_', ' ')
            + " these are "
            + instant(e.min, scale)
            + " to "
            + instant(e.max, scale)
            + " UTC: type: timestamp, formats: ["
            + units[u]
            + "] reads them as times";
      }
    }
    return null;
  }

  private static String instant(java.math.BigDecimal v, java.math.BigDecimal unitsPerSecond) {
    long seconds = v.divideToIntegralValue(unitsPerSecond).longValue();
    return java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC)
        .toString()
        .replace('T', ' ');
  }

  private String typeEvidence(ColumnEvidence e) {
    long n = e.values;
    if (n == 0) {
      return "no value: every field null, so string";
    }
    if (type.startsWith("decimal")) {
      return "every value has "
          + e.maxScale
          + " decimals; up to "
          + e.maxIntDigits
          + " digits before the point (2 added)";
    }
    if (formats.size() > 0) {
      String also = "";
      String twin = formats.size() == 1 ? Candidates.twin(formats.get(0)) : null;
      List<String> candidates =
          type.equals("date") ? Candidates.DATE_FORMATS : Candidates.TIMESTAMP_FORMATS;
      Map<Long, Long> masks = type.equals("date") ? e.dateMasks : e.timestampMasks;
      if (twin != null && fitsAll(masks, candidates.indexOf(twin))) {
        boolean monthFirst = formats.get(0).indexOf('M') < formats.get(0).indexOf('d');
        also =
            " ("
                + twin
                + " fits too: no day above 12 seen; "
                + (monthFirst ? "month" : "day")
                + " first is a guess (--date-order "
                + (monthFirst ? "dmy" : "mdy")
                + " for the other))";
      }
      return type
          + " in "
          + formats.stream().map(f -> quote(f)).collect(Collectors.joining(", "))
          + also;
    }
    if (!type.equals("string")) {
      return type + " fits every value";
    }
    List<String> near = new ArrayList<>();
    if (e.codes > 0) {
      near.add(
          String.format(
              "%,d look numeric but are codes (leading zero, over 15 digits or a bare exponent: e.g. %s)",
              e.codes, quote(shorten(e.code))));
    }
    if (e.fits[ColumnEvidence.DOUBLE] > 0 && e.fits[ColumnEvidence.DOUBLE] < n) {
      near.add(
          String.format("a number in %.1f%% of values", 100.0 * e.fits[ColumnEvidence.DOUBLE] / n));
    }
    return near.isEmpty() ? "string" : "string: " + String.join("; ", near);
  }

  private static boolean fitsAll(Map<Long, Long> masks, int format) {
    return format >= 0
        && !masks.isEmpty()
        && masks.keySet().stream().allMatch(m -> (m & (1L << format)) != 0);
  }

  /** The column as one YAML flow mapping, its evidence as comments above it. */
  public void yaml(StringBuilder y) {
    for (String line : evidence) {
      y.append("  # ").append(line).append('\n');
    }
    y.append("  - {name: ").append(name).append(", type: ");
    y.append(type.startsWith("decimal") ? quote(type) : type);
    if (path != null) {
      y.append(", path: ").append(quote(path));
    }
    if (jsonText) {
      y.append(", json: true");
    }
    if (required) {
      y.append(", required: true");
    }
    if (!formats.isEmpty()) {
      y.append(", formats: [")
          .append(formats.stream().map(f -> quote(f)).collect(Collectors.joining(", ")))
          .append(']');
    }
    if (allowed != null) {
      y.append(", allowed: [")
          .append(allowed.stream().map(v -> quote(v)).collect(Collectors.joining(", ")))
          .append(']');
    }
    if (min != null) {
      y.append(", min: ").append(bound(min));
    }
    if (max != null) {
      y.append(", max: ").append(bound(max));
    }
    if (trim) {
      y.append(", normalize: [trim]");
    }
    if (pseudonymize) {
      y.append(", pseudonymize: true");
    }
    y.append("}\n");
  }

  /** Numbers as they are, dates and timestamps quoted. */
  private String bound(String v) {
    return type.equals("date") || type.equals("timestamp") ? quote(v) : v;
  }

  /** The column's place in a JSON record and whether it keeps JSON text ({@code json: true}). */
  public ColumnProposal json(String path, boolean text) {
    this.path = path.equals(name) ? null : path;
    this.jsonText = text;
    return this;
  }

  public String name() {
    return name;
  }

  /** The formats proposed for a date or timestamp column (none: the ISO default). */
  List<String> formats() {
    return formats;
  }

  public String type() {
    return type;
  }

  public boolean required() {
    return required;
  }

  private static long total(long[] counts) {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  private static String plain(BigDecimal d) {
    return d == null ? null : d.stripTrailingZeros().toPlainString();
  }

  private static String floor(LocalDateTime t) {
    return SECONDS.format(t.withNano(0));
  }

  private static String ceiling(LocalDateTime t) {
    return SECONDS.format(t.getNano() == 0 ? t : t.withNano(0).plusSeconds(1));
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
