package io.batchkit.mr.drift;

import io.batchkit.core.infer.ColumnEvidence;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   */
  public record Found(Map<String, ColumnEvidence> added, Map<String, ColumnEvidence> numeric) {}

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
    for (Map.Entry<String, ColumnEvidence> e : evidence.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(ColumnScanMapper.NUMERIC)) {
        numeric.put(k.substring(ColumnScanMapper.NUMERIC.length()), e.getValue());
      } else {
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
    return new Found(ordered, numeric);
  }

  /** Of two first sightings (file, position), the one earlier in file order. */
  private static String earlier(String a, String b) {
    return order(a).compareTo(order(b)) <= 0 ? a : b;
  }

  /** A sighting (file, position, name) as a sortable text: the file, the position zero-padded. */
  private static String order(String seen) {
    String[] p = seen.split("\t", -1);
    return p.length < 2 ? seen : p[0] + "\t" + String.format("%06d", Integer.parseInt(p[1]));
  }
}
