package io.batchkit.mr.clean;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.drift.SchemaPolicy;
import io.batchkit.mr.drift.SchemaVersions;
import io.batchkit.mr.io.HeaderCheck;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The schema a {@code clean} run writes with: the schema file's, under its {@code schema_changes}
 * policy (or {@code --schema-changes}), with the changes earlier runs recorded in OUT and those
 * this run's scan calls for; and, once the run is complete, what it records of them.
 */
final class SchemaHistory {
  private final Schema resolved;
  private final SchemaChanges override;
  private final SchemaVersions versions;
  private final List<SchemaChange> recorded;
  private List<SchemaChange> changes = List.of();

  private SchemaHistory(
      Schema resolved,
      SchemaChanges override,
      SchemaVersions versions,
      List<SchemaChange> recorded) {
    this.resolved = resolved;
    this.override = override;
    this.versions = versions;
    this.recorded = recorded;
  }

  /** The history in {@code output} (an incremental run's), or one that starts with this run. */
  static SchemaHistory open(
      String job, Schema file, String option, Path output, boolean incremental, Configuration conf)
      throws UsageException, IOException {
    Schema schema = SchemaPolicy.resolve(job, file, option);
    SchemaChanges override =
        schema.schemaChanges() == file.schemaChanges() ? null : schema.schemaChanges();
    SchemaVersions versions =
        schema.schemaChanges() != SchemaChanges.ADD_COLUMNS
            ? null
            : incremental ? SchemaVersions.of(output, conf) : SchemaVersions.none(output, conf);
    return new SchemaHistory(
        schema, override, versions, versions == null ? List.of() : versions.changes());
  }

  /** Whether the run's files may change the schema ({@code add_columns}): a scan comes first. */
  boolean evolves() {
    return versions != null;
  }

  /** The schema the rows are written with, every change so far applied. */
  Schema schema() {
    return SchemaChange.apply(resolved, all());
  }

  /** The schema before this run's changes, as the scan reads the files with. */
  void storeRecorded(Configuration conf, byte[] yaml, String location) {
    JobSchema.store(conf, yaml, location, recorded, override);
  }

  /** The schema of {@link #schema}, for the tasks. */
  void store(Configuration conf, byte[] yaml, String location) {
    JobSchema.store(conf, yaml, location, all(), override);
  }

  /** What this run's scan called for. */
  void scanned(List<SchemaChange> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * The complete run's record: with {@code add_columns} the version its rows were written with (a
   * new one when they changed) and why; with {@code ignore} the file columns left unread.
   */
  void record(
      Manifest manifest,
      String writtenSchema,
      String run,
      List<FileStatus> inputs,
      PrintStream out,
      Configuration conf)
      throws IOException {
    Schema schema = schema();
    if (versions != null) {
      int version =
          versions.record(writtenSchema, changes, run + " of " + inputs.size() + " file(s)");
      manifest.section("schema_version", version);
      manifest.section("schema_changes", changes.stream().map(SchemaChange::line).toList());
      for (SchemaChange c : changes) {
        out.println(CleanJob.NAME + ": schema " + schema.name() + " v" + version + ": " + c.line());
      }
    } else if (schema.schemaChanges() == SchemaChanges.IGNORE) {
      manifest.section("columns_ignored", HeaderCheck.unknownColumns(schema, inputs, conf));
    }
  }

  private List<SchemaChange> all() {
    List<SchemaChange> all = new ArrayList<>(recorded);
    all.addAll(changes);
    return all;
  }
}
