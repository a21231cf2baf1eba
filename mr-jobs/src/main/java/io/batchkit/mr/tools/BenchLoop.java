package io.batchkit.mr.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.aggregate.Aggregation;
import io.batchkit.mr.aggregate.GroupKey;
import io.batchkit.mr.aggregate.Partials;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.profile.ColumnProfile;
import io.batchkit.mr.profile.Profiler;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * {@code bench-loop}: the benchmark baseline of {@code aggregate} and {@code profile}: a plain
 * single-threaded loop over one raw CSV file doing the same computation with the same core code (a
 * hash map of groups; one profiler), no Hadoop in the way.
 */
public final class BenchLoop {
  public static final String NAME = "bench-loop";
  public static final String DESCRIPTION =
      "single-threaded baseline of aggregate and profile, for scripts/bench.sh";

  private BenchLoop() {}

  public static void main(String[] argv) throws Exception {
    Args args =
        Args.parse(
            NAME,
            argv,
            Set.of("job", "schema", "input", "output", "metrics", "group-by", "filter"),
            Set.of());
    if (args.has("help")) {
      System.out.println(
          "Usage: "
              + NAME
              + " --job aggregate|profile --schema S --input FILE[.gz] --output FILE"
              + " [--metrics M --group-by G --filter F]");
      return;
    }
    Schema schema = SchemaParser.parse(Path.of(args.required(NAME, "schema")));
    Path input = Path.of(args.required(NAME, "input"));
    Path output = Path.of(args.required(NAME, "output"));
    String job = args.required(NAME, "job");
    long t0 = System.nanoTime();
    long rows;
    if (job.equals("aggregate")) {
      rows = aggregate(schema, input, output, args);
    } else if (job.equals("profile")) {
      rows = profile(schema, input, output);
    } else {
      throw new IllegalArgumentException("--job must be aggregate or profile");
    }
    System.out.printf(
        "%s: %s: %d records in %.2f s%n", NAME, job, rows, (System.nanoTime() - t0) / 1e9);
  }

  interface RecordSink {
    void record(long offset, byte[] bytes, int length);
  }

  static long lines(Path file, RecordSink sink) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    long n = 0;
    try (InputStream s = in) {
      LineReader reader = new LineReader(s, 1 << 16);
      Text line = new Text();
      long offset = 0;
      int read;
      while ((read = reader.readLine(line)) > 0) {
        sink.record(offset, line.getBytes(), line.getLength());
        offset += read;
        n++;
      }
    }
    return n;
  }

  static long aggregate(Schema schema, Path input, Path output, Args args) throws Exception {
    Aggregation aggregation =
        Aggregation.parse(
            NAME,
            schema,
            args.required(NAME, "metrics"),
            args.all("group-by"),
            args.get("filter", null),
            null,
            false);
    Records rows = DatasetInput.records(schema, DatasetInput.Kind.RAW, new Configuration());
    Map<GroupKey, Partials> groups = new HashMap<>();
    long n =
        lines(
            input,
            (offset, bytes, length) -> {
              if (rows.read(offset, bytes, length) != Outcome.VALID) {
                return;
              }
              Object[] row = rows.values();
              if (aggregation.accepts(row)) {
                GroupKey group = aggregation.group(row);
                Partials p = groups.get(group);
                if (p == null) {
                  p = new Partials(aggregation.metrics());
                  groups.put(group.copy(), p);
                }
                p.add(row, aggregation.metrics());
              }
            });
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      Map<String, Partials> byText = new TreeMap<>();
      for (Map.Entry<GroupKey, Partials> e : groups.entrySet()) {
        byText.merge(
            aggregation.key(e.getKey()),
            e.getValue(),
            (a, b) -> {
              a.merge(b);
              return a;
            });
      }
      for (Map.Entry<String, Partials> e : byText.entrySet()) {
        w.write(aggregation.result(e.getKey(), e.getValue()));
        w.write('\n');
      }
    }
    return n;
  }

  static long profile(Schema schema, Path input, Path output) throws Exception {
    Profiler profiler = new Profiler(schema, DatasetInput.Kind.RAW, new Configuration());
    long n = lines(input, profiler::record);
    List<Map<String, Object>> columns = new ArrayList<>();
    ColumnProfile[] cs = profiler.columns();
    for (int i = 0; i < cs.length; i++) {
      columns.add(cs[i].summary(schema.columns().get(i).name()));
    }
    new ObjectMapper().writeValue(output.toFile(), Map.of("columns", columns));
    return n;
  }
}
