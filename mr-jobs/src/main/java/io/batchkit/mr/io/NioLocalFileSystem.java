package io.batchkit.mr.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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
 * Likewise a file's status: Hadoop's reads owner, group and permission by forking {@code ls} or
 * {@code stat} per file, so listing a landing of 1,440 small files took 3 to 4 s; here they come
 * from java.nio's POSIX attributes. The embedded runner sets {@code fs.file.impl} to this class
 * (see {@code scripts/embedded/}). It also writes no {@code .crc} checksum files.
 */
public class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new Raw());
    // Checksums of local files guard against nothing the local disk does not, and their
    // .part-*.crc side files are noise in output directories. Reads still verify any that exist.
    setWriteChecksum(false);
  }

  /**
   * Opens a file to read it through once: on this filesystem, without the checksum layer when the
   * file has no {@code .crc} beside it (this filesystem writes none; looking for one and wrapping
   * the stream costs more than reading a small file of a landing); elsewhere as usual.
   */
  public static FSDataInputStream openToRead(FileSystem fs, Path file) throws IOException {
    if (fs instanceof NioLocalFileSystem local && !local.exists(local.getChecksumFile(file))) {
      return local.getRawFileSystem().open(file);
    }
    return fs.open(file);
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

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      if (NativeIO.isAvailable()) {
        return super.getFileStatus(f); // no fork with the native library
      }
      java.nio.file.Path file = pathToFile(f).toPath();
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(file, PosixFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      } catch (java.nio.file.FileSystemException | UnsupportedOperationException e) {
        // A path under a file ("not a directory"), or no POSIX attributes: as Hadoop answers.
        return super.getFileStatus(f);
      }
      return new FileStatus(
          a.size(),
          a.isDirectory(),
          1,
          getDefaultBlockSize(f),
          a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(),
          permission(a.permissions()),
          a.owner().getName(),
          a.group().getName(),
          new Path(file.toString()).makeQualified(getUri(), getWorkingDirectory()));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      if (NativeIO.isAvailable()) {
        return super.listStatus(f);
      }
      FileStatus self = getFileStatus(f);
      if (!self.isDirectory()) {
        return new FileStatus[] {self};
      }
      String[] names = org.apache.hadoop.fs.FileUtil.list(pathToFile(f));
      java.util.List<FileStatus> out = new java.util.ArrayList<>(names.length);
      for (String name : names) {
        try {
          out.add(getFileStatus(new Path(self.getPath(), name)));
        } catch (FileNotFoundException deletedMeanwhile) {
          // as Hadoop's own listing: a file gone between the listing and its status is left out
        }
      }
      return out.toArray(new FileStatus[0]);
    }

    static FsPermission permission(Set<PosixFilePermission> p) {
      int mode = 0;
      PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
      };
      for (int i = 0; i < bits.length; i++) {
        if (p.contains(bits[i])) {
          mode |= 1 << i;
        }
      }
      return new FsPermission((short) mode);
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
