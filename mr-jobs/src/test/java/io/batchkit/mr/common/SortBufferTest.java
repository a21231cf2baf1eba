package io.batchkit.mr.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.GenericOptionsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortBufferTest {
  private static final String KEY = "mapreduce.task.io.sort.mb";

  @Test
  void replacesHadoopsDefaultOnly() throws Exception {
    Job job = Job.getInstance(new Configuration());
    assertEquals(100, job.getConfiguration().getInt(KEY, -1), "Hadoop's default, as shipped");
    SortBuffer.forSummaries(job.getConfiguration());
    assertEquals(16, job.getConfiguration().getInt(KEY, -1));
  }

  @Test
  void keepsWhatASiteFileSays(@TempDir Path dir) throws Exception {
    Path site = dir.resolve("mapred-site.xml");
    Files.writeString(
        site,
        "<configuration><property><name>"
            + KEY
            + "</name><value>64</value></property></configuration>");
    Configuration conf = new Configuration();
    conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
    Job job = Job.getInstance(conf);
    SortBuffer.forSummaries(job.getConfiguration());
    assertEquals(64, job.getConfiguration().getInt(KEY, -1));
  }

  @Test
  void keepsWhatTheCommandLineSays() throws Exception {
    Configuration conf = new Configuration();
    new GenericOptionsParser(conf, new String[] {"-D", KEY + "=48"});
    Job job = Job.getInstance(conf);
    SortBuffer.forSummaries(job.getConfiguration());
    assertEquals(48, job.getConfiguration().getInt(KEY, -1));
  }
}
