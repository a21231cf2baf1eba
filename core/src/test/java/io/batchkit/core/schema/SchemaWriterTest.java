package io.batchkit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.types.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaWriterTest {
  static final String RAW =
      String.join(
          "\n",
          "name: t",
          "columns:",
          "  - {name: id, type: bigint, required: true, min: 1}",
          "  - {name: at, type: timestamp, formats: [\"MM/dd/yyyy HH:mm\"], timezone: Europe/Paris}",
          "  - {name: amount, type: \"decimal(12,3)\", description: \"a \\\"tab\\\"\\there\"}",
          "keys: [id]",
          "partition: {name: month, from: at, granularity: month, timezone: Europe/Paris}",
          "");

  @Test
  void theDerivedSchemaReadsBackWithTheSameColumnsKeysAndPartition() {
    Schema raw = SchemaParser.parse(RAW.getBytes(StandardCharsets.UTF_8), "raw.yaml");
    List<Column> columns = new ArrayList<>(raw.columns());
    columns.add(SchemaWriter.plainColumn("extra", ColumnType.parse("date"), null));
    String yaml = SchemaWriter.derived(raw, columns, "derived");
    Schema back = SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "derived.yaml");
    assertEquals(
        List.of("id", "at", "amount", "extra"), back.columns().stream().map(Column::name).toList());
    assertEquals(
        List.of("bigint", "timestamp", "decimal(12,3)", "date"),
        back.columns().stream().map(c -> c.type().hiveName()).toList());
    assertEquals(List.of("id"), back.keys());
    assertEquals(raw.partition(), back.partition());
    assertEquals('\t', back.format().delimiter());
    assertEquals("a \"tab\"\there", back.columns().get(2).description());
    // the rules were applied upstream: none are carried over
    assertEquals(null, back.columns().get(0).min());
  }
}
