package io.batchkit.mr.enrich;

import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.RowMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Joins against the lookup held in memory, loaded from the distributed cache. */
public class MapSideJoinMapper extends RowMapper<NullWritable, Text> {
  private JoinSpec join;
  private LookupTable table;
  private Joined joined;

  @Override
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    open(context, DatasetInput.rowSource(conf), EnrichCounter.READ, EnrichCounter.INVALID);
    join = EnrichJob.join(conf);
    table = new LookupTable(join.width());
    Schema lookupSchema = JobSchema.load(conf, EnrichJob.LOOKUP_SLOT);
    Records source =
        DatasetInput.records(
            lookupSchema, DatasetInput.Kind.valueOf(conf.get(EnrichConfigKeys.LOOKUP_KIND)), conf);
    URI[] cached = context.getCacheFiles();
    for (int i = 0; i < cached.length; i++) {
      // The localised copy (a symlink in the task's directory) when there is one.
      File local = new File(EnrichJob.CACHE_LINK + i);
      URI u = cached[i];
      Path p;
      try {
        p = new Path(new URI(u.getScheme(), u.getAuthority(), u.getPath(), null, null));
      } catch (java.net.URISyntaxException e) {
        throw new IOException("bad cache URI " + u, e);
      }
      String name = p.getName();
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
      InputStream raw =
          local.exists() ? Files.newInputStream(local.toPath()) : p.getFileSystem(conf).open(p);
      try (InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        table.load(name, in, source, join);
      }
    }
    joined = new Joined(context, join, output);
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    String key = join.dataKey(row);
    joined.write(rows.partitionDir(), hiveText(row), table.get(key), key, file(), line(), offset);
  }
}
