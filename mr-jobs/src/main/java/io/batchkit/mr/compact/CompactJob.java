package io.batchkit.mr.compact;

import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.Compaction;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.CsvLineInputFormat;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.RecordLimits;
import io.batchkit.mr.io.SplitSize;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code compact}: rewrites the many small files of a batchkit output's partitions (a landing
 * cleaned a file at a time, a year of incremental runs) into a few files near a target size, the
 * rows unchanged, byte for byte. Holds the output's lock, so it is safe beside incremental runs;
 * the new files replace the old ones per partition as {@link Compaction} describes.
 */
public final class CompactJob extends JobTool {
  public static final String NAME = "compact";
  public static final String DESCRIPTION =
      "rewrite a batchkit output's partitions of many small files into a few, rows unchanged";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar compact [generic options] --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --output OUT            a batchkit output of Hive text rows (clean, aggregate, enrich...)",
          "  --partition P=V         only this partition (repeatable); default: every partition",
          "                          with more files than its size needs",
          "  --target-file-size N    about this many bytes a file (as stored); default 128m",
          "",
          "Each partition's files are replaced by the new ones at once: a reader lists the old files",
          "or the new ones, never both. The rows, the manifest's counts and the partitions stay as",
          "they were; the manifest records the compaction. Exit codes: 0 done (or nothing to do),",
          "1 failed, 2 usage.");

  public CompactJob() {
    this(System.out, System.err);
  }

  public CompactJob(PrintStream out, PrintStream err) {
    super(NAME, USAGE, Set.of("output", "partition", "target-file-size"), Set.of(), out, err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new CompactJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    Path given = new Path(args.required(NAME, "output"));
    long target = Args.bytes(NAME, args.get("target-file-size", "128m"));
    FileSystem fs = given.getFileSystem(conf);
    Path output = fs.makeQualified(given);
    Path data = dataDirectory(fs, output, conf);
    OutputDirectory.take(NAME, output, conf);
    Compaction.recover(fs, conf, output, NAME, err);

    List<String> wanted = args.all("partition");
    List<String> partitions = new ArrayList<>();
    List<FileStatus> inputs = new ArrayList<>();
    int before = 0;
    for (FileStatus unit : units(fs, data)) {
      String name = unit.getPath().getName();
      if (!wanted.isEmpty() && !wanted.contains(name)) {
        continue;
      }
      List<FileStatus> files = visibleFiles(fs, unit.getPath());
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      if (files.size() <= Math.max(1, (bytes + target - 1) / target)) {
        continue; // as few files as its size allows already
      }
      partitions.add(relative(output, unit.getPath()));
      inputs.addAll(files);
      before += files.size();
    }
    for (String w : wanted) {
      if (units(fs, data).stream().noneMatch(u -> u.getPath().getName().equals(w))) {
        throw new UsageException(NAME + ": " + output + " has no partition " + w);
      }
    }
    if (partitions.isEmpty()) {
      out.println(NAME + ": nothing to compact in " + output + ": no partition has too many files");
      return 0;
    }

    String id = Instant.now().toString().replaceAll("[^0-9]", "");
    Path staging = Compaction.newFiles(output, id);
    Job job = newJob("compact " + output.getName());
    Configuration jc = job.getConfiguration();
    jc.set(CompactConfigKeys.OUTPUT, output.toString());
    jc.set(CompactConfigKeys.NAME, "compacted-" + id);
    jc.setLong(SplitSize.KEY, target);
    jc.setInt(RecordLimits.KEY, Integer.MAX_VALUE - 1); // lines are copied whole, never cut
    InputFiles.addTo(job, inputs);
    DatasetInput.combine(job, null);
    job.setInputFormatClass(CsvLineInputFormat.class);
    job.setMapperClass(CompactMapper.class);
    job.setNumReduceTasks(0);
    textOutput(job, staging);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(inputs.get(0).getPath());
    if (codec != null) {
      FileOutputFormat.setCompressOutput(job, true);
      FileOutputFormat.setOutputCompressorClass(job, codec.getClass());
    }
    if (!runJob(job, staging)) {
      return 1;
    }
    long read = job.getCounters().findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue();
    long written = job.getCounters().findCounter(CompactCounter.WRITTEN).getValue();
    if (read != written) {
      fs.delete(staging.getParent(), true);
      return unreconciled("read " + read + " lines, wrote " + written);
    }
    fs.delete(new Path(staging, "_SUCCESS"), false);
    int after = 0;
    for (String p : partitions) {
      after += visibleFiles(fs, new Path(staging, p)).size();
    }
    Compaction.swap(fs, conf, output, id, partitions);
    record(output, partitions, before, after, read);
    out.printf(
        "%s: %s: %,d files -> %,d in %d partition(s), %,d rows unchanged%n",
        NAME, output, before, after, partitions.size(), read);
    return 0;
  }

  /** The rows of a batchkit output of Hive text: {@code clean/} or {@code data/}. */
  private static Path dataDirectory(FileSystem fs, Path output, Configuration conf)
      throws IOException, UsageException {
    if (!fs.exists(new Path(output, Manifest.FILE)) || !fs.exists(new Path(output, "_SUCCESS"))) {
      throw new UsageException(
          NAME + ": " + output + " is not a finished batchkit output (no manifest or _SUCCESS)");
    }
    Object format = ((Map<?, ?>) Manifest.read(output, conf).get("outputs")).get("format");
    if (format != null && !"text".equals(format)) {
      throw new UsageException(
          NAME
              + ": "
              + output
              + " holds "
              + format
              + " files; compact rewrites Hive text rows (convert writes "
              + format
              + " at its --target-file-size already)");
    }
    for (String d : List.of("clean", "data")) {
      if (fs.exists(new Path(output, d))) {
        return new Path(output, d);
      }
    }
    throw new UsageException(NAME + ": " + output + " has no clean/ or data/ directory");
  }

  /** The partition directories of the rows, or the rows' directory when not partitioned. */
  private static List<FileStatus> units(FileSystem fs, Path data) throws IOException {
    List<FileStatus> dirs = new ArrayList<>();
    for (FileStatus s : fs.listStatus(data)) {
      if (s.isDirectory() && s.getPath().getName().contains("=")) {
        dirs.add(s);
      }
    }
    dirs.sort(null); // by path: partitions are swapped in a known order
    return dirs.isEmpty() ? List.of(fs.getFileStatus(data)) : dirs;
  }

  /** Files Hive and the jobs read: not hidden ({@code _} or {@code .}), not empty. */
  private static List<FileStatus> visibleFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (s.isFile() && !n.startsWith("_") && !n.startsWith(".") && s.getLen() > 0) {
        files.add(s);
      }
    }
    return files;
  }

  private static String relative(Path output, Path dir) {
    String root = output.toUri().getPath();
    String path = dir.toUri().getPath();
    return path.substring(path.indexOf(root) + root.length() + 1);
  }

  /** Adds this compaction to the output's manifest (its counts and partitions are unchanged). */
  private void record(Path output, List<String> partitions, int before, int after, long rows)
      throws IOException {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("finished", Instant.now().toString());
    c.put("partitions", partitions);
    c.put("files_before", before);
    c.put("files_after", after);
    c.put("rows", rows);
    Manifest.append(output, getConf(), "compactions", c);
  }
}
