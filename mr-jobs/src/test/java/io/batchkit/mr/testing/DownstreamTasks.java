package io.batchkit.mr.testing;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the task tests of split, upsert, enrich, convert and profile share: one task at a time on a
 * hand-written dataset, MRUnit style: records in, records and files out, counters.
 */
public abstract class DownstreamTasks {
  protected static final String ROWS =
      "1\t2024-01-31 10:00:00\t12.50\t7\ta\n"
          + "2\t2024-01-31 11:00:00\t3.00\t8\tb\n"
          + "3\t2024-02-01 09:00:00\t\\N\t9\ta\n"
          + "bad row\n";

  @TempDir protected Path dir;

  protected Configuration conf() throws Exception {
    return Tasks.job(Tasks.RIDES, "DATASET").getConfiguration();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  protected TaskHarness.Result<Object, Object> map(
      org.apache.hadoop.mapreduce.Mapper mapper, Configuration c) throws Exception {
    return TaskHarness.runMapper(
        mapper,
        c,
        Tasks.split(dir.resolve("in/part-m-00000"), ROWS),
        (List) Tasks.records(ROWS),
        dir.resolve("out"));
  }
}
