package io.batchkit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  @Test
  void fieldsIndicesAndNamesInBackticks() {
    assertEquals(List.of("user", "address", "city"), JsonPath.parse("user.address.city").steps());
    assertEquals(List.of("items", 0, "sku"), JsonPath.parse("items[0].sku").steps());
    assertEquals(List.of("m", 1, 22), JsonPath.parse("m[1][22]").steps());
    assertEquals(List.of("log.level"), JsonPath.parse("`log.level`").steps());
    assertEquals(
        List.of("http", "request.method"), JsonPath.parse("http.`request.method`").steps());
    assertEquals(List.of("a[0]", 3, "b`c"), JsonPath.parse("`a[0]`[3].`b``c`").steps());
    assertEquals(List.of("", "x"), JsonPath.parse("``.x").steps());
    assertEquals(
        List.of("@timestamp", "Sub Total", "a`b"),
        JsonPath.parse("@timestamp.Sub Total.a`b").steps());
  }

  @Test
  void whatIsNotAPathIsNamed() {
    for (String bad :
        List.of(
            "",
            ".a",
            "a.",
            "a..b",
            "a[x]",
            "a[]",
            "a[1234567890]",
            "a]",
            "[0]",
            "`a",
            "`a`b",
            "a[0]b")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JsonPath.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("'" + bad + "' is not a path"), e.getMessage());
    }
  }

  /** Names quoted where they must be read back as the same steps, and in one canonical text. */
  @Test
  void quotedNamesReadBackAsTheyWere() {
    Random random = new Random(7);
    String alphabet = "ab.[]`_ 9é";
    for (int n = 0; n < 5_000; n++) {
      List<Object> steps = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int depth = 1 + random.nextInt(4);
      for (int d = 0; d < depth; d++) {
        StringBuilder name = new StringBuilder();
        for (int k = random.nextInt(5); k > 0; k--) {
          name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        steps.add(name.toString());
        text.append(d == 0 ? "" : ".").append(JsonPath.quote(name.toString()));
        for (int k = random.nextInt(3) == 0 ? 1 : 0; k > 0; k--) {
          int index = random.nextInt(100);
          steps.add(index);
          text.append('[').append(index).append(']');
        }
      }
      JsonPath path = JsonPath.parse(text.toString());
      assertEquals(steps, path.steps(), text.toString());
      assertEquals(text.toString(), path.canonical(), "quote writes the canonical text");
    }
    assertEquals("user.id", JsonPath.parse("`user`.`id`").canonical());
    assertEquals("`log.level`[2]", JsonPath.parse("`log.level`[2].x").canonical(2));
  }
}
