package io.batchkit.mr.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.UsageException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FilterTest {
  static final Schema SCHEMA =
      SchemaParser.parse(
          String.join(
                  "\n",
                  "name: inspections",
                  "columns:",
                  "  - {name: name, type: string}",
                  "  - {name: violation_type, type: string}",
                  "  - {name: score, type: \"decimal(5,1)\"}",
                  "")
              .getBytes(StandardCharsets.UTF_8),
          "t.yaml");

  static boolean test(String filter, Object... row) throws UsageException {
    return Filter.parse("aggregate", filter, SCHEMA).test(row);
  }

  @Test
  void predicatesBehaveAsInSql() throws UsageException {
    Object[] red = {"Joe's", "RED", new BigDecimal("12.5")};
    assertEquals(true, test("violation_type = 'RED'", red));
    assertEquals(false, test("violation_type != 'RED'", red));
    assertEquals(true, test("score >= 12.5 and score < 13", red));
    assertEquals(true, test("name = 'Joe''s'", red));
    assertEquals(true, test("violation_type in ('BLUE', 'RED')", red));
    assertEquals(false, test("violation_type in ('BLUE')", red));
    assertEquals(true, test("score is not null", red));
    Object[] nulls = {null, null, null};
    assertEquals(true, test("score is null", nulls));
    // a comparison with null is false, both ways
    assertEquals(false, test("score > 1", nulls));
    assertEquals(false, test("score <= 1", nulls));
  }

  @Test
  void mistakesNameWhatWasExpected() {
    assertEquals(
        "aggregate: --filter: no column 'colour' in inspections (in: colour = 'RED')",
        assertThrows(UsageException.class, () -> test("colour = 'RED'")).getMessage());
    assertEquals(
        "aggregate: --filter: expected 'and' but found 'or' (in: score > 1 or score < 0; only 'and'"
            + " joins predicates)",
        assertThrows(UsageException.class, () -> test("score > 1 or score < 0")).getMessage());
    assertThrows(UsageException.class, () -> test("name = 'open"));
    assertThrows(UsageException.class, () -> test("score ~ 3"));
  }
}
