package io.batchkit.mr.split;

import io.batchkit.core.record.KeyColumns;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.split.SplitAssigner;
import org.apache.hadoop.conf.Configuration;

/** The hash, key and split of rows; shared by the mapper and reducer. */
final class Keys {
  final SplitAssigner assigner;
  final KeyColumns columns;

  Keys(Configuration conf, Schema schema) {
    assigner =
        SplitAssigner.parse(
            conf.get(SplitConfigKeys.RATIOS), conf.getInt(SplitConfigKeys.SEED, 42));
    columns = new KeyColumns(schema);
  }

  String key(Object[] row) {
    return SplitAssigner.key(columns.values(row));
  }
}
