package io.batchkit.mr.infer;

/** What the infer driver hands its tasks. */
public final class InferConfigKeys {
  /** The dialect the driver guessed from the first file (delimiter, quote, header, encoding). */
  public static final String DELIMITER = "batchkit.infer.delimiter";

  public static final String QUOTE = "batchkit.infer.quote";
  public static final String HEADER = "batchkit.infer.header";

  /** Whether files' headers differ and each file is read by its own header's names. */
  public static final String BY_NAME = "batchkit.infer.header.by.name";

  public static final String ENCODING = "batchkit.infer.encoding";

  /** The column names, one per line. */
  public static final String NAMES = "batchkit.infer.names";

  /** JSON records: each column's path, one per line; which keep JSON text; one per line. */
  public static final String JSON_PATHS = "batchkit.infer.json.paths";

  public static final String JSON_TEXT = "batchkit.infer.json.text";
  public static final String JSON_LINES = "batchkit.infer.json.lines";

  /** Records read per file at most; 0 for all. */
  public static final String SAMPLE_ROWS = "batchkit.infer.sample.rows";

  /** The reducer's inputs: the dataset name, the source, the options that shape the YAML. */
  public static final String NAME = "batchkit.infer.name";

  public static final String SOURCE = "batchkit.infer.source";
  public static final String PSEUDONYMIZE = "batchkit.infer.pseudonymize";
  public static final String BOUNDS = "batchkit.infer.bounds";

  /** Dates that no value settles are read day first (--date-order dmy). */
  public static final String DAY_FIRST = "batchkit.infer.day.first";

  private InferConfigKeys() {}
}
