package io.batchkit.mr.tools;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * {@code generate-trips}: a deterministic sample of NYC-taxi-like trips for {@code
 * examples/trips.yaml}, with realistic dirt. Every dirty row breaks exactly one rule, and the
 * generator keeps its own ledger of what it injected ({@code --expect}), so tests and the demo can
 * check the clean job's counts against numbers that did not come from the clean job.
 */
public final class TripGenerator {
  public static final String NAME = "generate-trips";
  public static final String DESCRIPTION =
      "write a deterministic sample of dirty taxi-trip CSV (for the demo, tests and benchmarks)";

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US);
  private static final DateTimeFormatter US =
      DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);

  /** Rows are 5 s apart (plus jitter below 5 s): keys never collide by accident. */
  private static final long STEP_SECONDS = 5;

  private static final Instant START = Instant.parse("2024-01-01T05:00:00Z");

  /**
   * The first pickup (--start DAY: 05:00 UTC of that day), and a column written empty (--blank).
   */
  private Instant start = START;

  private int blank = -1;

  /** A column appended to every row (--add-column), from its own random stream. */
  private String added;

  private Random tips;

  /** The columns in another order (--column-order): output position -> column index. */
  private int[] order;

  private static final String HEADER =
      "vendor_id,pickup_at,dropoff_at,passenger_count,trip_distance,pu_zone,do_zone,fare,store_and_fwd_flag,note,rate_code";

  private final Random random;

  /** Rate codes come from their own stream, so adding them left every other value as it was. */
  private final Random rates;

  private final Map<String, Long> expected = new TreeMap<>();
  private long quarantined;
  private long duplicates;
  private String[] lastClean;

  TripGenerator(long seed) {
    this.random = new Random(seed);
    this.rates = new Random(~seed);
  }

  public static void main(String[] argv) throws IOException {
    long rows = 200_000;
    long seed = 42;
    java.time.LocalDate start = null;
    int blank = -1;
    String blankName = null;
    Path output = null;
    Path expect = null;
    Path zones = null;
    String added = null;
    String order = null;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--rows" -> rows = Long.parseLong(argv[++i].replace("_", ""));
        case "--seed" -> seed = Long.parseLong(argv[++i]);
        case "--output" -> output = Path.of(argv[++i]);
        case "--expect" -> expect = Path.of(argv[++i]);
        case "--zones" -> zones = Path.of(argv[++i]);
        case "--start" -> start = java.time.LocalDate.parse(argv[++i]);
        case "--add-column" -> added = argv[++i];
        case "--column-order" -> order = argv[++i];
        case "--blank" -> {
          blankName = argv[++i];
          blank = java.util.List.of(HEADER.split(",")).indexOf(blankName);
        }
        case "-h", "--help" -> {
          System.out.println(
              "Usage: generate-trips --output FILE[.gz] [--rows N (200000)] [--seed S (42)] [--expect FILE.json]\n"
                  + "                      [--zones FILE.csv] [--start YYYY-MM-DD] [--blank COLUMN]\n"
                  + "                      [--add-column NAME] [--column-order a,b,...]\n"
                  + "  Writes N data rows (plus a header) for examples/trips.yaml; --expect writes the\n"
                  + "  generator's own ledger: rows, quarantined by rule and column, duplicates.\n"
                  + "  --zones writes a zone lookup for examples/zones.yaml (zones 1.."
                  + ZONES_IN_LOOKUP
                  + "; trips also use\n  zones up to 265, so a join has unmatched rows).\n"
                  + "  --start: the first pickup is at 05:00 UTC of that day (default 2024-01-01).\n"
                  + "  --blank: write that column empty in every row, a broken feed (the --expect\n"
                  + "  ledger does not account for it).\n"
                  + "  --add-column: a feed that grew a column: NAME at the end, a tip amount (some empty).\n"
                  + "  --column-order: the header's columns in this order (all of them, by name):\n"
                  + "  the same rows, as a feed that moved its columns writes them.");
          return;
        }
        default -> GeneratorArgs.unknown(NAME, argv[i]);
      }
    }
    GeneratorArgs.requireOutput(NAME, output);
    if (zones != null) {
      writeZones(zones);
    }
    if (blank < 0 && blankName != null) {
      System.err.println(NAME + ": --blank " + blankName + ": no such column (" + HEADER + ")");
      System.exit(2);
    }
    TripGenerator g = new TripGenerator(seed);
    if (start != null) {
      g.start = start.atTime(5, 0).toInstant(java.time.ZoneOffset.UTC);
    }
    g.blank = blank;
    if (added != null) {
      g.added = added;
      g.tips = new Random(seed * 31 + 7);
    }
    if (order != null && !g.order(order)) {
      System.err.println(
          NAME + ": --column-order " + order + ": name every column once (" + g.header() + ")");
      System.exit(2);
    }
    g.write(output, rows);
    if (expect != null) {
      Files.writeString(expect, g.ledger(rows));
    }
  }

  /** The zone lookup has zones 1..263; trips use 1..265 (264 and 265 are NYC's "unknown"). */
  public static final int ZONES_IN_LOOKUP = 263;

  static final String[] BOROUGHS = {
    "Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island", "EWR"
  };

  /** zone_id,borough,zone_name: the borough of zone z is BOROUGHS[z % 6]. */
  static void writeZones(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("zone_id,borough,zone_name\n");
    for (int z = 1; z <= ZONES_IN_LOOKUP; z++) {
      sb.append(z).append(',').append(BOROUGHS[z % BOROUGHS.length]);
      sb.append(",\"Zone ").append(z).append(", ").append(BOROUGHS[z % BOROUGHS.length]);
      sb.append("\"\n");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, sb);
  }

  /** The header's columns, with the added one. */
  private String header() {
    return added == null ? HEADER : HEADER + "," + added;
  }

  /** Takes --column-order; false unless it names every column once. */
  private boolean order(String names) {
    List<String> columns = List.of(header().split(","));
    List<String> wanted = List.of(names.split(","));
    if (wanted.size() != columns.size() || !new java.util.HashSet<>(wanted).containsAll(columns)) {
      return false;
    }
    order = wanted.stream().mapToInt(columns::indexOf).toArray();
    return true;
  }

  void write(Path file, long rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    if (file.toString().endsWith(".gz")) {
      os = new GZIPOutputStream(os, 1 << 16);
    }
    try (OutputStream out = os;
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write(String.join(",", shape(header().split(","), true)));
      w.write('\n');
      for (long i = 0; i < rows; i++) {
        row(i, w, out);
      }
    }
  }

  private void row(long i, Writer w, OutputStream raw) throws IOException {
    Instant pickup = start.plusSeconds(i * STEP_SECONDS + random.nextInt((int) STEP_SECONDS));
    LocalDateTime local = LocalDateTime.ofInstant(pickup, NEW_YORK);
    int minutes = 3 + random.nextInt(40);
    String[] f = new String[11];
    f[0] = random.nextInt(3) == 0 ? "2" : "1";
    f[1] = random.nextInt(5) == 0 ? US.format(local) : ISO.format(local);
    f[2] = ISO.format(local.plusMinutes(minutes));
    f[3] = random.nextInt(50) == 0 ? "NA" : Integer.toString(1 + random.nextInt(4));
    f[4] = String.format(Locale.ROOT, "%.2f", 0.3 + minutes * 0.31 * random.nextDouble());
    f[5] = Integer.toString(1 + random.nextInt(265));
    f[6] = Integer.toString(1 + random.nextInt(265));
    f[7] = String.format(Locale.ROOT, "%d.%02d", 3 + minutes * 2, random.nextInt(100));
    f[8] =
        switch (random.nextInt(20)) {
          case 0 -> " y ";
          case 1 -> "Y";
          case 2 -> "";
          default -> "N";
        };
    f[9] =
        switch (random.nextInt(25)) {
          case 0 -> "Airport run, 2 bags";
          case 1 -> "He said \"take the bridge\"";
          case 2 -> "  extra   spaces  ";
          default -> "";
        };
    f[10] = rateCode(rates.nextInt(1000));
    int roll = random.nextInt(1000);
    String rule = null;
    String column = null;
    if (roll < 10 && lastClean != null) {
      f = lastClean.clone();
      f[9] = "resent by meter";
      duplicates++;
      writeRow(f, w);
      return;
    } else if (roll < 15) {
      f[0] = "";
      rule = "required";
      column = "vendor_id";
    } else if (roll < 18) {
      f[0] = "3";
      rule = "allowed";
      column = "vendor_id";
    } else if (roll < 21) {
      f[1] = "2024-02-30 10:00:00";
      rule = "type";
      column = "pickup_at";
    } else if (roll < 22) {
      f[1] = "yesterday";
      rule = "type";
      column = "pickup_at";
    } else if (roll < 24) {
      f[1] =
          String.format(
              Locale.ROOT, "2024-03-10 02:%02d:%02d", random.nextInt(60), random.nextInt(60));
      rule = "nonexistent_time";
      column = "pickup_at";
    } else if (roll < 27) {
      f[1] = "1999-12-31 23:59:59";
      rule = "min";
      column = "pickup_at";
    } else if (roll < 32) {
      f[7] = "-" + f[7];
      rule = "min";
      column = "fare";
    } else if (roll < 36) {
      f[3] = "12";
      rule = "max";
      column = "passenger_count";
    } else if (roll < 38) {
      f[3] = "-1";
      rule = "min";
      column = "passenger_count";
    } else if (roll < 41) {
      f[7] = f[7] + "5";
      rule = "scale";
      column = "fare";
    } else if (roll < 42) {
      f[7] = "twelve";
      rule = "type";
      column = "fare";
    } else if (roll < 44) {
      f[8] = "X";
      rule = "allowed";
      column = "store_and_fwd_flag";
    } else if (roll < 46) {
      f[9] = "long ".repeat(50);
      rule = "max_length";
      column = "note";
    } else if (roll < 49) {
      f = java.util.Arrays.copyOf(f, random.nextBoolean() ? 10 : 12);
      if (f[f.length - 1] == null) {
        f[f.length - 1] = "extra";
      }
      rule = "field_count";
      column = "*";
    } else if (roll < 50) {
      f[9] = "\"quoted\"then text";
      rule = "malformed";
      column = "*";
    } else if (roll < 51) {
      rule = "encoding";
      column = "*";
    }
    if (rule != null) {
      quarantined++;
      expected.merge(rule + " " + column, 1L, Long::sum);
    } else {
      lastClean = f;
    }
    if ("encoding".equals(rule)) {
      f[9] = "caf";
      writeFields(f, w);
      w.flush();
      raw.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // 0xC3 must be followed by 0x80..0xBF
      w.write('\n');
      return;
    }
    writeRow(f, w);
  }

  /** About as often as in the TLC's own trip records: mostly standard, some airport, a few 99. */
  private static String rateCode(int roll) {
    if (roll < 930) {
      return "1"; // standard
    } else if (roll < 960) {
      return "2"; // JFK
    } else if (roll < 965) {
      return "3"; // Newark
    } else if (roll < 970) {
      return "4"; // Nassau or Westchester
    } else if (roll < 990) {
      return "5"; // negotiated
    } else if (roll < 992) {
      return "6"; // group ride
    }
    return "99"; // unknown
  }

  private void writeRow(String[] f, Writer w) throws IOException {
    writeFields(f, w);
    w.write('\n');
  }

  /**
   * A row as the feed writes it: --blank's column empty, --add-column's value at the end, the
   * columns in --column-order. A row of another width (field_count dirt) keeps its order, and so
   * its wrong width.
   */
  private String[] shape(String[] row, boolean header) {
    String[] f = row.clone();
    if (!header && blank >= 0 && blank < f.length) {
      f[blank] = "";
    }
    if (added != null && !header) {
      int tip = tips.nextInt(1500);
      f = java.util.Arrays.copyOf(f, f.length + 1);
      f[f.length - 1] =
          tip % 8 == 0 ? "" : String.format(Locale.ROOT, "%d.%02d", tip / 100, tip % 100);
    }
    if (order == null || f.length != order.length) {
      return f;
    }
    String[] moved = new String[f.length];
    for (int i = 0; i < order.length; i++) {
      moved[i] = f[order[i]];
    }
    return moved;
  }

  private void writeFields(String[] row, Writer w) throws IOException {
    String[] f = shape(row, false);
    for (int i = 0; i < f.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      String v = f[i];
      if (v.indexOf(',') >= 0 || (v.indexOf('"') >= 0 && !v.startsWith("\"quoted\""))) {
        w.write('"');
        w.write(v.replace("\"", "\"\""));
        w.write('"');
      } else {
        w.write(v);
      }
    }
  }

  String ledger(long rows) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"rows\": ").append(rows).append(",\n");
    sb.append("  \"quarantined\": ").append(quarantined).append(",\n");
    sb.append("  \"duplicates\": ").append(duplicates).append(",\n");
    sb.append("  \"valid\": ").append(rows - quarantined).append(",\n");
    sb.append("  \"clean_with_dedupe\": ").append(rows - quarantined - duplicates).append(",\n");
    sb.append("  \"by_rule_column\": {");
    String sep = "\n";
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      sb.append(sep).append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
      sep = ",\n";
    }
    sb.append("\n  }\n}\n");
    return sb.toString();
  }
}
