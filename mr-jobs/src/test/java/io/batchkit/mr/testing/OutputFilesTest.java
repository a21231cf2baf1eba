package io.batchkit.mr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests' reader of outputs: an output that is not there is an error, not an empty one. */
class OutputFilesTest {
  @TempDir Path dir;

  @Test
  void aMissingFolderIsAnErrorSoTwoMissingOutputsNeverCompareEqual() throws Exception {
    assertThrows(IllegalStateException.class, () -> OutputFiles.lines(dir.resolve("nowhere")));
    assertThrows(IllegalStateException.class, () -> OutputFiles.digests(dir.resolve("nowhere")));
    assertThrows(
        IllegalStateException.class, () -> OutputFiles.rowsByDirectory(dir.resolve("nowhere")));
    Files.createDirectories(dir.resolve("out/clean"));
    Files.writeString(dir.resolve("out/clean/part-m-00000"), "a\nb\n");
    Files.writeString(dir.resolve("out/clean/_SUCCESS"), "");
    assertEquals(List.of("a", "b"), OutputFiles.lines(dir.resolve("out")));
  }
}
