package io.batchkit.mr.upsert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.testing.Trips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upsert on a hand-checked fixture: every fate of a key, then the same batch again. */
class UpsertJobTest {
  static final String SCHEMA =
      """
      name: accounts
      columns:
        - {name: id, type: int, required: true}
        - {name: name, type: string}
        - {name: balance, type: "decimal(8,2)"}
        - {name: updated_at, type: timestamp}
        - {name: deleted, type: boolean}
      keys: [id]
      """;

  static final String FIRST =
      """
      id,name,balance,updated_at,deleted
      1,ann,10.00,2024-01-01 00:00:00,false
      2,bob,20.00,2024-01-01 00:00:00,false
      3,cy,30.00,2024-01-01 00:00:00,false
      4,dee,40.00,2024-01-01 00:00:00,false
      """;

  static final String SECOND =
      """
      id,name,balance,updated_at,deleted
      2,bob,25.00,2024-01-02 00:00:00,false
      3,cy,30.00,2024-01-01 00:00:00,false
      4,dee,40.00,2024-01-02 00:00:00,true
      5,eve,50.00,2024-01-02 00:00:00,false
      9,zed,0.00,2024-01-02 00:00:00,true
      1,ann,5.00,2023-12-31 00:00:00,false
      """;

  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("accounts.yaml"), SCHEMA);
    Files.writeString(dir.resolve("first.csv"), FIRST);
    Files.writeString(dir.resolve("second.csv"), SECOND);
  }

  JobRun upsert(String snapshot, String batch, String out) throws Exception {
    List<String> args = new ArrayList<>();
    if (snapshot != null) {
      args.addAll(List.of("--snapshot", dir.resolve(snapshot).toString()));
    }
    args.addAll(
        List.of(
            "--batch", dir.resolve(batch).toString(),
            "--schema", dir.resolve("accounts.yaml").toString(),
            "--order-by", "updated_at",
            "--delete-column", "deleted",
            "--output", dir.resolve(out).toString()));
    return JobRun.run(Trips.conf(), UpsertJob::new, args.toArray(new String[0]));
  }

  static List<String> rows(Path snapshot) {
    List<String> lines = new ArrayList<>(OutputFiles.lines(snapshot.resolve("data")));
    lines.sort(null);
    return lines;
  }

  static long count(Path out, String name) throws Exception {
    return Trips.manifest(out).at("/counts/" + name).asLong();
  }

  @Test
  void newestVersionWinsDeletesRemoveAndTheSameBatchTwiceChangesNothing() throws Exception {
    assertEquals(0, upsert(null, "first.csv", "s1").exit());
    assertEquals(4, count(dir.resolve("s1"), "inserted"));

    JobRun r = upsert("s1", "second.csv", "s2");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "1\tann\t10.00\t2024-01-01 00:00:00\tfalse",
            "2\tbob\t25.00\t2024-01-02 00:00:00\tfalse",
            "3\tcy\t30.00\t2024-01-01 00:00:00\tfalse",
            "5\teve\t50.00\t2024-01-02 00:00:00\tfalse"),
        rows(dir.resolve("s2")));
    Path s2 = dir.resolve("s2");
    assertEquals(1, count(s2, "inserted"));
    assertEquals(1, count(s2, "updated"));
    assertEquals(2, count(s2, "unchanged"));
    assertEquals(1, count(s2, "deleted"));
    assertEquals(1, count(s2, "delete_missing"));
    assertEquals(4, count(s2, "superseded"));
    assertEquals(4, count(s2, "snapshot_rows"));
    // the old snapshot is untouched
    assertEquals(4, rows(dir.resolve("s1")).size());

    assertEquals(0, upsert("s2", "second.csv", "s3").exit());
    Path s3 = dir.resolve("s3");
    assertEquals(0, count(s3, "inserted") + count(s3, "updated") + count(s3, "deleted"));
    assertEquals(4, count(s3, "unchanged"));
    assertEquals(2, count(s3, "delete_missing"));
    assertEquals(OutputFiles.digests(s2.resolve("data")), OutputFiles.digests(s3.resolve("data")));
  }

  @Test
  void theSnapshotBeingReadIsNeverTheOutput() throws Exception {
    assertEquals(0, upsert(null, "first.csv", "s1").exit());
    JobRun r = upsert("s1", "second.csv", "s1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--output must differ from --snapshot"), r.err());
    JsonNode m = Trips.manifest(dir.resolve("s1"));
    assertEquals(4, m.at("/counts/inserted").asLong());
  }
}
