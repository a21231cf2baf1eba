package io.batchkit.hive.rules;

import io.batchkit.core.record.RawRecords;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.hive.Arguments;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;

/**
 * A raw CSV record, as one line of text, checked as {@code clean} checks it: split with the
 * schema's CSV format (so a field count or quoting problem is caught as {@code clean} catches it),
 * then every column's rules.
 */
@Description(
    name = "bk_record_violations",
    value =
        "_FUNC_(schema, line) - the violations of one raw CSV record (the whole line) against a"
            + " batchkit schema: array<struct<column:string, rule:string, value:string>>",
    extended =
        "Read the raw files as one string column (ROW FORMAT DELIMITED FIELDS TERMINATED BY"
            + " '\\u0001', skip.header.line.count 1) and the records this flags are the records"
            + " clean quarantines. Text that was not valid in the file's encoding arrives as U+FFFD"
            + " and is flagged as rule encoding.\n"
            + "Example:\n"
            + "  > SELECT count(*) FROM raw_lines\n"
            + "  >   WHERE line != '' AND size(_FUNC_('hdfs:///schemas/trips.yaml', line)) > 0;\n"
            + "  8062")
public final class BkRecordViolations extends GenericUDF {
  static final String NAME = "bk_record_violations";
  private transient PrimitiveObjectInspector in;
  private transient RawRecords records;
  private final transient ViolationRows result = new ViolationRows();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    Schema schema = SchemaArgument.load(NAME, 0, Arguments.constantText(NAME, args, 0, "schema"));
    in = Arguments.text(NAME, args, 1, "line");
    records = Records.checker(schema);
    return ObjectInspectorFactory.getStandardListObjectInspector(BkViolations.violationInspector());
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object v = args[1].get();
    if (v == null) {
      return null;
    }
    records.check(in.getPrimitiveJavaObject(v).toString());
    return result.list(records.violations());
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
