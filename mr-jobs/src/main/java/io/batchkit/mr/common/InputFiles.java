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
        if (m.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
          while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (visible(m.getPath(), f.getPath())) {
              files.add(f);
            }
          }
        } else if (!hidden(m.getPath().getName())) {
          files.add(m);
        }
      }
      if (files.size() == before) {
        throw new UsageException(job + ": input " + spec + " holds no files to read");
      }
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    for (int i = 1; i < files.size(); i++) {
      if (files.get(i).getPath().equals(files.get(i - 1).getPath())) {
        throw new UsageException(
            job
                + ": input file "
                + files.get(i).getPath()
                + " is named twice by --input; each file must be read once");
      }
    }
    return files;
  }

  private static boolean visible(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (hidden(p.getName())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
