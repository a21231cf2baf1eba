package io.batchkit.mr.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Takes an output directory for one job: a lock beside it ({@code .NAME.batchkit-lock}, created
 * atomically: on HDFS by the NameNode, locally with {@code CREATE_NEW}) so that a second job
 * started on the same output refuses instead of deleting or mixing into the first one's files; then
 * refuses an existing output unless told to overwrite it. The lock goes when the job's tool returns
 * ({@link #release}); one left by a killed job on this machine is taken over when its process is
 * gone, one from another machine names the host and process to check.
 */
public final class OutputDirectory {
  /** Per thread: a tool runs in its caller's thread, and two tools may run in one JVM. */
  private static final ThreadLocal<List<Held>> HELD = ThreadLocal.withInitial(ArrayList::new);

  private record Held(FileSystem fs, Path lock) {}

  /** Filesystems whose create-if-absent is atomic. */
  private static final java.util.Set<String> LOCKABLE = java.util.Set.of("file", "hdfs", "viewfs");

  private OutputDirectory() {}

  /** Takes the lock of an output that runs add to (it may exist: an incremental output). */
  public static void take(String job, Path output, Configuration conf)
      throws IOException, UsageException {
    lock(job, output.getFileSystem(conf), output);
    TaskFaults.inDriver(conf, "locked");
  }

  public static void prepare(String job, Path output, boolean overwrite, Configuration conf)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
    lock(job, fs, output);
    TaskFaults.inDriver(conf, "locked");
    if (!fs.exists(output)) {
      return;
    }
    if (!overwrite) {
      throw new UsageException(
          job
              + ": output "
              + output
              + " already exists; pass --overwrite to replace it, or choose another --output");
    }
    // The metrics history outlives the runs it records: --overwrite replaces the rest.
    for (org.apache.hadoop.fs.FileStatus child : fs.listStatus(output)) {
      if (child.getPath().getName().equals(HISTORY)) {
        continue;
      }
      if (!fs.delete(child.getPath(), true)) {
        throw new UsageException(
            job + ": could not delete " + child.getPath() + " for --overwrite; check permissions");
      }
    }
  }

  /** The default metrics history directory inside an output, kept by --overwrite. */
  public static final String HISTORY = "_history";

  /** The lock file of an output directory. */
  static Path lockOf(Path output) {
    return new Path(output.getParent(), "." + output.getName() + ".batchkit-lock");
  }

  private static void lock(String job, FileSystem fs, Path output)
      throws IOException, UsageException {
    String scheme = fs.getUri().getScheme();
    if (!LOCKABLE.contains(scheme)) {
      return; // an object store has no atomic create-if-absent: no lock there (README)
    }
    Path lock = lockOf(output);
    String host = InetAddress.getLocalHost().getHostName();
    long pid = ProcessHandle.current().pid();
    String owner = job + " " + host + " " + pid + " " + Instant.now();
    fs.mkdirs(lock.getParent());
    if (createExclusively(fs, lock, owner)) {
      HELD.get().add(new Held(fs, lock));
      return;
    }
    String other = read(fs, lock);
    String[] f = other.split(" ");
    boolean stale =
        f.length >= 3
            && f[1].equals(host)
            && ProcessHandle.of(Long.parseLong(f[2])).map(p -> !p.isAlive()).orElse(true);
    if (stale && fs.delete(lock, false) && createExclusively(fs, lock, owner)) {
      HELD.get().add(new Held(fs, lock));
      return;
    }
    throw new UsageException(
        job
            + ": another batchkit job is writing "
            + output
            + " ("
            + other.strip()
            + "); wait for it, or if no such job runs, delete "
            + lock);
  }

  private static boolean createExclusively(FileSystem fs, Path lock, String owner)
      throws IOException {
    byte[] bytes = (owner + "\n").getBytes(StandardCharsets.UTF_8);
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      // Hadoop's local create(overwrite = false) checks, then creates: not atomic.
      java.nio.file.Path p = java.nio.file.Path.of(lock.toUri().getPath());
      try {
        Files.write(p, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream os = fs.create(lock, false)) {
      os.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static String read(FileSystem fs, Path lock) {
    try (InputStream in = fs.open(lock)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "unknown owner";
    }
  }

  /** Releases the locks this thread took (the job's tool returned, however it ended). */
  public static void release() {
    for (Held h : HELD.get()) {
      try {
        h.fs().delete(h.lock(), false);
      } catch (IOException e) {
        // left behind; the next job on this machine takes it over (its process is gone)
      }
    }
    HELD.get().clear();
  }
}
