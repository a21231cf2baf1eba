package io.batchkit.mr.common;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The input directories an incremental output has read every file of, each with its modification
 * time then and its subdirectories ({@code OUT/_LISTED.json}). A directory's time changes when a
 * file is added to it, removed or replaced, so a directory whose time is unchanged holds no file a
 * run has not read: it is not listed again, only its subdirectories visited. A run's listing then
 * costs the directories and the files of the changed ones, not every file ever landed.
 *
 * <p>Only directories settled for {@link #SETTLE_KEY} (a minute) before the listing are kept, so a
 * file landed in the millisecond the directory was listed is not missed. A file appended to in
 * place leaves its directory's time alone: {@code --relist} lists every directory again.
 */
public final class ListedDirectories {
  public static final String FILE = "_LISTED.json";

  /** How long a directory must have been unchanged before a listing, in ms, to be kept. */
  public static final String SETTLE_KEY = "batchkit.incremental.settle.ms";

  /** One directory: its modification time when listed, its subdirectories' names. */
  public record Listed(long modified, List<String> subdirectories) {}

  private final Map<String, Listed> before;
  private final Map<String, Listed> now = new TreeMap<>();
  private final long settledBefore;

  private ListedDirectories(Map<String, Listed> before, long settledBefore) {
    this.before = before;
    this.settledBefore = settledBefore;
  }

  /** The index of OUT, or an empty one ({@code relist}: every directory is listed again). */
  public static ListedDirectories of(Path output, Configuration conf, boolean relist)
      throws IOException {
    long settled = System.currentTimeMillis() - conf.getLong(SETTLE_KEY, 60_000);
    Path file = new Path(output, FILE);
    FileSystem fs = file.getFileSystem(conf);
    if (relist || !fs.exists(file)) {
      return new ListedDirectories(new TreeMap<>(), settled);
    }
    try (InputStream in = fs.open(file)) {
      return new ListedDirectories(
          Manifest.JSON.readValue(in, new TypeReference<TreeMap<String, Listed>>() {}), settled);
    }
  }

  /**
   * The subdirectories to visit in {@code dir} without listing it when every file in it was read
   * before; null when it must be listed.
   */
  List<String> unchanged(FileStatus dir) {
    Listed l = before.get(dir.getPath().toString());
    if (l == null || l.modified() != dir.getModificationTime()) {
      return null;
    }
    now.put(dir.getPath().toString(), l);
    return l.subdirectories();
  }

  /** A directory listed whole by this run, with its subdirectories' names. */
  void listed(FileStatus dir, List<String> subdirectories) {
    if (dir.getModificationTime() > 0 && dir.getModificationTime() < settledBefore) {
      now.put(dir.getPath().toString(), new Listed(dir.getModificationTime(), subdirectories));
    }
  }

  /** The status of a subdirectory known from the index, or null if it is gone. */
  static FileStatus status(FileSystem fs, Path dir) throws IOException {
    try {
      return fs.getFileStatus(dir);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Keeps this run's index once every file it listed is read by a committed run (replaced in one
   * step).
   */
  public void save(Path output, Configuration conf) throws IOException {
    Path file = new Path(output, FILE);
    Path tmp = new Path(output, "." + FILE + ".tmp");
    try (OutputStream os = file.getFileSystem(conf).create(tmp, true)) {
      Manifest.JSON.writeValue(os, now);
    }
    FileContext.getFileContext(output.toUri(), conf).rename(tmp, file, Options.Rename.OVERWRITE);
  }
}
