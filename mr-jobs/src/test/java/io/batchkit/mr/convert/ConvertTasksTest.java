package io.batchkit.mr.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** The convert job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class ConvertTasksTest extends DownstreamTasks {
  @Test
  void convertReducerWritesColumnarFilesInTheTaskWorkDirectory() throws Exception {
    Configuration c = conf();
    c.set(ConvertConfigKeys.FORMAT, "PARQUET");
    c.set(ConvertConfigKeys.COMPRESSION, "snappy");
    c.setLong(ConvertConfigKeys.TARGET, 1 << 20);
    List<Map.Entry<Text, Text>> in = new ArrayList<>();
    in.add(
        Map.entry(
            new Text("dt=2024-01-31\u00000"), new Text("1\t2024-01-31 10:00:00\t12.50\t7\ta")));
    in.add(
        Map.entry(
            new Text("dt=2024-01-31\u00000"), new Text("2\t2024-01-31 11:00:00\t3.00\t8\tb")));
    in.add(
        Map.entry(new Text("dt=2024-02-01\u00000"), new Text("3\t2024-02-01 09:00:00\t\\N\t9\ta")));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new ColumnarReducer(),
            c,
            in,
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            Text.class,
            dir.resolve("r"));
    assertEquals(3, r.counter(ConvertCounter.WRITTEN));
    assertEquals(2, r.counter(ConvertCounter.FILES));
    List<String> names = new ArrayList<>(r.files().keySet());
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("data/dt=2024-01-31/") && n.endsWith(".parquet")),
        names.toString());
  }
}
