package io.batchkit.mr.enrich;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.MapperInput;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/** Joins against the lookup held in memory, loaded from the distributed cache. */
public class MapSideJoinMapper extends Mapper<LongWritable, Text, NullWritable, Text> {
  private Records rows;
  private JoinSpec join;
  private LookupTable table;
  private DatasetOutput output;
  private Joined joined;
  private String file;
  private final StringBuilder sb = new StringBuilder(256);
  private MapperInput input;

  @Override
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    rows = DatasetInput.rowSource(conf);
    join = EnrichJob.join(conf);
    table = new LookupTable(join.width());
    Schema lookupSchema = JobSchema.load(conf, EnrichJob.LOOKUP_SLOT);
    Records source =
        DatasetInput.records(
            lookupSchema, DatasetInput.Kind.valueOf(conf.get(EnrichConfigKeys.LOOKUP_KIND)));
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
    output = new DatasetOutput(context);
    joined = new Joined(context, join, output);
    file = ((FileSplit) context.getInputSplit()).getPath().toString();
    input = new MapperInput(context, rows, output, EnrichCounter.READ, EnrichCounter.INVALID);
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context)
      throws IOException, InterruptedException {
    Object[] row = input.read(offset, value);
    if (row == null) {
      return;
    }
    String key = join.dataKey(row);
    sb.setLength(0);
    RowFormat.TEXT.append(row, sb);
    joined.write(
        rows.partitionDir(), sb.toString(), table.get(key), key, file, input.line(), offset.get());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    input.finish();
    output.close();
  }
}
