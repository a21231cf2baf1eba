package io.batchkit.mr.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit protocol of {@code compact}: the new files of each partition are written beside the
 * output, in {@code OUT/_compact/<id>/new/<partition>}; then {@code _SWAP} (written at once, by a
 * rename) lists the partitions, and each is swapped by two renames: the partition directory to
 * {@code old/}, the new one into its place. A reader sees the old files or the new ones, never
 * both; one that lists in the instant between the renames finds no directory and lists again.
 * {@link #recover} (run by compact and by every incremental run before anything else) finishes a
 * swap that a killed run began and drops the files of one that never reached it, so no partition is
 * ever left missing or doubled.
 */
public final class Compaction {
  public static final String DIR = "_compact";
  static final String SWAP = "_SWAP";

  private Compaction() {}

  /** Where a compaction writes its new files, under {@code <partition>/} each. */
  public static Path newFiles(Path output, String id) {
    return new Path(new Path(new Path(output, DIR), id), "new");
  }

  /**
   * Swaps each partition (a path relative to OUT, e.g. {@code clean/dt=2024-01-01}) for its new
   * files, then drops the old ones.
   */
  public static void swap(
      FileSystem fs, Configuration conf, Path output, String id, List<String> partitions)
      throws IOException {
    Path dir = new Path(new Path(output, DIR), id);
    Path tmp = new Path(dir, "." + SWAP + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(String.join("\n", partitions).getBytes(StandardCharsets.UTF_8));
    }
    TaskFaults.inDriver(conf, "compact-swap");
    if (!fs.rename(tmp, new Path(dir, SWAP))) {
      throw new IOException("could not write " + new Path(dir, SWAP));
    }
    finish(fs, conf, output, dir, partitions);
    if (fs.listStatus(dir.getParent()).length == 0) {
      fs.delete(dir.getParent(), false);
    }
  }

  private static void finish(
      FileSystem fs, Configuration conf, Path output, Path dir, List<String> partitions)
      throws IOException {
    for (String p : partitions) {
      Path live = new Path(output, p);
      Path fresh = new Path(new Path(dir, "new"), p);
      Path old = new Path(new Path(dir, "old"), p);
      if (!fs.exists(fresh)) {
        continue; // swapped already
      }
      if (fs.exists(live)) {
        fs.mkdirs(old.getParent());
        rename(fs, live, old);
      }
      TaskFaults.inDriver(conf, "compact-between");
      rename(fs, fresh, live);
    }
    fs.delete(dir, true);
  }

  /** Finishes or drops what an earlier, killed compaction of OUT left. */
  public static void recover(
      FileSystem fs, Configuration conf, Path output, String job, PrintStream err)
      throws IOException {
    Path root = new Path(output, DIR);
    if (!fs.exists(root)) {
      return;
    }
    for (FileStatus d : fs.listStatus(root)) {
      Path swap = new Path(d.getPath(), SWAP);
      if (!fs.exists(swap)) {
        err.println(
            job
                + ": dropping compaction "
                + d.getPath().getName()
                + ", which ended before its swap");
        fs.delete(d.getPath(), true);
        continue;
      }
      List<String> partitions = new ArrayList<>();
      try (FSDataInputStream in = fs.open(swap)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            partitions.add(line);
          }
        }
      }
      err.println(
          job + ": finishing compaction " + d.getPath().getName() + ", killed during its swap");
      finish(fs, conf, output, d.getPath(), partitions);
    }
    fs.delete(root, true);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }
}
