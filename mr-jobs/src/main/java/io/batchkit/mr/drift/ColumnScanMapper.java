package io.batchkit.mr.drift;

import io.batchkit.core.infer.ColumnEvidence;
import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType.Kind;
import io.batchkit.mr.io.InputSegments;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.RecordLimits;
import io.batchkit.mr.io.TaskLines;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Reads every record of its files, each file's header saying where the columns are (JSON records:
 * each field's path, {@link JsonFieldScan}), into the evidence of the columns a run may change:
 * those the schema lacks, and its numeric ones. Emits each column's evidence once, at the end,
 * keyed {@code added<TAB>name} or {@code numeric<TAB>name}; an added column's value starts with the
 * file, header position and name as written where the task first saw it, so that the driver can
 * order new columns as the files do.
 */
public class ColumnScanMapper extends Mapper<LongWritable, Text, Text, BytesWritable> {
  static final String ADDED = "added\t";
  static final String NUMERIC = "numeric\t";

  private Schema schema;
  private RecordDecoder decoder;
  private CsvRecordParser parser;
  private InputSegments segments;
  private final Map<String, String> known = new HashMap<>();
  private final Map<String, ColumnEvidence> evidence = new LinkedHashMap<>();
  private final Map<String, String> firstSeen = new HashMap<>();
  private ColumnEvidence[] slots = new ColumnEvidence[0];
  private int width = -1;
  private JsonFieldScan json;

  @Override
  protected void setup(Context context) {
    schema = JobSchema.load(context.getConfiguration());
    decoder = new RecordDecoder(schema.format().encoding());
    parser = new CsvRecordParser(schema.format());
    segments = new InputSegments(context.getInputSplit());
    json = schema.format().json() ? new JsonFieldScan(schema, evidence, firstSeen) : null;
    for (Column c : schema.columns()) {
      known.put(ColumnNames.fold(c.name()), c.name());
      Kind k = c.type().kind();
      if (k == Kind.INT || k == Kind.BIGINT || k == Kind.DECIMAL) {
        evidence.put(NUMERIC + c.name(), new ColumnEvidence().withoutKey());
      }
    }
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    setup(context);
    try {
      TaskLines lines = TaskLines.plain(context);
      while (lines.next()) {
        map(lines.key(), lines.value(), context);
      }
    } catch (IOException e) {
      // An unreadable file: the clean that follows says so, by its --bad-files rule; the scan
      // only knows less (a column it did not see widened has its rows quarantined).
      context.getCounter("batchkit scan", "unreadable splits").increment(1);
    } finally {
      cleanup(context);
    }
  }

  @Override
  protected void map(LongWritable key, Text value, Context context) {
    segments.at(key);
    String text = decoder.decode(value.getBytes(), value.getLength());
    if (text.indexOf('\uFFFD') >= 0
        && decoder.invalidAt(value.getBytes(), value.getLength()) >= 0) {
      return; // not text in the schema's encoding: clean quarantines it, it types nothing
    }
    if (json != null) {
      json.record(segments.file(), RecordLimits.offset(key.get()), text);
      return;
    }
    List<String> fields;
    try {
      fields = parser.parse(text);
    } catch (MalformedRecordException e) {
      return; // clean quarantines it
    }
    if (RecordLimits.offset(key.get()) == 0) {
      header(fields);
    } else if (fields.size() == width && !(text.isBlank() && width > 1)) {
      for (int f = 0; f < width; f++) {
        if (slots[f] != null) {
          String v = fields.get(f);
          slots[f].add(schema.nulls().contains(v) ? "" : v);
        }
      }
    }
  }

  private void header(List<String> names) {
    width = names.size();
    slots = new ColumnEvidence[width];
    Set<String> seen = new java.util.HashSet<>();
    for (int f = 0; f < width; f++) {
      String folded = ColumnNames.fold(names.get(f));
      if (!seen.add(folded)) {
        continue; // a repeated name: the header check refuses the file
      }
      String column = known.get(folded);
      String key = column == null ? ADDED + folded : NUMERIC + column;
      if (column == null) {
        evidence.computeIfAbsent(key, k -> new ColumnEvidence().withoutKey());
        firstSeen.putIfAbsent(key, segments.file() + "\t" + f + "\t" + names.get(f));
      }
      slots[f] = evidence.get(key);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    for (Map.Entry<String, ColumnEvidence> e : evidence.entrySet()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(firstSeen.getOrDefault(e.getKey(), ""));
        e.getValue().write(out);
      }
      byte[] b = bytes.toByteArray();
      context.write(new Text(e.getKey()), new BytesWritable(b));
    }
  }
}
