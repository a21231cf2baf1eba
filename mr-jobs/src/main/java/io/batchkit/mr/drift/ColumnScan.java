package io.batchkit.mr.drift;

import io.batchkit.core.infer.ColumnEvidence;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * {@code schema_changes: add_columns}, before the run's own job: a map-only pass over the run's
 * files ({@link ColumnScanMapper}) for the evidence of every value of the columns the schema lacks
 * and of its numeric columns, so that the run writes every row once, with the schema its values
 * call for. Costs a read of the run's files, not a second clean.
 */
public final class ColumnScan {
  /**
   * What the files hold.
   *
   * @param added columns the schema lacks, by their names as a header first wrote them, in the
   *     order the files first have them
   * @param numeric the schema's numeric columns, by name
   * @param json of JSON records' {@code added} paths, those kept as JSON text (an array, or an
   *     object in some records and a value in others)
   */
  public record Found(
      Map<String, ColumnEvidence> added, Map<String, ColumnEvidence> numeric, Set<String> json) {}

  private ColumnScan() {}

  /**
   * Sets up {@code job} (from the caller's template) to scan {@code files}, read with the schema
   * already stored in its configuration; its output, small, goes to {@code work}.
   */
  public static void configure(Job job, List<FileStatus> files, Path work) throws IOException {
    Configuration jc = job.getConfiguration();
    InputFiles.addTo(job, files);
    job.setInputFormatClass(DatasetInput.rawFormat(JobSchema.load(jc)));
    DatasetInput.combine(job, null);
    job.setMapperClass(ColumnScanMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(BytesWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, work);
  }

  /** Every task's evidence, merged; the scan's output is deleted. */
  public static Found read(Path work, Configuration conf) throws IOException {
    FileSystem fs = work.getFileSystem(conf);
    Map<String, ColumnEvidence> evidence = new HashMap<>();
    Map<String, String> first = new HashMap<>();
    try {
      FileStatus[] parts = fs.globStatus(new Path(work, "part-m-*"));
      for (FileStatus part : parts == null ? new FileStatus[0] : parts) {
        try (SequenceFile.Reader r =
            new SequenceFile.Reader(conf, SequenceFile.Reader.file(part.getPath()))) {
          Text key = new Text();
          BytesWritable value = new BytesWritable();
          while (r.next(key, value)) {
            DataInputStream in =
                new DataInputStream(
                    new ByteArrayInputStream(value.getBytes(), 0, value.getLength()));
            String seen = in.readUTF();
            ColumnEvidence e = ColumnEvidence.read(in);
            String k = key.toString();
            evidence.merge(
                k,
                e,
                (a, b) -> {
                  a.merge(b);
                  return a;
                });
            if (!seen.isEmpty()) {
              first.merge(k, seen, ColumnScan::earlier);
            }
          }
        }
      }
    } finally {
      fs.delete(work, true);
    }
    Map<String, ColumnEvidence> numeric = new HashMap<>();
    TreeMap<String, String> added = new TreeMap<>();
    Set<String> json = jsonText(evidence);
    for (Map.Entry<String, ColumnEvidence> e : evidence.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(ColumnScanMapper.NUMERIC)) {
        numeric.put(k.substring(ColumnScanMapper.NUMERIC.length()), e.getValue());
      } else if (k.startsWith(ColumnScanMapper.ADDED) && isColumn(k, evidence, json)) {
        added.put(order(first.getOrDefault(k, "")) + "\n" + k, k);
      }
    }
    Map<String, ColumnEvidence> ordered = new LinkedHashMap<>();
    for (String k : added.values()) {
      String seen = first.getOrDefault(k, "");
      String written = seen.substring(seen.lastIndexOf('\t') + 1);
      ordered.put(
          written.isEmpty() ? k.substring(ColumnScanMapper.ADDED.length()) : written,
          evidence.get(k));
    }
    return new Found(ordered, numeric, json);
  }

  /** The new JSON paths kept whole: an array, or an object in one record and a value in another. */
  private static Set<String> jsonText(Map<String, ColumnEvidence> evidence) {
    Set<String> text = new HashSet<>();
    for (String k : evidence.keySet()) {
      String path = null;
      if (k.startsWith(JsonFieldScan.ARRAY)) {
        path = k.substring(JsonFieldScan.ARRAY.length());
      } else if (k.startsWith(JsonFieldScan.OBJECT)) {
        path = k.substring(JsonFieldScan.OBJECT.length());
        ColumnEvidence values = evidence.get(ColumnScanMapper.ADDED + path);
        path = values != null && values.values() > 0 ? path : null;
      }
      if (path != null) {
        text.add(path);
      }
    }
    return text;
  }

  /**
   * Whether an added key is a column: not a path that only ever held objects (its fields are the
   * columns), nor one inside a path kept whole.
   */
  private static boolean isColumn(
      String key, Map<String, ColumnEvidence> evidence, Set<String> json) {
    String path = key.substring(ColumnScanMapper.ADDED.length());
    if (evidence.containsKey(JsonFieldScan.OBJECT + path) && !json.contains(path)) {
      return false;
    }
    for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
      if (json.contains(path.substring(0, i))) {
        return false;
      }
    }
    return true;
  }

  /** Of two first sightings (file, position), the one earlier in file order. */
  private static String earlier(String a, String b) {
    return order(a).compareTo(order(b)) <= 0 ? a : b;
  }

  /** A sighting (file, position, name) as a sortable text: the file, the position zero-padded. */
  private static String order(String seen) {
    String[] p = seen.split("\t", -1);
    return p.length < 2 ? seen : p[0] + "\t" + String.format("%019d", Long.parseLong(p[1]));
  }
}
