package io.batchkit.mr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.tools.TripGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Generated trips, cleaned once per test JVM, as the input of the jobs after {@code clean}; and a
 * reader of Hive text rows written for the tests only (a second, simple implementation).
 */
public final class Trips {
  public static final Path SCHEMA = Path.of("../examples/trips.yaml").toAbsolutePath();
  public static final Path ZONES_SCHEMA = Path.of("../examples/zones.yaml").toAbsolutePath();
  public static final ObjectMapper JSON = new ObjectMapper();

  // trips.csv columns, by index
  public static final int VENDOR = 0;
  public static final int PICKUP = 1;
  public static final int PASSENGERS = 3;
  public static final int DISTANCE = 4;
  public static final int PU_ZONE = 5;
  public static final int FARE = 7;

  private static Path cached;

  private Trips() {}

  /** A directory with trips.csv (3000 rows, seed 5), zones.csv and clean/ (clean --dedupe). */
  public static synchronized Path cleaned() throws Exception {
    if (cached == null) {
      // Under target/, as the mini-cluster's: a temporary directory outlived every test JVM
      // (deleteOnExit leaves a directory that is not empty).
      Path parent = Files.createDirectories(Path.of("target/test").toAbsolutePath());
      Path dir = Files.createTempDirectory(parent, "trips");
      TripGenerator.main(
          new String[] {
            "--rows",
            "3000",
            "--seed",
            "5",
            "--output",
            dir.resolve("trips.csv").toString(),
            "--expect",
            dir.resolve("expect.json").toString(),
            "--zones",
            dir.resolve("zones.csv").toString()
          });
      JobRun r =
          JobRun.run(
              JobRun.local(),
              CleanJob::new,
              "--schema",
              SCHEMA.toString(),
              "--input",
              dir.resolve("trips.csv").toString(),
              "--output",
              dir.resolve("clean").toString(),
              "--dedupe");
      assertEquals(0, r.exit(), r.err());
      cached = dir;
    }
    return cached;
  }

  public static Configuration conf() {
    return JobRun.local();
  }

  public static JsonNode manifest(Path out) throws Exception {
    return JSON.readTree(out.resolve("_MANIFEST.json").toFile());
  }

  /** Every row under a dataset's data directory, split into fields (\N as null). */
  public static List<String[]> rows(Path dataDir) {
    List<String[]> out = new ArrayList<>();
    for (String line : OutputFiles.lines(dataDir)) {
      out.add(split(line));
    }
    return out;
  }

  /** Hive text fields: tab-separated, backslash escapes, \N alone is null. */
  public static String[] split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean nullField = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(++i);
        if (n == 'N' && f.length() == 0 && (i + 1 == line.length() || line.charAt(i + 1) == '\t')) {
          nullField = true;
        } else {
          f.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
        }
      } else if (c == '\t') {
        fields.add(nullField ? null : f.toString());
        f.setLength(0);
        nullField = false;
      } else {
        f.append(c);
      }
    }
    fields.add(nullField ? null : f.toString());
    return fields.toArray(new String[0]);
  }
}
