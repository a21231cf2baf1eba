package io.batchkit.mr.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands input arguments (files, directories, globs; any Hadoop filesystem) into the sorted list
 * of files a job reads. Directories are read recursively; names starting with {@code _} or {@code
 * .} are skipped, as FileInputFormat does. The sorted order defines "first" for deduplication.
 */
public final class InputFiles {
  private InputFiles() {}

  public static List<FileStatus> list(String job, List<String> specs, Configuration conf)
      throws UsageException, IOException {
    return list(job, specs, conf, null);
  }

  /**
   * As {@link #list(String, List, Configuration)}, leaving out the directories {@code index} says
   * hold only files read before (null: none).
   */
  public static List<FileStatus> list(
      String job, List<String> specs, Configuration conf, ListedDirectories index)
      throws UsageException, IOException {
    if (specs.isEmpty()) {
      throw new UsageException(job + ": --input is required (see " + job + " --help)");
    }
    List<FileStatus> files = new ArrayList<>();
    for (String spec : specs) {
      Path p = new Path(spec);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches;
      try {
        matches = fs.globStatus(p);
      } catch (FileNotFoundException e) {
        matches = null;
      }
      if (matches == null || matches.length == 0) {
        throw new UsageException(
            job
                + ": input "
                + spec
                + " does not exist; check the path (globs such as data/*.csv are allowed)");
      }
      int before = files.size();
      for (FileStatus m : matches) {
        if (m.isDirectory() && index != null) {
          walk(fs, m, index, files);
        } else if (m.isDirectory()) {
          String root = m.getPath().toUri().getPath();
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
          while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (visible(root, f.getPath().toUri().getPath())) {
              files.add(f);
            }
          }
        } else if (!hidden(m.getPath().getName())) {
          files.add(m);
        }
      }
      if (files.size() == before && index == null) {
        throw new UsageException(job + ": input " + spec + " holds no files to read");
      }
    }
    // Each path's text once: a landing of 100,000 files would build it 1.7 million times.
    String[] names = new String[files.size()];
    Integer[] order = new Integer[files.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = files.get(i).getPath().toString();
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> names[i]));
    List<FileStatus> sorted = new ArrayList<>(files.size());
    for (int i = 0; i < order.length; i++) {
      sorted.add(files.get(order[i]));
      if (i > 0 && names[order[i]].equals(names[order[i - 1]])) {
        throw new UsageException(
            job
                + ": input file "
                + names[order[i]]
                + " is named twice by --input; each file must be read once");
      }
    }
    return sorted;
  }

  /**
   * Adds the files to a job's input in one step: Hadoop's {@code addInputPath} copies the whole
   * comma-separated list once per file, quadratic in a landing of thousands of files.
   */
  public static void addTo(org.apache.hadoop.mapreduce.Job job, List<FileStatus> files)
      throws IOException {
    Configuration conf = job.getConfiguration();
    String key = org.apache.hadoop.mapreduce.lib.input.FileInputFormat.INPUT_DIR;
    StringBuilder dirs = new StringBuilder(conf.get(key, ""));
    for (FileStatus f : files) {
      Path p = f.getPath().getFileSystem(conf).makeQualified(f.getPath());
      dirs.append(dirs.length() > 0 ? "," : "")
          .append(org.apache.hadoop.util.StringUtils.escapeString(p.toString()));
    }
    conf.set(key, dirs.toString());
  }

  /** The visible files under {@code dir}, its unchanged directories left unlisted. */
  private static void walk(
      FileSystem fs, FileStatus dir, ListedDirectories index, List<FileStatus> files)
      throws IOException {
    List<String> known = index.unchanged(dir);
    if (known != null) {
      for (String name : known) {
        FileStatus sub = ListedDirectories.status(fs, new Path(dir.getPath(), name));
        if (sub != null && sub.isDirectory()) {
          walk(fs, sub, index, files);
        }
      }
      return;
    }
    List<String> subdirectories = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir.getPath())) {
      if (hidden(s.getPath().getName())) {
        continue;
      }
      if (s.isDirectory()) {
        subdirectories.add(s.getPath().getName());
        walk(fs, s, index, files);
      } else {
        files.add(s);
      }
    }
    index.listed(dir, subdirectories);
  }

  /** Whether no name below {@code root} on the way to {@code file} is hidden (paths as text). */
  private static boolean visible(String root, String file) {
    int start = file.startsWith(root) ? root.length() : 0;
    for (int i = file.indexOf('/', start);
        i >= 0 && i + 1 < file.length();
        i = file.indexOf('/', i + 1)) {
      char c = file.charAt(i + 1);
      if (c == '_' || c == '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
