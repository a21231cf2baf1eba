package io.batchkit.mr.tools;

import io.batchkit.core.io.QuarantineRecord;
import io.batchkit.core.io.RecordSplitter;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.KeyColumns;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.RawRecords;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.HmacKey;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code bench-clean-loop}: the benchmark baseline. A plain single-threaded loop over one file that
 * applies the same core rules as {@code clean} (read, validate, write clean and quarantine files,
 * optionally keep-first dedupe in memory), with no Hadoop in the way.
 */
public final class CleanLoop {
  public static final String NAME = "bench-clean-loop";
  public static final String DESCRIPTION =
      "single-threaded baseline of clean, for scripts/bench.sh (not for production use)";

  private CleanLoop() {}

  public static void main(String[] argv) throws IOException {
    Path schemaFile = null;
    Path input = null;
    Path output = null;
    boolean dedupe = false;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--schema" -> schemaFile = Path.of(argv[++i]);
        case "--input" -> input = Path.of(argv[++i]);
        case "--output" -> output = Path.of(argv[++i]);
        case "--dedupe" -> dedupe = true;
        default -> {
          System.err.println(
              "Usage: "
                  + NAME
                  + " --schema S --input FILE --output DIR [--dedupe]  ("
                  + DESCRIPTION
                  + ")");
          System.exit(argv[i].equals("--help") ? 0 : 2);
        }
      }
    }
    if (schemaFile == null || input == null || output == null) {
      System.err.println(NAME + ": --schema, --input and --output are required");
      System.exit(2);
    }
    long started = System.nanoTime();
    Schema schema = SchemaParser.parse(schemaFile);
    RawRecords records = Records.raw(schema, HmacKey.inTask(schema, new Configuration()));
    KeyColumns keys = new KeyColumns(schema);
    StringBuilder row = new StringBuilder(256);
    Map<String, Writer> writers = new HashMap<>();
    Set<String> seen = new HashSet<>();
    long read = 0;
    long clean = 0;
    long quarantined = 0;
    long duplicates = 0;
    Files.createDirectories(output);
    try (InputStream in = open(input);
        Writer quarantine = writer(output.resolve("quarantine/part"))) {
      RecordSplitter splitter = RecordSplitter.of(schema.format(), in, Integer.MAX_VALUE);
      while (splitter.next()) {
        Outcome outcome = records.read(splitter.offset(), splitter.bytes(), splitter.length());
        if (outcome == Outcome.HEADER || outcome == Outcome.BLANK) {
          continue;
        }
        read++;
        if (outcome == Outcome.INVALID) {
          quarantined++;
          quarantine.write(
              QuarantineRecord.toJson(
                  input.toString(),
                  records.line(),
                  splitter.offset(),
                  records.text(),
                  records.invalidBytes() ? splitter.bytes() : null,
                  splitter.length(),
                  records.violations()));
          quarantine.write('\n');
          continue;
        }
        if (dedupe && !seen.add(keys.text(records.values()))) {
          duplicates++;
          continue;
        }
        clean++;
        String dir = records.partitionDir();
        Writer w = writers.get(dir);
        if (w == null) {
          w = writer(output.resolve(dir.isEmpty() ? "clean/part" : "clean/" + dir + "/part"));
          writers.put(dir, w);
        }
        row.setLength(0);
        RowFormat.TEXT.append(records.values(), row);
        w.append(row);
        w.write('\n');
      }
    } finally {
      for (Writer w : writers.values()) {
        w.close();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "%s: read %d clean %d quarantined %d duplicates %d in %.2f s%n",
        NAME, read, clean, quarantined, duplicates, seconds);
  }

  private static InputStream open(Path p) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    return p.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static Writer writer(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
  }
}
