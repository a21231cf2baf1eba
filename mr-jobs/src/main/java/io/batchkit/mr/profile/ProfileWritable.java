package io.batchkit.mr.profile;

import io.batchkit.core.schema.Schema;
import io.batchkit.mr.io.JobSchema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Writable;

/**
 * A column's partial profile, with its column index, as map output; the index after the last column
 * carries the distinct keys instead.
 */
public class ProfileWritable implements Writable, Configurable {
  private Configuration conf;
  private Schema schema;
  int column;
  ColumnProfile profile;
  KeyDistinct keys;

  public ProfileWritable() {}

  ProfileWritable(int column, ColumnProfile profile) {
    this.column = column;
    this.profile = profile;
  }

  ProfileWritable(int column, KeyDistinct keys) {
    this.column = column;
    this.keys = keys;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(column);
    if (keys != null) {
      keys.write(out);
    } else {
      profile.write(out);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    column = in.readInt();
    if (column == schema.columns().size()) {
      profile = null;
      keys = new KeyDistinct(schema.keyIndexes());
      keys.read(in);
    } else {
      keys = null;
      profile = new ColumnProfile(column, schema.columns().get(column).type());
      profile.read(in);
    }
  }

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    this.schema = JobSchema.load(conf);
  }

  @Override
  public Configuration getConf() {
    return conf;
  }
}
