package io.batchkit.mr.convert;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Parquet as Hive writes it, so that Hive 3 and 4 read it without settings: decimals as
 * fixed-length binary, dates as INT32 {@code DATE}, timestamps as INT96 (UTC wall-clock, what Hive
 * and Impala expect), strings as UTF-8 binary; every column optional.
 */
final class ParquetRowWriter implements ColumnarWriter {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups;
  private final ColumnType[] types;
  private final int[] decimalBytes;

  ParquetRowWriter(Path file, Schema schema, String compression, Configuration conf)
      throws IOException {
    MessageType type = messageType(schema);
    List<Column> cs = schema.columns();
    types = new ColumnType[cs.size()];
    decimalBytes = new int[cs.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = cs.get(i).type();
      if (types[i].kind() == ColumnType.Kind.DECIMAL) {
        decimalBytes[i] = bytesFor(types[i].precision());
      }
    }
    groups = new SimpleGroupFactory(type);
    writer =
        ExampleParquetWriter.builder(file)
            .withConf(conf)
            .withType(type)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withCompressionCodec(
                CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT)))
            .build();
  }

  static MessageType messageType(Schema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : schema.columns()) {
      ColumnType t = c.type();
      switch (t.kind()) {
        case STRING ->
            b.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
        case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
        case BIGINT -> b.optional(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
        case DATE ->
            b.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(c.name());
        case TIMESTAMP -> b.optional(PrimitiveTypeName.INT96).named(c.name());
        case DECIMAL ->
            b.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                .length(bytesFor(t.precision()))
                .as(LogicalTypeAnnotation.decimalType(t.scale(), t.precision()))
                .named(c.name());
      }
    }
    return b.named("hive_schema");
  }

  /** The fewest bytes holding every unscaled value of the precision (Hive's own table). */
  static int bytesFor(int precision) {
    int n = 1;
    while (Math.pow(2, 8 * n - 1) < Math.pow(10, precision)) {
      n++;
    }
    return n;
  }

  @Override
  public void write(Object[] row) throws IOException {
    Group g = groups.newGroup();
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        continue;
      }
      switch (types[i].kind()) {
        case STRING -> g.add(i, Binary.fromString((String) v));
        case INT -> g.add(i, (Integer) v);
        case BIGINT -> g.add(i, (Long) v);
        case DOUBLE -> g.add(i, (Double) v);
        case BOOLEAN -> g.add(i, (Boolean) v);
        case DATE -> g.add(i, (int) ((LocalDate) v).toEpochDay());
        case TIMESTAMP -> g.add(i, nanoTime((LocalDateTime) v));
        case DECIMAL ->
            g.add(i, Binary.fromConstantByteArray(fixed((BigDecimal) v, decimalBytes[i])));
      }
    }
    writer.write(g);
  }

  static NanoTime nanoTime(LocalDateTime utc) {
    long day = utc.toLocalDate().toEpochDay();
    long nanos = utc.toLocalTime().toNanoOfDay();
    return new NanoTime((int) (day + JULIAN_EPOCH_DAY), nanos % NANOS_PER_DAY);
  }

  static byte[] fixed(BigDecimal v, int length) {
    byte[] unscaled = v.unscaledValue().toByteArray();
    byte[] out = new byte[length];
    byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
    int offset = length - unscaled.length;
    for (int i = 0; i < offset; i++) {
      out[i] = pad;
    }
    System.arraycopy(unscaled, 0, out, offset, unscaled.length);
    return out;
  }

  @Override
  public long bytes() {
    return writer.getDataSize();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
