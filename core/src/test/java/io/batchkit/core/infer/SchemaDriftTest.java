package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a crawler's re-run reports, on schemas written by hand with the expected lines. */
class SchemaDriftTest {
  static Schema schema(String... lines) {
    return SchemaParser.parse(
        String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  static List<String> drift(Schema was, Schema now) {
    return SchemaDrift.between(was, now).stream().map(SchemaDrift.Change::line).toList();
  }

  static final Schema SALES =
      schema(
          "name: sales",
          "format: {delimiter: \",\", header: true}",
          "columns:",
          "  - {name: id, type: int, min: 1, max: 100}",
          "  - {name: state, type: string, allowed: [NY, NJ]}",
          "  - {name: fare, type: \"decimal(10,2)\", min: 0}",
          "  - {name: day, type: date, formats: [yyyy-MM-dd]}",
          "  - {name: note, type: string}",
          "");

  @Test
  void everyKindOfChangeIsReportedOnce() {
    Schema seen =
        schema(
            "name: sales",
            "format: {delimiter: \";\", header: true}",
            "columns:",
            "  - {name: id, type: bigint, min: 1, max: 3000000000}",
            // 8 integer digits seen, 2 added by infer: decimal(10,2) still holds them.
            "  - {name: Fare, type: \"decimal(12,2)\", min: 0}",
            "  - {name: state, type: string, allowed: [NY, NJ, CT]}",
            "  - {name: day, type: date, formats: [dd/MM/yyyy]}",
            "  - {name: discount, type: double}",
            "");
    assertEquals(
        List.of(
            "another delimiter: ',' in the schema, ';' in the files",
            "new column `discount` (double) at position 5",
            "missing column `note`: no file has it",
            "columns in another order: id, fare, state, day (the schema: id, state, fare, day)",
            "widened: `id` int -> bigint",
            "outside allowed: `state` [CT] (allowed: [NJ, NY])",
            "another format: `day` [yyyy-MM-dd] -> [dd/MM/yyyy]"),
        drift(SALES, seen));
  }

  @Test
  void headersDifferingBetweenFilesAreAChangeToASchemaReadingByPosition() {
    Schema moved =
        schema(
            "name: sales",
            "format: {delimiter: \",\", header: true}",
            "columns:",
            "  - {name: fare, type: \"decimal(10,2)\", min: 0}",
            "  - {name: id, type: int, min: 1, max: 100}",
            "  - {name: state, type: string, allowed: [NY, NJ]}",
            "  - {name: day, type: date, formats: [yyyy-MM-dd]}",
            "  - {name: note, type: string}",
            "");
    assertEquals(1, drift(SALES, moved).size(), "the order is a change");
    Schema byName =
        SchemaParser.parse(
            String.join("\n", "name: sales", "format: {header: by_name}", "columns:")
                .concat("\n")
                .concat(
                    String.join(
                        "\n",
                        "  - {name: id, type: int, min: 1, max: 100}",
                        "  - {name: state, type: string, allowed: [NY, NJ]}",
                        "  - {name: fare, type: \"decimal(10,2)\", min: 0}",
                        "  - {name: day, type: date, formats: [yyyy-MM-dd]}",
                        "  - {name: note, type: string}",
                        ""))
                .getBytes(StandardCharsets.UTF_8),
            "test.yaml");
    // Reported for a schema reading by name too (clean reads it; the crawler says what moved).
    assertEquals(drift(SALES, moved), drift(byName, moved));
    assertEquals(
        List.of(
            "the files' headers differ from one file to the next: header: by_name reads each file"
                + " by its own"),
        drift(SALES, byName));
  }

  @Test
  void boundsAndNarrowerTypesAndTheSameSchema() {
    Schema seen =
        schema(
            "name: sales",
            "format: {delimiter: \",\", header: true}",
            "columns:",
            "  - {name: id, type: int, min: 0, max: 250}",
            "  - {name: state, type: string, allowed: [NJ]}",
            "  - {name: fare, type: int, min: 0, max: 99999999}",
            "  - {name: day, type: date, formats: [yyyy-MM-dd]}",
            "  - {name: note, type: string}",
            "");
    assertEquals(
        List.of("below min: `id` min 1, seen 0", "above max: `id` max 100, seen 250"),
        drift(SALES, seen));
    assertEquals(List.of(), drift(SALES, SALES));
    // Integers too large for decimal(10,2)'s 8 integer digits must widen it.
    Schema big =
        schema(
            "name: sales",
            "format: {delimiter: \",\", header: true}",
            "columns:",
            "  - {name: id, type: int}",
            "  - {name: state, type: string}",
            "  - {name: fare, type: bigint, min: 0, max: 123456789012}",
            "  - {name: day, type: date, formats: [yyyy-MM-dd]}",
            "  - {name: note, type: string}",
            "");
    assertEquals(List.of("widened: `fare` decimal(10,2) -> bigint"), drift(SALES, big));
  }
}
