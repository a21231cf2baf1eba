package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.JsonRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.InputSegments;
import io.batchkit.mr.io.RecordCounter;
import io.batchkit.mr.io.TaskLines;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Reads a file's records up to {@code --sample-rows} into evidence. Every tenth record is held out:
 * its evidence is kept apart and its text sent on, for the reducer to check a schema learned
 * without it, as Deequ checks its suggestions. Both evidences go out at the end under key {@link
 * #EVIDENCE}, which sorts before {@link #HELD_OUT}.
 */
public class InferMapper extends Mapper<LongWritable, Text, Text, BytesWritable>
    implements BadFiles.Reading {
  static final Text EVIDENCE = new Text("1");
  static final Text HELD_OUT = new Text("2");
  static final int HOLD_OUT_EVERY = 10;

  private Dialect dialect;
  private RecordDecoder decoder;
  private CsvRecordParser parser;
  private JsonRecordParser json;
  private SampleEvidence learned;
  private SampleEvidence heldOut;
  private long sampleRows;
  private long read;
  private InputSegments segments;
  private String file;
  private long fileRecords;
  private long fileRead;

  /** With headers read by name, where the current file holds each column. */
  private FilePositions positions;

  private Context context;
  private final BytesWritable bytes = new BytesWritable();
  private RecordCounter readCount;
  private RecordCounter heldOutCount;
  private RecordCounter learnedCount;
  private RecordCounter multilineCount;
  private RecordCounter raggedCount;

  /** Whether the last JSON object read had no line break after it (only a file's last may not). */
  private boolean lineLeftOpen;

  @Override
  protected void setup(Context context) {
    dialect = Dialects.load(context.getConfiguration());
    decoder = new RecordDecoder(dialect.encoding());
    parser = new CsvRecordParser(dialect.format(true));
    json = dialect.json() == null ? null : new JsonRecordParser(dialect.json().columns());
    learned = new SampleEvidence(dialect.columns(), false);
    heldOut = new SampleEvidence(dialect.columns(), true);
    sampleRows = context.getConfiguration().getLong(InferConfigKeys.SAMPLE_ROWS, 0);
    segments = new InputSegments(context.getInputSplit());
    file = segments.file();
    this.context = context;
    readCount = new RecordCounter(context.getCounter(InferCounter.READ));
    heldOutCount = new RecordCounter(context.getCounter(InferCounter.HELD_OUT));
    learnedCount = new RecordCounter(context.getCounter(InferCounter.LEARNED));
    multilineCount = new RecordCounter(context.getCounter(InferCounter.MULTILINE));
    raggedCount = new RecordCounter(context.getCounter(InferCounter.RAGGED));
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    setup(context);
    try {
      TaskLines lines = new TaskLines(context, segments, this);
      while (lines.next()) {
        if (sampleRows > 0 && fileRead >= sampleRows) {
          if (segments.last()) {
            break; // the rest of the task's last file is never read
          }
          continue; // the rest of a small file packed with others: passed over
        }
        map(lines.key(), lines.value(), context);
      }
    } finally {
      cleanup(context);
    }
  }

  /** A packed split's next file: its header is recorded under its own name. */
  @Override
  public void segmentStarted() {
    file = segments.file();
    fileRecords = 0;
    fileRead = 0;
  }

  @Override
  public long lines() {
    return fileRecords;
  }

  /** With --bad-files skip: what was read of the file is evidence; the driver names the file. */
  @Override
  public void skipped(String reason) {
    context.getCounter(JobTool.UNREADABLE_FILES, file).increment(1);
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context)
      throws IOException, InterruptedException {
    fileRecords++;
    String text = decoder.decode(value.getBytes(), value.getLength());
    if (offset.get() == 0) {
      lineLeftOpen = false; // a new file: the last one's last object may end without a line break
    }
    if (offset.get() == 0 && dialect.header()) {
      learned.headers.put(file, text);
      if (dialect.byName()) {
        positions = FilePositions.of(dialect.names(), parser, text);
      }
      return;
    }
    if (text.isEmpty() && dialect.columns() > 1 || json != null && text.isBlank()) {
      return; // a blank line, skipped by clean too
    }
    read++;
    fileRead++;
    readCount.increment();
    if (json != null) {
      countSharedLines(text);
    }
    List<String> fields;
    try {
      fields = json == null ? parser.parse(text) : jsonFields(text);
    } catch (MalformedRecordException e) {
      fields = null;
    }
    if (fields != null && positions != null) {
      fields = positions.columns(fields);
    }
    boolean heldOut = read % HOLD_OUT_EVERY == 0;
    byte[] held = null;
    if (heldOut && positions != null && !positions.inOrder()) {
      // The check reads a held-out record in the proposal's order, as clean reads it by name.
      String line = fields == null ? null : FilePositions.line(fields, dialect);
      heldOut = line != null;
      held = line == null ? null : line.getBytes(dialect.encoding());
    }
    SampleEvidence into = heldOut ? this.heldOut : learned;
    if (heldOut) {
      heldOutCount.increment();
      byte[] b = held != null ? held : value.copyBytes();
      bytes.set(b, 0, b.length);
      context.write(HELD_OUT, bytes);
    } else {
      learnedCount.increment();
    }
    if (json == null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
      into.multiline++;
      multilineCount.increment();
    }
    if (fields == null || fields.size() != dialect.columns()) {
      into.ragged++;
      raggedCount.increment();
      return;
    }
    into.records++;
    for (int c = 0; c < fields.size(); c++) {
      if (json != null && json.quoted()[c]) {
        into.columns.get(c).addQuoted(fields.get(c));
      } else {
        into.columns.get(c).add(fields.get(c));
      }
    }
    into.pairs.add(fields);
  }

  /**
   * Counts, as multiline, JSON objects that are not alone on their line (spanning lines, or sharing
   * one with the next object) in the learned evidence, held out or not: {@code lines: true} is
   * proposed only when there is none in any file read, as the first file's sniff cannot tell.
   */
  private void countSharedLines(String text) {
    String object = text.stripTrailing(); // the blanks after an object come with it
    boolean spans = object.indexOf('\n') >= 0 || object.indexOf('\r') >= 0;
    if (spans || lineLeftOpen) {
      learned.multiline++;
      multilineCount.increment();
    }
    lineLeftOpen =
        text.indexOf('\n', object.length()) < 0 && text.indexOf('\r', object.length()) < 0;
  }

  /** A JSON record's values by column; "" (a null token) where it has none. */
  private List<String> jsonFields(String text) throws MalformedRecordException {
    json.parse(text);
    String[] f = json.fields();
    String[] out = new String[f.length];
    for (int c = 0; c < f.length; c++) {
      out[c] = f[c] == null || json.mismatches()[c] != null ? "" : f[c];
    }
    return List.of(out);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    for (RecordCounter c :
        List.of(readCount, heldOutCount, learnedCount, multilineCount, raggedCount)) {
      c.flush();
    }
    for (SampleEvidence e : List.of(learned, heldOut)) {
      byte[] b = e.toBytes();
      bytes.set(b, 0, b.length);
      context.write(EVIDENCE, bytes);
    }
  }
}
