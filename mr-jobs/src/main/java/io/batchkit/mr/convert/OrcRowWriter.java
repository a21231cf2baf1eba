package io.batchkit.mr.convert;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;

/**
 * ORC with Hive's types (decimal(p,s), date, timestamp, string, ...), written in row batches.
 * Timestamps are written as UTC instants ({@code useUTCTimestamp}), so readers in any time zone get
 * the stored UTC wall-clock back.
 */
final class OrcRowWriter implements ColumnarWriter {
  private final Writer writer;
  private final VectorizedRowBatch batch;
  private final ColumnType[] types;
  private long estimate;

  OrcRowWriter(Path file, Schema schema, String compression, Configuration conf)
      throws IOException {
    TypeDescription type = typeDescription(schema);
    types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    writer =
        OrcFile.createWriter(
            file,
            OrcFile.writerOptions(conf)
                .setSchema(type)
                .useUTCTimestamp(true)
                .compress(
                    compression.equalsIgnoreCase("none")
                        ? CompressionKind.NONE
                        : compression.equalsIgnoreCase("gzip")
                            ? CompressionKind.ZLIB
                            : CompressionKind.valueOf(compression.toUpperCase(Locale.ROOT))));
    batch = type.createRowBatch();
  }

  static TypeDescription typeDescription(Schema schema) {
    TypeDescription s = TypeDescription.createStruct();
    for (Column c : schema.columns()) {
      ColumnType t = c.type();
      s.addField(
          c.name(),
          switch (t.kind()) {
            case STRING -> TypeDescription.createString();
            case INT -> TypeDescription.createInt();
            case BIGINT -> TypeDescription.createLong();
            case DOUBLE -> TypeDescription.createDouble();
            case BOOLEAN -> TypeDescription.createBoolean();
            case DATE -> TypeDescription.createDate();
            case TIMESTAMP -> TypeDescription.createTimestamp();
            case DECIMAL ->
                TypeDescription.createDecimal().withPrecision(t.precision()).withScale(t.scale());
          });
    }
    return s;
  }

  @Override
  public void write(Object[] row) throws IOException {
    int r = batch.size++;
    for (int i = 0; i < row.length; i++) {
      ColumnVector cv = batch.cols[i];
      Object v = row[i];
      if (v == null) {
        cv.noNulls = false;
        cv.isNull[r] = true;
        continue;
      }
      cv.isNull[r] = false;
      switch (types[i].kind()) {
        case STRING -> {
          byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
          ((BytesColumnVector) cv).setVal(r, b);
          estimate += b.length;
        }
        case INT, BIGINT -> ((LongColumnVector) cv).vector[r] = ((Number) v).longValue();
        case BOOLEAN -> ((LongColumnVector) cv).vector[r] = ((Boolean) v) ? 1 : 0;
        case DATE -> ((LongColumnVector) cv).vector[r] = ((LocalDate) v).toEpochDay();
        case DOUBLE -> ((DoubleColumnVector) cv).vector[r] = (Double) v;
        case DECIMAL -> ((DecimalColumnVector) cv).set(r, HiveDecimal.create((BigDecimal) v));
        case TIMESTAMP ->
            ((TimestampColumnVector) cv)
                .set(r, Timestamp.from(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
      }
    }
    estimate += 4L * row.length;
    if (batch.size == batch.getMaxSize()) {
      flush();
    }
  }

  private void flush() throws IOException {
    if (batch.size > 0) {
      writer.addRowBatch(batch);
      batch.reset();
    }
  }

  /** ORC buffers whole stripes: an estimate from the values' raw sizes, a third compressed. */
  @Override
  public long bytes() {
    return estimate / 3;
  }

  @Override
  public void close() throws IOException {
    flush();
    writer.close();
  }
}
