package io.batchkit.hive.rules;

import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.rules.RowCleaner;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.hive.Arguments;
import java.util.ArrayList;
import java.util.List;
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
  private transient CsvRecordParser parser;
  private transient RowCleaner cleaner;
  private transient Object[] values;
  private final transient List<Violation> violations = new ArrayList<>();
  private final transient ViolationRows result = new ViolationRows();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    Schema schema = SchemaArgument.load(NAME, 0, Arguments.constantText(NAME, args, 0, "schema"));
    in = Arguments.text(NAME, args, 1, "line");
    parser = new CsvRecordParser(schema.format());
    cleaner = new RowCleaner(schema);
    values = new Object[schema.columns().size()];
    return ObjectInspectorFactory.getStandardListObjectInspector(BkViolations.violationInspector());
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object v = args[1].get();
    if (v == null) {
      return null;
    }
    String text = in.getPrimitiveJavaObject(v).toString();
    violations.clear();
    int bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      violations.add(new Violation(null, Rule.ENCODING, "not valid text at character " + bad));
    } else {
      try {
        cleaner.clean(parser.parse(text), values, violations);
      } catch (MalformedRecordException e) {
        violations.add(new Violation(null, Rule.MALFORMED, e.getMessage()));
      }
    }
    return result.list(violations);
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
