package io.batchkit.mr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local filesystem, setting permissions through java.nio instead of a forked {@code
 * chmod}. Without Hadoop's native library, {@link RawLocalFileSystem#setPermission} runs a shell
 * command for every file and directory it creates; with partitioned output that is hundreds of
 * process forks per task, which made the local runner several times slower than the work itself.
 * The embedded runner sets {@code fs.file.impl} to this class (see {@code scripts/embedded/}). It
 * also writes no {@code .crc} checksum files.
 */
public class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new Raw());
    // Checksums of local files guard against nothing the local disk does not, and their
    // .part-*.crc side files are noise in output directories. Reads still verify any that exist.
    setWriteChecksum(false);
  }

  /** The raw layer with the java.nio permission setter. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission); // native chmod, or a bit java.nio cannot set
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
      add(
          s,
          permission.getUserAction(),
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(
          s,
          permission.getGroupAction(),
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(
          s,
          permission.getOtherAction(),
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return s;
    }

    private static void add(
        Set<PosixFilePermission> s,
        FsAction a,
        PosixFilePermission read,
        PosixFilePermission write,
        PosixFilePermission execute) {
      if (a.implies(FsAction.READ)) {
        s.add(read);
      }
      if (a.implies(FsAction.WRITE)) {
        s.add(write);
      }
      if (a.implies(FsAction.EXECUTE)) {
        s.add(execute);
      }
    }
  }
}
