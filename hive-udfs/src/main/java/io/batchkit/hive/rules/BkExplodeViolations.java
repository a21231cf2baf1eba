package io.batchkit.hive.rules;

import io.batchkit.core.rules.Violation;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDTF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.StructObjectInspector;

/** One output row per violation of a raw row: data-quality reports in plain SQL. */
@Description(
    name = "bk_explode_violations",
    value =
        "_FUNC_(schema, field1, field2, ...) - one row (column, rule, value) per violation of a"
            + " raw row against a batchkit schema; no row when the row is clean",
    extended =
        "Arguments as bk_violations.\n"
            + "Example:\n"
            + "  > SELECT v.rule, v.column, count(*) FROM raw_trips LATERAL VIEW\n"
            + "  >   _FUNC_('hdfs:///schemas/trips.yaml', vendor_id, pickup_at, ...) v\n"
            + "  >   GROUP BY v.rule, v.column;\n"
            + "  min\tfare\t507")
public final class BkExplodeViolations extends GenericUDTF {
  private final transient BkViolations check = new BkViolations("bk_explode_violations");
  private final transient ViolationRows rows = new ViolationRows();
  private transient Field[] deferred;

  /** A row's argument, handed to the checks without a new object per argument per row. */
  private static final class Field implements GenericUDF.DeferredObject {
    private Object value;

    @Override
    public void prepare(int version) {}

    @Override
    public Object get() {
      return value;
    }
  }

  @Override
  public StructObjectInspector initialize(StructObjectInspector argOIs)
      throws UDFArgumentException {
    List<? extends org.apache.hadoop.hive.serde2.objectinspector.StructField> fields =
        argOIs.getAllStructFieldRefs();
    ObjectInspector[] args = new ObjectInspector[fields.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = fields.get(i).getFieldObjectInspector();
    }
    check.initialize(args);
    deferred = new Field[args.length];
    for (int i = 0; i < deferred.length; i++) {
      deferred[i] = new Field();
    }
    return (StructObjectInspector) BkViolations.violationInspector();
  }

  @Override
  public void process(Object[] args) throws HiveException {
    for (int i = 0; i < args.length; i++) {
      deferred[i].value = args[i];
    }
    List<Violation> violations = check.check(deferred);
    for (int i = 0; i < violations.size(); i++) {
      forward(rows.row(i, violations.get(i)));
    }
  }

  @Override
  public void close() {}
}
