package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.core.types.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Widening along int, bigint, decimal, double, each case worked out by hand. */
class SchemaEvolutionTest {

  static String widened(String type, String... values) {
    ColumnEvidence e = new ColumnEvidence().withoutKey();
    for (String v : values) {
      e.add(v);
    }
    ColumnType t = SchemaEvolution.widened(ColumnType.parse(type), e);
    return t == null ? null : t.hiveName();
  }

  @Test
  void theNarrowestWiderTypeThatReadsEveryValue() {
    assertNull(widened("int", "1", "-2147483648", "2147483647", ""));
    assertEquals("bigint", widened("int", "1", "3000000000"));
    assertEquals("bigint", widened("int", "-2147483649"));
    assertNull(widened("bigint", "1", "9223372036854775"));
    assertNull(widened("decimal(8,2)", "123456.78", "5"));
    assertEquals("decimal(9,2)", widened("decimal(8,2)", "123456.78", "1234567.5"));
    assertEquals("decimal(10,2)", widened("decimal(4,2)", "12345678", "1.5"));
  }

  /** What the schema's type states besides range (whole numbers, a scale) is a rule, not drift. */
  @Test
  void fractionsAndExtraDecimalsAreRuleBreachesNotDrift() {
    assertNull(widened("int", "1", "2.5"));
    assertNull(widened("bigint", "1", "1.25"));
    assertNull(widened("int", "1", "1.5e3"));
    assertNull(widened("decimal(8,2)", "1.125"));
    assertNull(widened("decimal(8,2)", "1234567.125"));
  }

  @Test
  void aValueNoNumberReadsWidensNothing() {
    assertNull(widened("int", "3000000000", "many"));
    assertNull(widened("int", "3000000000", "0042")); // a code, as infer sees it
    assertNull(widened("string", "1"));
    assertNull(widened("date", "2024-01-01"));
  }

  @Test
  void newColumnsAreTypedAsInferTypesThem() {
    Schema s =
        SchemaParser.parse(
            ("name: t\nformat: {header: by_name}\nschema_changes: add_columns\n"
                    + "columns:\n  - {name: id, type: int, min: 0, max: 100, allowed: [1, 2]}\n")
                .getBytes(StandardCharsets.UTF_8),
            "t.yaml");
    ColumnEvidence when = new ColumnEvidence();
    for (String v : List.of("31.12.2023", "01.02.2024", "")) {
      when.add(v);
    }
    ColumnEvidence id = new ColumnEvidence();
    id.add("5000000000");
    Map<String, ColumnEvidence> added = new LinkedHashMap<>();
    added.put("Booked On", when);
    added.put("ID", new ColumnEvidence()); // a known column, whatever its case: not added
    List<SchemaChange> changes =
        SchemaEvolution.changes(s, added, Map.of("id", id), Set.of(), false);
    assertEquals(2, changes.size(), changes.toString());
    assertEquals(
        "widened `id` int -> bigint (values from 5000000000 to 5000000000)", changes.get(0).line());
    assertEquals(SchemaChange.Kind.ADDED, changes.get(1).kind());
    assertEquals("booked_on", changes.get(1).column());
    assertEquals("date", changes.get(1).type());
    assertEquals(List.of("dd.MM.yyyy"), changes.get(1).formats());

    Schema v2 = SchemaChange.apply(s, changes);
    assertEquals("bigint", v2.column("id").type().hiveName());
    assertEquals(0L, v2.column("id").min()); // the bounds read as the wider type
    assertEquals(100L, v2.column("id").max());
    assertTrue(v2.column("id").allowed().contains(2L));
    assertEquals(List.of("dd.MM.yyyy"), v2.column("booked_on").formats());
    assertTrue(!v2.column("booked_on").required());
    // Applied twice (a run that starts from the history): nothing more.
    assertEquals(v2.columns(), SchemaChange.apply(v2, changes).columns());
  }

  @Test
  void thePolicyNeedsHeadersByName() {
    SchemaException e =
        assertThrows(
            SchemaException.class,
            () ->
                SchemaParser.parse(
                    ("name: t\nformat: {header: false}\nschema_changes: add_columns\n"
                            + "columns:\n  - {name: id, type: int}\n")
                        .getBytes(StandardCharsets.UTF_8),
                    "t.yaml"));
    assertTrue(e.getMessage().contains("the files need a header"), e.getMessage());
    // With a header, the policy reads it by name.
    assertTrue(
        SchemaParser.parse(
                "name: t\nschema_changes: ignore\ncolumns:\n  - {name: id, type: int}\n"
                    .getBytes(StandardCharsets.UTF_8),
                "t.yaml")
            .format()
            .byName());
    e =
        assertThrows(
            SchemaException.class,
            () ->
                SchemaParser.parse(
                    ("name: t\nformat: {header: by_name}\nschema_changes: add\n"
                            + "columns:\n  - {name: id, type: int}\n")
                        .getBytes(StandardCharsets.UTF_8),
                    "t.yaml"));
    assertTrue(e.getMessage().contains("t.yaml:3"), e.getMessage());
    assertTrue(e.getMessage().contains("use fail, add_columns or ignore"), e.getMessage());
    assertEquals(
        SchemaChanges.FAIL,
        SchemaParser.parse(
                "name: t\ncolumns:\n  - {name: id, type: int}\n".getBytes(StandardCharsets.UTF_8),
                "t.yaml")
            .schemaChanges());
  }
}
