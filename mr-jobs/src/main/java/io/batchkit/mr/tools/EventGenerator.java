package io.batchkit.mr.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * {@code generate-events}: a day of a stream as Kinesis Data Firehose lands it for {@code
 * examples/events.yaml}: one gzipped object a minute under {@code YYYY/MM/DD/HH/} prefixes, JSON
 * records back to back with nothing between them (or one per line with {@code --newlines}). Every
 * dirty record breaks exactly one rule, one file is truncated, and the generator keeps its own
 * ledger ({@code --expect}), overall and per hour, so that tests and the demo reconcile the jobs'
 * counts with numbers that did not come from the jobs.
 */
public final class EventGenerator {
  public static final String NAME = "generate-events";
  public static final String DESCRIPTION =
      "write a Firehose-style landing of dirty gzipped JSON events (for the demo, tests and benchmarks)";

  private static final DateTimeFormatter PREFIX =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter OBJECT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.US).withZone(ZoneOffset.UTC);
  private static final String[] TYPES = {"page_view", "search", "add_to_cart", "purchase"};
  private static final String[] OS = {"ios", "android", "web"};
  private static final String[] COUNTRIES = {"NO", "SE", "DE", "FR", "US", "BR", "JP"};

  private final Random random;
  private final boolean newlines;
  private long sequence;
  private String lastClean;
  private boolean ledgered;
  private boolean dirt = true;

  /** Ledger: per rule and column, and per hour prefix {read, quarantined, duplicates}. */
  private final Map<String, Long> byRule = new TreeMap<>();

  private final Map<String, long[]> byHour = new TreeMap<>();
  private String truncated;
  private long truncatedRecords;

  EventGenerator(long seed, boolean newlines) {
    this.random = new Random(seed);
    this.newlines = newlines;
  }

  public static void main(String[] argv) throws IOException {
    int files = 1440;
    int perFile = 100;
    long seed = 42;
    boolean newlines = false;
    boolean truncate = true;
    boolean dirty = true;
    LocalDate start = LocalDate.of(2024, 1, 1);
    Path output = null;
    Path expect = null;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--files" -> files = Integer.parseInt(argv[++i].replace("_", ""));
        case "--events-per-file" -> perFile = Integer.parseInt(argv[++i].replace("_", ""));
        case "--seed" -> seed = Long.parseLong(argv[++i]);
        case "--start" -> start = LocalDate.parse(argv[++i]);
        case "--output" -> output = Path.of(argv[++i]);
        case "--expect" -> expect = Path.of(argv[++i]);
        case "--newlines" -> newlines = true;
        case "--no-truncated" -> truncate = false;
        case "--no-dirt" -> dirty = false;
        case "-h", "--help" -> {
          System.out.println(
              "Usage: generate-events --output DIR [--files N (1440)] [--events-per-file M (100)]\n"
                  + "                       [--start YYYY-MM-DD (2024-01-01)] [--seed S (42)]\n"
                  + "                       [--newlines] [--no-truncated] [--no-dirt] [--expect FILE.json]\n"
                  + "  Writes N gzipped files, one a minute from 00:00 UTC of --start, under\n"
                  + "  DIR/YYYY/MM/DD/HH/, each of M JSON events for examples/events.yaml, back to\n"
                  + "  back as Kinesis Data Firehose writes them (--newlines: one per line). About\n"
                  + "  1 in 16 events breaks one rule, 1 in 100 is a resent duplicate, and the\n"
                  + "  middle file is truncated (--no-truncated: none; --no-dirt: no dirt at all,\n"
                  + "  for infer). --expect writes the\n"
                  + "  generator's own ledger: records, quarantined by rule and column, duplicates,\n"
                  + "  the truncated file, and the same per hour.");
          return;
        }
        default -> GeneratorArgs.unknown(NAME, argv[i]);
      }
    }
    GeneratorArgs.requireOutput(NAME, output);
    EventGenerator g = new EventGenerator(seed, newlines);
    g.dirt = dirty;
    truncate &= dirty;
    Instant first = start.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int f = 0; f < files; f++) {
      g.file(output, first.plusSeconds(60L * f), perFile, truncate && f == files / 2);
    }
    if (expect != null) {
      Files.writeString(expect, g.ledger());
    }
  }

  /** One minute's object; a truncated one keeps its gzip header and nothing a reader can decode. */
  void file(Path root, Instant minute, int events, boolean truncate) throws IOException {
    String hour = PREFIX.format(minute);
    String name =
        "events-1-" + OBJECT.format(minute) + "-" + Long.toHexString(random.nextLong()) + ".gz";
    Path file = root.resolve(hour).resolve(name);
    Files.createDirectories(file.getParent());
    String kept = lastClean;
    long[] hourCounts = byHour.computeIfAbsent(hour, h -> new long[3]);
    long[] counts = truncate ? new long[3] : hourCounts;
    ledgered = !truncate;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < events; i++) {
        gz.write(event(minute, counts).getBytes(StandardCharsets.UTF_8));
        if (newlines) {
          gz.write('\n');
        }
      }
    }
    byte[] data = bytes.toByteArray();
    if (truncate) {
      // The events never reach a reader: the ledger counts none of them, and none is resent.
      data = Arrays.copyOf(data, 12);
      lastClean = kept;
      truncated = root.relativize(file).toString();
      truncatedRecords = events;
    }
    Files.write(file, data);
  }

  /** One event's JSON; {@code counts} {read, quarantined, duplicates} of its hour. */
  private String event(Instant minute, long[] counts) {
    counts[0]++;
    int roll = dirt ? random.nextInt(1000) : 999;
    if (roll < 10 && lastClean != null) {
      counts[2]++;
      return lastClean; // resent by the producer: the same bytes
    }
    String id = String.format(Locale.ROOT, "e-%09d", ++sequence);
    String type = TYPES[random.nextInt(TYPES.length)];
    Instant at = minute.plusMillis(random.nextInt(60_000));
    String user = "u-" + random.nextInt(50_000);
    String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
    String os = OS[random.nextInt(OS.length)];
    String amount =
        type.equals("purchase")
            ? String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(300), random.nextInt(100))
            : null;
    int sessionMs = random.nextInt(3_600_000);
    String items = items(type);
    String rule = null;
    String column = null;
    String idField = "\"event_id\":\"" + id + "\"";
    String atField = "\"occurred_at\":\"" + at + "\"";
    String userField = ",\"user\":{\"id\":\"" + user + "\",\"country\":\"" + country + "\"}";
    String amountField = amount == null ? "" : ",\"amount\":" + amount;
    String sessionField = ",\"session_ms\":" + sessionMs;
    String tail = "";
    if (roll < 12) {
      idField = "\"event\":\"" + id + "\"";
      rule = "required event_id";
    } else if (roll < 16) {
      userField = ",\"user\":{\"country\":\"" + country + "\"}";
      rule = "required user_id";
    } else if (roll < 20) {
      type = "unknown";
      rule = "allowed event_type";
    } else if (roll < 24) {
      userField = ",\"user\":{\"id\":\"" + user + "\",\"country\":\"norway\"}";
      rule = "pattern user_country";
    } else if (roll < 30) {
      amountField = ",\"amount\":\"" + (amount == null ? "9.99" : amount) + "\"";
      rule = "type amount";
    } else if (roll < 33) {
      atField = "\"occurred_at\":" + at.toEpochMilli();
      rule = "type occurred_at";
    } else if (roll < 37) {
      sessionField = ",\"session_ms\":-" + (1 + sessionMs);
      rule = "min session_ms";
    } else if (roll < 40) {
      atField = "\"occurred_at\":\"" + at.toString().substring(0, 10) + "T24:30:00Z\"";
      rule = "type occurred_at";
    } else if (roll < 48) {
      tail = ","; // a trailing comma: not JSON, but its braces still balance
      rule = "malformed *";
    } else if (roll < 52) {
      amountField = ",\"amount\":-" + (amount == null ? "1.00" : amount);
      rule = "min amount";
    } else if (roll < 60) {
      tail = ",\"client\":{\"v\":\"2.1\",\"flags\":[1,2]}"; // a field no column reads: clean
    }
    String json =
        "{"
            + idField
            + ",\"event_type\":\""
            + type
            + "\","
            + atField
            + userField
            + ",\"device\":{\"os\":\""
            + os
            + "\"}"
            + amountField
            + sessionField
            + ",\"items\":"
            + items
            + tail
            + "}";
    if (rule != null) {
      counts[1]++;
      if (ledgered) {
        byRule.merge(rule, 1L, Long::sum);
      }
    } else {
      lastClean = json;
    }
    return json;
  }

  private String items(String type) {
    if (type.equals("page_view") || type.equals("search")) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      sb.append(sb.length() > 1 ? "," : "");
      sb.append("{\"sku\":\"SKU-").append(100 + random.nextInt(900));
      sb.append("\",\"qty\":").append(1 + random.nextInt(4)).append('}');
    }
    return sb.append(']').toString();
  }

  String ledger() {
    long records = 0;
    long quarantined = 0;
    long duplicates = 0;
    for (long[] c : byHour.values()) {
      records += c[0];
      quarantined += c[1];
      duplicates += c[2];
    }
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"records\": ").append(records).append(",\n");
    sb.append("  \"quarantined\": ").append(quarantined).append(",\n");
    sb.append("  \"duplicates\": ").append(duplicates).append(",\n");
    sb.append("  \"clean_with_dedupe\": ").append(records - quarantined - duplicates).append(",\n");
    sb.append("  \"truncated_file\": ")
        .append(truncated == null ? "null" : "\"" + truncated + "\"")
        .append(",\n");
    sb.append("  \"truncated_records\": ").append(truncatedRecords).append(",\n");
    sb.append("  \"by_rule_column\": {");
    String sep = "\n";
    for (Map.Entry<String, Long> e : byRule.entrySet()) {
      sb.append(sep).append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
      sep = ",\n";
    }
    sb.append("\n  },\n  \"by_hour\": {");
    sep = "\n";
    for (Map.Entry<String, long[]> e : byHour.entrySet()) {
      long[] c = e.getValue();
      sb.append(sep).append("    \"").append(e.getKey()).append("\": {\"records\": ").append(c[0]);
      sb.append(", \"quarantined\": ").append(c[1]).append(", \"duplicates\": ").append(c[2]);
      sb.append('}');
      sep = ",\n";
    }
    sb.append("\n  }\n}\n");
    return sb.toString();
  }
}
