package io.batchkit.mr.infer;

import io.batchkit.mr.io.WholeFileInputFormat;
import org.apache.hadoop.conf.Configuration;

/**
 * Whole files cut into records with quotes respected, in the dialect the driver guessed (there is
 * no schema yet): a quoted line break stays inside its record, where infer counts it.
 */
public class InferInputFormat extends WholeFileInputFormat {
  @Override
  protected io.batchkit.core.schema.FormatSpec format(Configuration conf) {
    return Dialects.load(conf).format(true);
  }
}
