package io.batchkit.mr.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code generate-tickets}: parking-ticket-like CSV for {@code infer} and the Glue-lab pipeline, as
 * a city's open-data export looks: a header with spaces and {@code $}, every column type, four date
 * and timestamp formats, codes that look numeric (leading zeros, hex, 18-digit accounts), null
 * tokens, padded values and a few notes with quoted line breaks. Deterministic for a seed; the
 * tests know each column's type from here.
 */
public final class TicketGenerator {
  public static final String NAME = "generate-tickets";
  public static final String DESCRIPTION =
      "write deterministic parking-ticket-like CSV (for infer, the Glue-lab example and tests)";

  public static final String HEADER =
      "Ticket Number,Name,Address,Plate,State,Infraction Code,Issue Date,Issued At,Fine $,Paid,"
          + "Zip,Meter Id,Account,Latitude,Device Seq,Hearing Date,Posted,Logged At,Notes";

  /** One in this many records has a note with a line break inside quotes. */
  public static final int MULTILINE_EVERY = 250;

  static final List<String> STATES = List.of("NY", "NJ", "CT", "PA");
  static final List<String> CODES = List.of("014", "021", "038", "046", "069", "071");
  static final List<String> FIRST = List.of("Ana", "Ben", "Chloe", "Dev", "Emil", "Fatima", "Gus");
  static final List<String> LAST = List.of("Smith", "Okafor", "Nguyen", "Garcia", "Kowalski");
  static final List<String> STREETS =
      List.of("Main St", "Broadway", "5th Ave", "Elm St", "Canal St");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final DateTimeFormatter US_TIME =
      DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
  private static final DateTimeFormatter EURO = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter POSTED =
      DateTimeFormatter.ofPattern("MMM dd yyyy", Locale.US);
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TicketGenerator() {}

  public static void main(String[] argv) throws IOException {
    long rows = 10_000;
    int files = 1;
    long seed = 7;
    Path output = null;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--rows" -> rows = Long.parseLong(argv[++i].replace("_", ""));
        case "--files" -> files = Integer.parseInt(argv[++i]);
        case "--seed" -> seed = Long.parseLong(argv[++i]);
        case "--output" -> output = Path.of(argv[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "Usage: generate-tickets --output DIR [--rows N (10000)] [--files F (1)] [--seed S (7)]\n"
                  + "  Writes N parking-ticket-like records over F files DIR/tickets-K.csv.");
          return;
        }
        default -> {
          System.err.println("generate-tickets: unknown option " + argv[i] + " (see --help)");
          System.exit(2);
        }
      }
    }
    if (output == null) {
      System.err.println("generate-tickets: --output DIR is required");
      System.exit(2);
    }
    write(output, rows, files, seed);
    System.out.println("generate-tickets: wrote " + rows + " records to " + output);
  }

  /** Writes {@code rows} records over {@code files} files {@code dir/tickets-K.csv}. */
  public static void write(Path dir, long rows, int files, long seed) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(seed);
    long per = (rows + files - 1) / files;
    long n = 0;
    for (int f = 1; f <= files; f++) {
      try (Writer w =
          new BufferedWriter(
              Files.newBufferedWriter(
                  dir.resolve("tickets-" + f + ".csv"), StandardCharsets.UTF_8))) {
        w.write(HEADER);
        w.write("\r\n");
        for (long i = 0; i < per && n < rows; i++, n++) {
          w.write(record(n, r));
          w.write("\r\n");
        }
      }
    }
  }

  static String record(long n, Random r) {
    LocalDate day = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(366));
    LocalDateTime at = day.atStartOfDay().plusSeconds(r.nextInt(86_400));
    String name = pick(FIRST, r) + " " + pick(LAST, r);
    String address = (1 + r.nextInt(999)) + " " + pick(STREETS, r);
    String plate =
        ""
            + (char) ('A' + r.nextInt(26))
            + (char) ('A' + r.nextInt(26))
            + (char) ('A' + r.nextInt(26))
            + (1000 + r.nextInt(9000));
    String state = pick(STATES, r);
    String notes;
    int kind = r.nextInt(10);
    if (n % MULTILINE_EVERY == 7) {
      notes = "\"towed, see report\nowner notified\"";
    } else if (kind < 6) {
      notes = kind < 4 ? "" : "NA";
    } else {
      notes =
          kind < 8
              ? "\"blocking hydrant " + r.nextInt(100) + ", \"\"urgent\"\"\""
              : "meter " + r.nextInt(1000) + " broken";
    }
    return String.join(
        ",",
        Long.toString(100_000 + n),
        name,
        r.nextInt(20) == 0 ? " " + address + " " : address,
        plate,
        r.nextInt(25) == 0 ? state + " " : state,
        pick(CODES, r),
        US_DATE.format(day),
        US_TIME.format(at),
        String.format(Locale.ROOT, "%d.%02d", 35 + r.nextInt(80), r.nextInt(4) * 25),
        r.nextBoolean() ? "true" : "false",
        String.format("%05d", r.nextInt(99_999)),
        String.format("%06X", r.nextInt(0x1000000)),
        Long.toString(100_000_000_000_000_000L + (long) (r.nextDouble() * 8e17)),
        Double.toString(40.5 + r.nextInt(50_000) / 100_000.0),
        Long.toString(3_000_000_000L + n * 7),
        r.nextInt(8) == 0 ? "NA" : EURO.format(day.plusDays(30 + r.nextInt(60))),
        POSTED.format(day.plusDays(1)),
        ISO.format(at.plusMinutes(r.nextInt(120))),
        notes);
  }

  private static String pick(List<String> from, Random r) {
    return from.get(r.nextInt(from.size()));
  }
}
