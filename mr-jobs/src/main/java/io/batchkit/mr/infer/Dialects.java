package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The guessed dialect and column names, through the job configuration. */
final class Dialects {
  private Dialects() {}

  static void store(Configuration conf, Dialect d) {
    conf.set(InferConfigKeys.DELIMITER, String.valueOf((int) d.delimiter()));
    conf.set(InferConfigKeys.QUOTE, d.quote() == null ? "" : String.valueOf((int) d.quote()));
    conf.setBoolean(InferConfigKeys.HEADER, d.header());
    conf.set(InferConfigKeys.ENCODING, d.encoding().name());
    conf.set(InferConfigKeys.NAMES, String.join("\n", d.names()));
  }

  static Dialect load(Configuration conf) {
    String quote = conf.get(InferConfigKeys.QUOTE, "");
    return new Dialect(
        (char) Integer.parseInt(conf.get(InferConfigKeys.DELIMITER)),
        quote.isEmpty() ? null : (char) Integer.parseInt(quote),
        conf.getBoolean(InferConfigKeys.HEADER, true),
        Charset.forName(conf.get(InferConfigKeys.ENCODING)),
        List.of(conf.get(InferConfigKeys.NAMES).split("\n", -1)));
  }
}
