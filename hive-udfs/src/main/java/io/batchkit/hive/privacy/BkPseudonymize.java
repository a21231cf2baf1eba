package io.batchkit.hive.privacy;

import io.batchkit.core.privacy.Pseudonymizer;
import io.batchkit.hive.Arguments;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.MapredContext;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.session.SessionState;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.io.Text;

/**
 * Keyed pseudonymisation: HMAC-SHA256 of the value's text, hex. The key is never an argument (it
 * would be in the query text and the logs): it is {@code batchkit.hmac.key} read with Hadoop's
 * {@code Configuration.getPassword}, so from a credential provider ({@code
 * hadoop.security.credential.provider.path}) or, failing that, the configuration.
 */
@Description(
    name = "bk_pseudonymize",
    value =
        "_FUNC_(value) - HMAC-SHA256 (hex) of value's text with the key batchkit.hmac.key from the"
            + " Hadoop credential provider or the session configuration; NULL stays NULL",
    extended =
        "The same value and key always give the same pseudonym, so joins and counts still work;"
            + " without the key it cannot be reversed or recomputed. Set the key with a"
            + " credential store (hadoop credential create batchkit.hmac.key -provider"
            + " jceks://hdfs/keys/batchkit.jceks; SET hadoop.security.credential.provider.path=...),"
            + " never in the query.\n"
            + "Example:\n"
            + "  > SELECT _FUNC_(medallion) FROM trips LIMIT 1;\n"
            + "  3f1c...e9")
public final class BkPseudonymize extends GenericUDF {
  static final String NAME = "bk_pseudonymize";
  public static final String KEY = Pseudonymizer.KEY;
  private transient PrimitiveObjectInspector in;
  private transient Pseudonymizer pseudonymizer;
  private transient Configuration taskConf;
  private final transient Text result = new Text();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 1, 1);
    in = Arguments.primitive(NAME, args, 0, "value");
    // Fail at compile time when the key is missing, where the session's configuration is known.
    SessionState session = SessionState.get();
    if (session != null && key(session.getConf()) == null) {
      throw new UDFArgumentException(
          NAME
              + ": no key: set "
              + KEY
              + " in a Hadoop credential provider"
              + " (hadoop.security.credential.provider.path) or the session configuration");
    }
    return PrimitiveObjectInspectorFactory.writableStringObjectInspector;
  }

  @Override
  public void configure(MapredContext context) {
    taskConf = context.getJobConf();
  }

  static char[] key(Configuration conf) {
    try {
      return conf.getPassword(KEY);
    } catch (IOException e) {
      return null;
    }
  }

  private Pseudonymizer pseudonymizer() throws HiveException {
    if (pseudonymizer == null) {
      Configuration conf = taskConf;
      if (conf == null) {
        SessionState session = SessionState.get();
        conf = session != null ? session.getConf() : new Configuration();
      }
      char[] key = key(conf);
      if (key == null || key.length == 0) {
        throw new HiveException(NAME + ": no key " + KEY + " in this task's configuration");
      }
      // The one implementation, shared with clean's pseudonymize: true columns.
      pseudonymizer = new Pseudonymizer(key);
    }
    return pseudonymizer;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object v = args[0].get();
    if (v == null) {
      return null;
    }
    result.set(pseudonymizer().pseudonym(in.getPrimitiveJavaObject(v).toString()));
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
