package io.batchkit.mr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapred.RawKeyValueIterator;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.map.WrappedMapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.WrappedReducer;
import org.apache.hadoop.mapreduce.task.MapContextImpl;
import org.apache.hadoop.mapreduce.task.ReduceContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Runs one real Mapper or Reducer in-process, MRUnit style: in-memory input, the records it emits,
 * the files it writes (through MultipleOutputs and the real output committer, under a temporary
 * directory) and its counters. Reducer input is sorted and grouped with the job's own raw
 * comparators, as the shuffle would.
 */
public final class TaskHarness {

  /** What a task produced. */
  public record Result<K, V>(
      List<Map.Entry<K, V>> emitted, Map<String, List<String>> files, Counters counters) {
    public long counter(Enum<?> name) {
      return counters.findCounter(name).getValue();
    }

    public long counter(String group, String name) {
      return counters.findCounter(group, name).getValue();
    }

    /** Lines of the output files whose path (relative to the task's work dir) starts so. */
    public List<String> lines(String prefix) {
      List<String> out = new ArrayList<>();
      files.forEach(
          (path, lines) -> {
            if (path.startsWith(prefix)) {
              out.addAll(lines);
            }
          });
      return out;
    }
  }

  private TaskHarness() {}

  public static <KI, VI, KO, VO> Result<KO, VO> runMapper(
      Mapper<KI, VI, KO, VO> mapper,
      Configuration conf,
      InputSplit split,
      List<Map.Entry<KI, VI>> input,
      Path outputDir)
      throws IOException, InterruptedException {
    conf.set(FileOutputFormat.OUTDIR, outputDir.toUri().toString());
    TaskAttemptID id = new TaskAttemptID("harness", 1, TaskType.MAP, 0, 0);
    Capture<KO, VO> writer = new Capture<>(conf);
    Reporter reporter = new Reporter();
    MapContextImpl<KI, VI, KO, VO> ctx =
        new MapContextImpl<>(
            conf,
            id,
            new ListReader<>(input),
            writer,
            committer(conf, id, outputDir),
            reporter,
            split);
    mapper.run(new WrappedMapper<KI, VI, KO, VO>().getMapContext(ctx));
    return new Result<>(writer.records, files(outputDir), reporter.counters);
  }

  public static <KI extends Writable, VI extends Writable, KO, VO> Result<KO, VO> runReducer(
      Reducer<KI, VI, KO, VO> reducer,
      Configuration conf,
      List<Map.Entry<KI, VI>> input,
      RawComparator<KI> sort,
      RawComparator<KI> group,
      Class<KI> keyClass,
      Class<VI> valueClass,
      Path outputDir)
      throws IOException, InterruptedException {
    conf.set(FileOutputFormat.OUTDIR, outputDir.toUri().toString());
    TaskAttemptID id = new TaskAttemptID("harness", 1, TaskType.REDUCE, 0, 0);
    List<byte[][]> serialized = new ArrayList<>();
    for (Map.Entry<KI, VI> e : input) {
      serialized.add(new byte[][] {bytes(e.getKey()), bytes(e.getValue())});
    }
    serialized.sort((a, b) -> sort.compare(a[0], 0, a[0].length, b[0], 0, b[0].length));
    Capture<KO, VO> writer = new Capture<>(conf);
    Reporter reporter = new Reporter();
    Counter keys = reporter.counters.findCounter("harness", "keys");
    Counter values = reporter.counters.findCounter("harness", "values");
    ReduceContextImpl<KI, VI, KO, VO> ctx =
        new ReduceContextImpl<>(
            conf,
            id,
            new ListIterator(serialized),
            keys,
            values,
            writer,
            committer(conf, id, outputDir),
            reporter,
            group,
            keyClass,
            valueClass);
    reducer.run(new WrappedReducer<KI, VI, KO, VO>().getReducerContext(ctx));
    return new Result<>(writer.records, files(outputDir), reporter.counters);
  }

  private static FileOutputCommitter committer(Configuration conf, TaskAttemptID id, Path dir)
      throws IOException {
    TaskAttemptContext tac = new TaskAttemptContextImpl(conf, id);
    return new FileOutputCommitter(new org.apache.hadoop.fs.Path(dir.toUri()), tac);
  }

  private static byte[] bytes(Writable w) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    w.write(out);
    return java.util.Arrays.copyOf(out.getData(), out.getLength());
  }

  /** Every file under the task's work directory, keyed by its path relative to that directory. */
  private static Map<String, List<String>> files(Path outputDir) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    if (!Files.exists(outputDir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(outputDir)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.naturalOrder())
          .forEach(
              p -> {
                String rel = outputDir.relativize(p).toString();
                int attempt = rel.indexOf("attempt_");
                String key = attempt < 0 ? rel : rel.substring(rel.indexOf('/', attempt) + 1);
                try {
                  // Binary files (Parquet, ORC) too: undecodable bytes become U+FFFD.
                  String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                  if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                  }
                  out.put(key, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return out;
  }

  private static final class Capture<K, V> extends RecordWriter<K, V> {
    final List<Map.Entry<K, V>> records = new ArrayList<>();
    final Configuration conf;

    Capture(Configuration conf) {
      this.conf = conf;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(K key, V value) {
      // The task reuses its objects: keep copies.
      K k = key instanceof Writable w ? (K) WritableUtils.clone(w, conf) : key;
      V v = value instanceof Writable w ? (V) WritableUtils.clone(w, conf) : value;
      records.add(Map.entry(k, v));
    }

    @Override
    public void close(TaskAttemptContext context) {}
  }

  /** A task's counters, as the task's reporter keeps them. */
  public static final class Reporter extends StatusReporter {
    public final Counters counters = new Counters();

    @Override
    public Counter getCounter(Enum<?> name) {
      return counters.findCounter(name);
    }

    @Override
    public Counter getCounter(String group, String name) {
      return counters.findCounter(group, name);
    }

    @Override
    public void progress() {}

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void setStatus(String status) {}
  }

  private static final class ListReader<K, V> extends RecordReader<K, V> {
    private final List<Map.Entry<K, V>> input;
    private int next = -1;

    ListReader(List<Map.Entry<K, V>> input) {
      this.input = input;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {}

    @Override
    public boolean nextKeyValue() {
      return ++next < input.size();
    }

    @Override
    public K getCurrentKey() {
      return input.get(next).getKey();
    }

    @Override
    public V getCurrentValue() {
      return input.get(next).getValue();
    }

    @Override
    public float getProgress() {
      return input.isEmpty() ? 1f : (float) next / input.size();
    }

    @Override
    public void close() {}
  }

  private static final class ListIterator implements RawKeyValueIterator {
    private final List<byte[][]> pairs;
    private final DataInputBuffer key = new DataInputBuffer();
    private final DataInputBuffer value = new DataInputBuffer();
    private int next = -1;

    ListIterator(List<byte[][]> pairs) {
      this.pairs = pairs;
    }

    @Override
    public DataInputBuffer getKey() {
      return key;
    }

    @Override
    public DataInputBuffer getValue() {
      return value;
    }

    @Override
    public boolean next() {
      if (++next >= pairs.size()) {
        return false;
      }
      key.reset(pairs.get(next)[0], pairs.get(next)[0].length);
      value.reset(pairs.get(next)[1], pairs.get(next)[1].length);
      return true;
    }

    @Override
    public void close() {}

    @Override
    public org.apache.hadoop.util.Progress getProgress() {
      return new org.apache.hadoop.util.Progress();
    }
  }
}
