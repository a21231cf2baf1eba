package io.batchkit.mr.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns the quarantine's split-relative line numbers into line numbers in the file.
 *
 * <p>A task knows its records' lines only from the start of its split. Counting the lines before
 * the split would mean reading the whole file prefix in every task: quadratic in the number of
 * splits. Instead each task writes how many lines its split holds to {@code OUT/_lines/} (every
 * line of a file is read by exactly one split, in order), and after the job this adds, to each
 * quarantined record of a later split, the lines of the file's earlier splits. The work is
 * proportional to the quarantine and the number of splits, not to the input.
 */
public final class QuarantineLines {
  public static final String DIR = "_lines";
  private static final String LINE_FIELD = ",\"line\":";

  private QuarantineLines() {}

  public static void resolve(Path output, Configuration conf) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    Path linesDir = new Path(output, DIR);
    if (!fs.exists(linesDir)) {
      return; // no task ran (no input records)
    }
    // file (clean: its index; the later jobs: its path) -> (split start -> lines in split); and
    // the split each task (part name) read.
    Map<String, TreeMap<Long, Long>> splits = new HashMap<>();
    Map<String, String[]> taskSplit = new HashMap<>();
    for (FileStatus f : fs.listStatus(linesDir)) {
      for (String row : read(fs, f.getPath(), conf)) {
        String[] v = row.split("\t");
        long start = Long.parseLong(v[1]);
        splits.computeIfAbsent(v[0], k -> new TreeMap<>()).put(start, Long.parseLong(v[2]));
        taskSplit.put(task(f.getPath().getName()), new String[] {v[0], v[1]});
      }
    }
    Path quarantine = new Path(output, "quarantine");
    if (fs.exists(quarantine)) {
      for (FileStatus q : fs.listStatus(quarantine)) {
        String[] split = taskSplit.get(task(q.getPath().getName()));
        long base = split == null ? 0 : linesBefore(splits.get(split[0]), Long.parseLong(split[1]));
        if (base > 0) {
          rewrite(fs, q.getPath(), base, conf);
        }
      }
    }
    fs.delete(linesDir, true);
  }

  /** Lines in the splits of one file that start before {@code start}. */
  private static long linesBefore(TreeMap<Long, Long> splits, long start) {
    long base = 0;
    for (long lines : splits.headMap(start, false).values()) {
      base += lines;
    }
    return base;
  }

  /** The task part of an output name: "part-m-00003" of "part-m-00003.gz". */
  private static String task(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static List<String> read(FileSystem fs, Path p, Configuration conf) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open(fs, p, conf), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.add(l);
      }
    }
    return out;
  }

  private static InputStream open(FileSystem fs, Path p, Configuration conf) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    InputStream in = fs.open(p);
    return codec == null ? in : codec.createInputStream(in);
  }

  private static void rewrite(FileSystem fs, Path p, long base, Configuration conf)
      throws IOException {
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".lines");
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    try (BufferedReader r =
            new BufferedReader(new InputStreamReader(open(fs, p, conf), StandardCharsets.UTF_8));
        OutputStream os =
            codec == null ? fs.create(tmp, true) : codec.createOutputStream(fs.create(tmp, true));
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        w.write(shift(l, base));
        w.write('\n');
      }
    }
    if (!fs.delete(p, false) || !fs.rename(tmp, p)) {
      throw new IOException("could not replace " + p);
    }
  }

  /**
   * Adds {@code base} to the record's "line". Inside a JSON string every quote is escaped, so the
   * first unescaped {@code ,"line":} is the field itself, whatever the file name holds.
   */
  public static String shift(String json, long base) {
    int at = json.indexOf(LINE_FIELD);
    if (at < 0) {
      return json;
    }
    int start = at + LINE_FIELD.length();
    int end = start;
    while (end < json.length() && Character.isDigit(json.charAt(end))) {
      end++;
    }
    long line = Long.parseLong(json.substring(start, end));
    return json.substring(0, start) + (line + base) + json.substring(end);
  }
}
