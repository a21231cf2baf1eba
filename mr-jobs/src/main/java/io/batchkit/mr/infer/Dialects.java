package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.infer.JsonShape;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** The guessed dialect and column names, through the job configuration. */
final class Dialects {
  private Dialects() {}

  static void store(Configuration conf, Dialect d) {
    conf.set(InferConfigKeys.DELIMITER, String.valueOf((int) d.delimiter()));
    conf.set(InferConfigKeys.QUOTE, d.quote() == null ? "" : String.valueOf((int) d.quote()));
    conf.setBoolean(InferConfigKeys.HEADER, d.header());
    conf.setBoolean(InferConfigKeys.BY_NAME, d.byName());
    conf.set(InferConfigKeys.ENCODING, d.encoding().name());
    conf.set(InferConfigKeys.NAMES, String.join("\n", d.names()));
    if (d.json() != null) {
      conf.set(InferConfigKeys.JSON_PATHS, String.join("\n", d.json().paths()));
      conf.set(
          InferConfigKeys.JSON_TEXT,
          String.join("\n", d.json().text().stream().map(String::valueOf).toList()));
      conf.setBoolean(InferConfigKeys.JSON_LINES, d.json().lines());
    }
  }

  static Dialect load(Configuration conf) {
    List<String> names = List.of(conf.get(InferConfigKeys.NAMES).split("\n", -1));
    if (conf.get(InferConfigKeys.JSON_PATHS) != null) {
      return Dialect.json(
          new JsonShape(
              List.of(conf.get(InferConfigKeys.JSON_PATHS).split("\n", -1)),
              names,
              Stream.of(conf.get(InferConfigKeys.JSON_TEXT).split("\n", -1))
                  .map(Boolean::valueOf)
                  .toList(),
              conf.getBoolean(InferConfigKeys.JSON_LINES, false)));
    }
    String quote = conf.get(InferConfigKeys.QUOTE, "");
    return new Dialect(
        (char) Integer.parseInt(conf.get(InferConfigKeys.DELIMITER)),
        quote.isEmpty() ? null : (char) Integer.parseInt(quote),
        conf.getBoolean(InferConfigKeys.HEADER, true),
        conf.getBoolean(InferConfigKeys.BY_NAME, false),
        Charset.forName(conf.get(InferConfigKeys.ENCODING)),
        names,
        null);
  }
}
