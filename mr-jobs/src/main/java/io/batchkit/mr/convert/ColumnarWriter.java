package io.batchkit.mr.convert;

import io.batchkit.core.schema.Schema;
import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes typed rows to one Parquet or ORC file, with types as Hive maps the schema's. */
public interface ColumnarWriter extends Closeable {
  void write(Object[] row) throws IOException;

  /** Bytes written so far, or estimated when the format buffers (for rolling to a new file). */
  long bytes();

  /** The supported formats. */
  enum Format {
    PARQUET,
    ORC;

    public String extension() {
      return "." + name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String text) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(text)) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown format '" + text + "' (expected parquet or orc)");
    }

    public ColumnarWriter open(Path file, Schema schema, String compression, Configuration conf)
        throws IOException {
      return this == PARQUET
          ? new ParquetRowWriter(file, schema, compression, conf)
          : new OrcRowWriter(file, schema, compression, conf);
    }
  }
}
