package io.batchkit.hive.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspectorFactory;
import org.junit.jupiter.api.Test;

class BkViolationsTest {
  static final Path TRIPS = Path.of("../examples/trips.yaml").toAbsolutePath();

  static ObjectInspector[] args(String schema, int fields) {
    ObjectInspector[] a = new ObjectInspector[fields + 1];
    a[0] = Inspectors.constant(schema);
    for (int i = 1; i <= fields; i++) {
      a[i] = Inspectors.string();
    }
    return a;
  }

  static List<String> violations(BkViolations f, String... row) throws Exception {
    Object[] values = new Object[row.length + 1];
    values[0] = "schema";
    System.arraycopy(row, 0, values, 1, row.length);
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) f.evaluate(Inspectors.values(values))) {
      Object[] s = (Object[]) v;
      out.add(s[0] + " " + s[1] + " " + s[2]);
    }
    return out;
  }

  @Test
  void aRawTripRowGetsTheViolationsCleanWouldQuarantineItFor() throws Exception {
    BkViolations f = new BkViolations();
    f.initialize(args("file://" + TRIPS, 11));
    String[] clean = {
      "1",
      "2024-01-31 10:00:00",
      "2024-01-31 10:20:00",
      "2",
      "3.5",
      "10",
      "20",
      "12.50",
      "n",
      " a  b ",
      "1"
    };
    assertEquals(List.of(), violations(f, clean));
    String[] bad = clean.clone();
    bad[0] = "7"; // allowed: [1, 2]
    bad[7] = "-3"; // fare min 0
    bad[1] = "2024-03-10 02:30:00"; // a New York DST gap
    bad[10] = "7"; // rate codes 1..6 and 99
    assertEquals(
        List.of(
            "vendor_id allowed 7",
            "pickup_at nonexistent_time 2024-03-10 02:30:00",
            "fare min -3",
            "rate_code allowed 7"),
        violations(f, bad));
    String[] required = clean.clone();
    required[0] = null; // a NULL is an empty field: vendor_id is required
    assertEquals(List.of("vendor_id required "), violations(f, required));
  }

  @Test
  void theTableFunctionGivesARowPerViolation() throws Exception {
    BkExplodeViolations t = new BkExplodeViolations();
    List<Object[]> rows = new ArrayList<>();
    t.setCollector(r -> rows.add((Object[]) r));
    ObjectInspector[] a = args("file://" + TRIPS, 11);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      names.add("c" + i);
    }
    t.initialize(ObjectInspectorFactory.getStandardStructObjectInspector(names, Arrays.asList(a)));
    t.process(new Object[] {"s", "9", "x", "", "", "", "", "", "", "", "", ""});
    List<String> got = new ArrayList<>();
    for (Object[] r : rows) {
      got.add(r[0] + " " + r[1]);
    }
    assertEquals(List.of("vendor_id allowed", "pickup_at type"), got);
  }

  @Test
  void theSchemaMayBeGivenAsYamlAndItsErrorsNameTheFunction() throws Exception {
    BkViolations f = new BkViolations();
    f.initialize(args("name: t\ncolumns:\n  - {name: n, type: int, max: 5}\n", 1));
    assertEquals(List.of("n max 6"), violations(f, "6"));
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () -> new BkViolations().initialize(args("file:///nope.yaml", 1)));
    assertTrue(
        e.getMessage().startsWith("bk_violations: cannot read schema file:///nope.yaml"),
        e.getMessage());
  }
}
