package io.batchkit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes made in a schema's own text; the expected files written out by hand. */
class SchemaPatchTest {
  static final List<SchemaChange> CHANGES =
      List.of(
          new SchemaChange(SchemaChange.Kind.WIDENED, "qty", "bigint", List.of(), "int", "seen"),
          new SchemaChange(
              SchemaChange.Kind.ADDED, "shipped", "date", List.of("MM/dd/yyyy"), null, "new"));

  static String patch(String yaml) {
    return SchemaPatch.apply(
        yaml.getBytes(StandardCharsets.UTF_8), "t.yaml", CHANGES, List.of("evolved: 2 changes"));
  }

  @Test
  void blockColumnsKeepTheirCommentsAndGainALineInTheirStyle() {
    String yaml =
        String.join(
            "\n",
            "name: orders # the feed",
            "format: {header: by_name}",
            "columns:",
            "  - {name: id, type: int, required: true}",
            "  # how many",
            "  - {name: qty, type: int, min: 0}",
            "  - name: price",
            "    type: \"decimal(8,2)\"",
            "    min: 0",
            "",
            "checks:",
            "  - {metric: rows, min: 1}",
            "");
    String expected =
        String.join(
            "\n",
            "# evolved: 2 changes",
            "name: orders # the feed",
            "format: {header: by_name}",
            "columns:",
            "  - {name: id, type: int, required: true}",
            "  # how many",
            "  - {name: qty, type: \"bigint\", min: 0}",
            "  - name: price",
            "    type: \"decimal(8,2)\"",
            "    min: 0",
            "  - {name: \"shipped\", type: \"date\", formats: [\"MM/dd/yyyy\"]}",
            "",
            "checks:",
            "  - {metric: rows, min: 1}",
            "");
    String patched = patch(yaml);
    assertEquals(expected, patched);
    Schema s = SchemaParser.parse(patched.getBytes(StandardCharsets.UTF_8), "patched");
    assertEquals("bigint", s.column("qty").type().hiveName());
    assertEquals(0L, s.column("qty").min());
    assertEquals(List.of("MM/dd/yyyy"), s.column("shipped").formats());
  }

  @Test
  void flowColumnsGainAnItemBeforeTheirBracket() {
    String yaml = "name: t\ncolumns: [{name: id, type: int}, {name: qty, type: int}]\n";
    assertEquals(
        "# evolved: 2 changes\nname: t\ncolumns: [{name: id, type: int}, {name: qty, type:"
            + " \"bigint\"}, {name: \"shipped\", type: \"date\", formats: [\"MM/dd/yyyy\"]}]\n",
        patch(yaml));
  }

  @Test
  void aLastColumnWrittenAsABlockMappingIsFollowedNotSplit() {
    String yaml = "name: t\ncolumns:\n- name: qty\n  type: int\n# end\n";
    String patched = patch(yaml);
    assertTrue(
        patched.endsWith(
            "- name: qty\n  type: \"bigint\"\n- {name: \"shipped\", type: \"date\","
                + " formats: [\"MM/dd/yyyy\"]}\n# end\n"),
        patched);
  }
}
