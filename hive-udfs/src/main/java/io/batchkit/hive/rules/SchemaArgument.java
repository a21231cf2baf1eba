package io.batchkit.hive.rules;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.session.SessionState;

/**
 * A function's schema argument: the YAML itself, or the path of a schema file on any Hadoop
 * filesystem (read once, when the query is compiled).
 */
final class SchemaArgument {
  private SchemaArgument() {}

  static Schema load(String fn, int index, String text) throws UDFArgumentTypeException {
    try {
      if (text.contains("\n") || text.startsWith("name:")) {
        return SchemaParser.parse(text.getBytes(StandardCharsets.UTF_8), fn + " argument");
      }
      SessionState session = SessionState.get();
      Configuration conf = session != null ? session.getConf() : new Configuration();
      Path path = new Path(text);
      try (InputStream in = path.getFileSystem(conf).open(path)) {
        return SchemaParser.parse(in.readAllBytes(), text);
      }
    } catch (SchemaException e) {
      throw new UDFArgumentTypeException(index, fn + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UDFArgumentTypeException(
          index, fn + ": cannot read schema " + text + " (" + e.getMessage() + ")");
    }
  }
}
