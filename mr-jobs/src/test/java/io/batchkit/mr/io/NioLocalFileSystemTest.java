package io.batchkit.mr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File status read through java.nio is what Hadoop's own local filesystem reports. */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  static String describe(FileStatus s) {
    return s.getPath()
        + " len="
        + s.getLen()
        + " dir="
        + s.isDirectory()
        + " block="
        + s.getBlockSize()
        + " mtime="
        + s.getModificationTime()
        + " perm="
        + s.getPermission()
        + " owner="
        + s.getOwner()
        + " group="
        + s.getGroup();
  }

  @Test
  void statusAndListingsEqualHadoopsOwn() throws Exception {
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/one.csv"), "x,y\n1,2\n");
    Files.writeString(dir.resolve("a/b/two.csv.gz"), "");
    Files.setPosixFilePermissions(
        dir.resolve("a/one.csv"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Configuration conf = new Configuration();
    RawLocalFileSystem hadoop = new RawLocalFileSystem();
    hadoop.initialize(java.net.URI.create("file:///"), conf);
    NioLocalFileSystem.Raw nio = new NioLocalFileSystem.Raw();
    nio.initialize(java.net.URI.create("file:///"), conf);
    for (String p : new String[] {"a", "a/one.csv", "a/b", "a/b/two.csv.gz"}) {
      Path path = new Path(dir.resolve(p).toUri());
      assertEquals(describe(hadoop.getFileStatus(path)), describe(nio.getFileStatus(path)), p);
      assertEquals(listing(hadoop, path), listing(nio, path), p);
    }
    Path missing = new Path(dir.resolve("nope").toUri());
    assertThrows(FileNotFoundException.class, () -> nio.getFileStatus(missing));
    Path underAFile = new Path(dir.resolve("a/one.csv/x").toUri());
    assertThrows(FileNotFoundException.class, () -> nio.getFileStatus(underAFile));
  }

  static String listing(org.apache.hadoop.fs.FileSystem fs, Path p) throws Exception {
    FileStatus[] s = fs.listStatus(p);
    Arrays.sort(s, Comparator.comparing(f -> f.getPath().toString()));
    StringBuilder out = new StringBuilder();
    for (FileStatus f : s) {
      out.append(describe(f)).append('\n');
    }
    return out.toString();
  }
}
