package io.batchkit.mr.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code compact} on a clean output of many small files: the same rows per partition in at most two
 * files, the counts kept; a reader listing and reading all along sees the old files or the new
 * ones, never both and never fewer; a run killed in the middle of its swap is finished by the next.
 */
class CompactJobTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCHEMA =
      "name: e\nformat: {header: true}\npartition: {name: dt, from: day}\ncolumns:\n"
          + "  - {name: id, type: int, required: true}\n"
          + "  - {name: day, type: date, required: true}\n"
          + "  - {name: label, type: string}\n";
  static final int FILES = 150;

  @TempDir Path dir;

  /** The rows written, by partition directory, sorted: the oracle. */
  final Map<String, List<String>> expected = new TreeMap<>();

  /** 150 small files over three days, cleaned a file a task: ~50 files per partition. */
  void cleanedInSmallFiles(String compress) throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SCHEMA);
    Path in = Files.createDirectories(dir.resolve("in"));
    for (int f = 0; f < FILES; f++) {
      StringBuilder text = new StringBuilder("id,day,label\n");
      String day = "2024-01-0" + (1 + f % 3);
      for (int i = 0; i < 1 + f % 7; i++) {
        int id = f * 100 + i;
        text.append(id).append(',').append(day).append(",r\t\\ ").append(i).append('\n');
        expected
            .computeIfAbsent("clean/dt=" + day, k -> new ArrayList<>())
            // Hive text: the tab and the backslash in the value each escaped by a backslash.
            .add(id + "\t" + day + "\tr\\\t\\\\ " + i);
      }
      Files.writeString(in.resolve(String.format("f-%03d.csv", f)), text);
    }
    expected.values().forEach(java.util.Collections::sort);
    JobRun r =
        JobRun.run(
            JobRun.local(),
            CleanJob::new,
            "--schema",
            dir.resolve("e.yaml").toString(),
            "--input",
            in.toString(),
            "--output",
            dir.resolve("out").toString(),
            "--split-size",
            "1",
            "--compress",
            compress);
    assertEquals(0, r.exit(), r.err());
    assertEquals(FILES, OutputFiles.files(dir.resolve("out/clean")).size());
  }

  JobRun compact(Configuration conf, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--output", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return JobRun.run(conf, CompactJob::new, args.toArray(new String[0]));
  }

  /** A reader as Hive's: list the partition, read every file; sorted rows. */
  static List<String> read(Path partition) throws NoSuchFileException {
    List<String> rows = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(partition)) {
      files = s.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    } catch (NoSuchFileException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path f : files) {
      String text;
      try {
        text = OutputFiles.text(f);
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof NoSuchFileException gone) {
          throw gone; // listed, then moved away: list again
        }
        throw e;
      }
      rows.addAll(List.of(text.split("\n")));
    }
    rows.sort(null);
    return rows;
  }

  Map<String, List<String>> rows() throws Exception {
    Map<String, List<String>> m = new TreeMap<>();
    for (String p : expected.keySet()) {
      m.put(p, read(dir.resolve("out").resolve(p)));
    }
    return m;
  }

  @ParameterizedTest(name = "compress {0}")
  @ValueSource(strings = {"none", "gzip"})
  void aPartitionOfManyFilesBecomesOneWithTheSameRows(String compress) throws Exception {
    cleanedInSmallFiles(compress);
    JsonNode counts = JSON.readTree(dir.resolve("out/_MANIFEST.json").toFile()).get("counts");
    JobRun r = compact(JobRun.local());
    assertEquals(0, r.exit(), r.err());
    assertEquals(expected, rows());
    for (String p : expected.keySet()) {
      List<Path> files = OutputFiles.files(dir.resolve("out").resolve(p));
      assertEquals(1, files.size(), p + ": " + files);
      assertEquals(
          compress.equals("gzip"), files.get(0).toString().endsWith(".gz"), files.toString());
    }
    JsonNode m = JSON.readTree(dir.resolve("out/_MANIFEST.json").toFile());
    assertEquals(counts, m.get("counts"), "the counts stand");
    assertEquals(FILES, m.get("compactions").get(0).get("files_before").asInt());
    assertEquals(3, m.get("compactions").get(0).get("files_after").asInt());
    assertFalse(Files.exists(dir.resolve("out/_compact")));
    assertTrue(Files.exists(dir.resolve("out/_SUCCESS")));

    JobRun again = compact(JobRun.local());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("nothing to compact"), again.out());
  }

  @Test
  void aTargetSizeGivesFilesOfAboutThatSizeAndOnePartitionAlone() throws Exception {
    cleanedInSmallFiles("none");
    long bytes = 0;
    for (Path f : OutputFiles.files(dir.resolve("out/clean/dt=2024-01-01"))) {
      bytes += Files.size(f);
    }
    JobRun r =
        compact(
            JobRun.local(),
            "--partition",
            "dt=2024-01-01",
            "--target-file-size",
            String.valueOf(bytes / 2 + 1));
    assertEquals(0, r.exit(), r.err());
    assertEquals(expected, rows());
    int files = OutputFiles.files(dir.resolve("out/clean/dt=2024-01-01")).size();
    assertTrue(files >= 2 && files <= 3, files + " files for two targets' worth of bytes");
    assertEquals(FILES / 3, OutputFiles.files(dir.resolve("out/clean/dt=2024-01-02")).size());
    JobRun unknown = compact(JobRun.local(), "--partition", "dt=1999-01-01");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("has no partition dt=1999-01-01"), unknown.err());
  }

  @Test
  void aReaderAllAlongSeesTheOldFilesOrTheNewOnesNeverBothNeverFewer() throws Exception {
    cleanedInSmallFiles("none");
    // The first partition swapped: held between its two renames, it is the one not there.
    Path partition = dir.resolve("out/clean/dt=2024-01-01");
    List<String> rows = expected.get("clean/dt=2024-01-01");
    Configuration conf = JobRun.local();
    conf.set(TaskFaults.KEY, "hold:compact-swap,hold:compact-between");
    conf.set(TaskFaults.HOLD_DIR, dir.resolve("hold").toString());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicBoolean done = new AtomicBoolean();
    // A reader reading over and over the whole time: every read it completes is whole.
    Future<int[]> reader =
        pool.submit(
            () -> {
              int[] reads = new int[2]; // {complete, retried}
              while (!done.get()) {
                try {
                  assertEquals(rows, read(partition));
                  reads[0]++;
                } catch (NoSuchFileException e) {
                  reads[1]++;
                }
              }
              return reads;
            });
    Future<JobRun> run = pool.submit(() -> compact(conf));
    await("compact-swap", run);
    assertEquals(rows, read(partition), "before the swap: the old files");
    assertEquals(50, OutputFiles.files(partition).size());
    release("compact-swap");
    await("compact-between", run);
    // Between the two renames the partition is not there: a reader lists again, never sees none.
    assertThrows(NoSuchFileException.class, () -> read(partition));
    release("compact-between");
    assertEquals(0, run.get().exit(), run.get().err());
    done.set(true);
    int[] reads = reader.get();
    pool.shutdown();
    assertEquals(rows, read(partition), "after: the new files");
    assertTrue(reads[0] > 0, "the reader completed reads during the compaction");
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"compact-swap", "compact-between"})
  void aRunKilledDuringItsSwapIsFinishedOrDroppedByTheNext(String step) throws Exception {
    cleanedInSmallFiles("none");
    Configuration conf = JobRun.local();
    conf.set(TaskFaults.KEY, "crash:" + step);
    assertThrows(TaskFaults.DriverCrash.class, () -> compact(conf));
    JobRun next = compact(JobRun.local());
    assertEquals(0, next.exit(), next.err());
    assertTrue(
        next.err().contains(step.equals("compact-swap") ? "dropping compaction" : "finishing"),
        next.err());
    assertEquals(expected, rows());
    assertFalse(Files.exists(dir.resolve("out/_compact")));
  }

  void await(String step, Future<JobRun> run) throws Exception {
    Path reached = dir.resolve("hold/" + step + ".reached");
    while (!Files.exists(reached)) {
      if (run.isDone()) {
        throw new AssertionError("the run ended before " + step + ": " + run.get().err());
      }
      Thread.sleep(5);
    }
  }

  void release(String step) throws Exception {
    Files.writeString(dir.resolve("hold/" + step + ".release"), "");
  }
}
