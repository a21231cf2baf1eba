package io.batchkit.mr.common;

import io.batchkit.core.privacy.Pseudonymizer;
import io.batchkit.core.schema.Schema;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The key of {@code pseudonymize: true} columns, {@code batchkit.hmac.key}, read with Hadoop's
 * {@code Configuration.getPassword}: from a credential provider ({@code
 * hadoop.security.credential.provider.path}) or, failing that, the configuration (a {@code -conf}
 * file). Never an option of its own, so it is on no command line and in no log.
 */
public final class HmacKey {
  private HmacKey() {}

  /**
   * The pseudonymizer the schema needs, or null when it pseudonymises no column.
   *
   * @throws UsageException when it needs one and there is no key, saying how to provide it
   */
  public static Pseudonymizer forSchema(String job, Schema schema, Configuration conf)
      throws UsageException {
    if (schema.pseudonymized().isEmpty()) {
      return null;
    }
    char[] key;
    try {
      key = conf.getPassword(Pseudonymizer.KEY);
    } catch (IOException e) {
      throw new UsageException(
          job + ": cannot read the key " + Pseudonymizer.KEY + " (" + e.getMessage() + ")");
    }
    if (key == null || key.length == 0) {
      throw new UsageException(
          job
              + ": "
              + schema.name()
              + " pseudonymises "
              + String.join(", ", schema.pseudonymized())
              + " but there is no key "
              + Pseudonymizer.KEY
              + ": store it with 'hadoop credential create "
              + Pseudonymizer.KEY
              + " -provider jceks://hdfs/keys/batchkit.jceks' and pass -D"
              + " hadoop.security.credential.provider.path=jceks://hdfs/keys/batchkit.jceks, or"
              + " put it in a -conf file; never on the command line");
    }
    return new Pseudonymizer(key);
  }

  /** In a task: the driver checked the key, so its absence here is a configuration fault. */
  public static Pseudonymizer inTask(Schema schema, Configuration conf) {
    try {
      return forSchema("task", schema, conf);
    } catch (UsageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
