package io.batchkit.mr.register;

import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.JobTool;
import java.io.PrintStream;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code register}: an existing batchkit output's tables in the catalog, from its {@code
 * _SCHEMA.yaml} and manifest, as the job that wrote it registers them with {@code --table}: for
 * outputs written before, or after a run that exited 4. No Hadoop job.
 */
public final class RegisterCommand extends JobTool {
  public static final String NAME = "register";
  public static final String DESCRIPTION =
      "register a finished output as a Hive table (created when absent; its partitions added)";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar register --output OUT --table DB.NAME [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --output OUT        a finished batchkit output (with _SUCCESS): clean, convert,",
          "                      aggregate, enrich, upsert or split's OUT",
          CatalogOptions.USAGE,
          CatalogOptions.QUARANTINE_USAGE,
          "  --overwrite         accepted, as in a pipeline run with --overwrite: nothing is replaced",
          "",
          "Re-running adds nothing twice. Exit codes: 0 registered, 2 a usage problem or a table",
          "that disagrees with the output (nothing changed), 4 the catalog failed.");

  public RegisterCommand() {
    this(System.out, System.err);
  }

  public RegisterCommand(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.withQuarantine(CatalogOptions.with("output")),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new RegisterCommand(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    args.required(NAME, CatalogOptions.TABLE);
    registers(new Path(args.required(NAME, "output")));
    return 0;
  }
}
