package io.batchkit.mr.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.BatchkitDriver;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.Trips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
  @TempDir Path dir;

  static final String PIPELINE =
      """
      name: test
      vars:
        out: OUT
        metrics: "count, sum(fare)"
      steps:
        - name: daily
          job: aggregate
          args:
            input: IN
            group-by: pickup_at:day
            metrics: ${metrics}
            output: ${out}/daily
        - name: enrich
          job: enrich
          args:
            input: IN
            lookup: ZONES
            lookup-schema: ZONES_SCHEMA
            on: pu_zone=zone_id
            prefix: pu_
            output: ${out}/enriched
        - name: split
          job: split
          args:
            input: ${steps.enrich.output}
            output: ${out}/split
      """;

  String pipeline(String metrics) throws Exception {
    Path trips = Trips.cleaned();
    String text =
        PIPELINE
            .replace("IN", trips.resolve("clean").toString())
            .replace("ZONES_SCHEMA", Trips.ZONES_SCHEMA.toString())
            .replace("ZONES", trips.resolve("zones.csv").toString())
            .replace("OUT", dir.resolve("out").toString())
            .replace("count, sum(fare)", metrics);
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, text);
    return file.toString();
  }

  static JobRun run(String... args) throws Exception {
    return JobRun.run(
        Trips.conf(), (o, e) -> new PipelineRunner(BatchkitDriver.pipelineJobs(), o, e), args);
  }

  @Test
  void runsTheStepsInOrderEachOutputFeedingTheNext() throws Exception {
    JobRun r = run(pipeline("count, sum(fare)"));
    assertEquals(0, r.exit(), r.err());
    for (String step : List.of("daily", "enriched", "split")) {
      assertTrue(Files.exists(dir.resolve("out/" + step + "/_SUCCESS")), step);
    }
    assertEquals(
        Trips.manifest(dir.resolve("out/enriched")).at("/counts/read").asLong(),
        Trips.manifest(dir.resolve("out/split")).at("/counts/read").asLong());
    assertTrue(r.out().contains("[3/3] split: hadoop jar batchkit-jobs.jar split --input "));
    // Re-running in place needs --overwrite, which every step then gets.
    assertEquals(1, run(pipeline("count, sum(fare)")).exit());
    assertEquals(0, run(pipeline("count, sum(fare)"), "--overwrite").exit());
  }

  @Test
  void stopsAtTheFirstFailingStepKeepingEarlierOutputsAndResumesWithFrom() throws Exception {
    String file = pipeline("count, sum(fare)");
    Files.writeString(Path.of(file), Files.readString(Path.of(file)).replace("zone_id", "zone"));
    JobRun r = run(file);
    assertEquals(1, r.exit());
    assertTrue(
        r.err()
            .contains(
                "pipeline test: step 2 (enrich) failed with exit 2; the outputs of completed"
                    + " steps are kept: daily -> "),
        r.err());
    assertTrue(r.err().contains("re-run with --from enrich"), r.err());
    assertTrue(Files.exists(dir.resolve("out/daily/_SUCCESS")));
    assertFalse(Files.exists(dir.resolve("out/split")));

    Files.writeString(
        Path.of(file), Files.readString(Path.of(file)).replace("=zone\n", "=zone_id\n"));
    JobRun resumed = run(file, "--from", "enrich");
    assertEquals(0, resumed.exit(), resumed.err());
    assertFalse(resumed.out().contains("daily:"));
    assertTrue(Files.exists(dir.resolve("out/split/_SUCCESS")));
  }

  /**
   * A daily pipeline: incremental clean with checks, then an aggregate. A good day runs both; a day
   * whose file is all garbage fails its check: exit 3, one line naming the check, the aggregate
   * does not run and the clean output keeps only the good day.
   */
  @Test
  void aFailedCheckStopsThePipeline() throws Exception {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing);
    io.batchkit.mr.tools.TripGenerator.main(
        new String[] {
          "--rows", "800", "--seed", "5", "--output", landing.resolve("day1.csv").toString()
        });
    Path checks = dir.resolve("checks.yaml");
    Files.writeString(checks, "checks:\n  - {metric: quarantined_ratio, max: 0.2}\n");
    String text =
        String.join(
            "\n",
            "name: daily",
            "steps:",
            "  - name: clean",
            "    job: clean",
            "    args: {schema: " + Path.of("../examples/trips.yaml").toAbsolutePath() + ",",
            "           input: " + landing + ", output: " + dir.resolve("out/clean") + ",",
            "           incremental: true, checks: " + checks + "}",
            "  - name: daily",
            "    job: aggregate",
            "    args: {input: \"${steps.clean.output}\", group-by: \"pickup_at:day\", metrics: count,",
            "           output: " + dir.resolve("out/daily") + "}",
            "");
    Path file = dir.resolve("daily.yaml");
    Files.writeString(file, text);
    JobRun day1 = run(file.toString());
    assertEquals(0, day1.exit(), day1.err());
    long rows = Trips.manifest(dir.resolve("out/daily")).at("/counts/read").asLong();
    assertEquals(Trips.manifest(dir.resolve("out/clean")).at("/counts/clean").asLong(), rows);

    String header = Files.readAllLines(landing.resolve("day1.csv")).get(0);
    Files.writeString(landing.resolve("day2.csv"), header + "\n" + "x,y\n".repeat(50));
    JobRun day2 = run(file.toString(), "--overwrite");
    assertEquals(3, day2.exit(), day2.err());
    assertTrue(day2.err().contains("clean: check FAIL quarantined_ratio <= 0.2: 1"), day2.err());
    assertTrue(
        day2.err().contains("pipeline daily: stopped at step 1 (clean): a quality check failed"),
        day2.err());
    assertFalse(day2.out().contains("[2/2] daily:"), day2.out());
    assertEquals(rows, Trips.manifest(dir.resolve("out/clean")).at("/counts/clean").asLong());
    assertEquals(1, Trips.manifest(dir.resolve("out/clean")).at("/runs").size());
  }

  @Test
  void dryRunPrintsTheCommandLinesAndRunsNothing() throws Exception {
    JobRun r = run(pipeline("count, max(fare)"), "--dry-run", "--var", "metrics=count");
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("hadoop jar batchkit-jobs.jar aggregate --input "), lines[0]);
    assertTrue(lines[0].contains("--metrics count --output "), lines[0]);
    assertTrue(lines[2].contains("--input " + dir.resolve("out/enriched")), lines[2]);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void emrStepsRunTheJobJarPerJobAndHiveScriptPerHqlStep() throws Exception {
    String file = pipeline("count");
    Files.writeString(
        Path.of(file),
        Files.readString(Path.of(file))
            + "  - name: report\n"
            + "    job: hql\n"
            + "    args:\n"
            + "      file: s3://b/hql/reports.hql\n"
            + "      define: {INPUT: \"${steps.daily.output}/data\", DB: etl}\n");
    JobRun r = run(file, "--emr-steps", "s3://b/batchkit-jobs.jar", "--from", "split");
    assertEquals(0, r.exit(), r.err());
    var steps = Trips.JSON.readTree(r.out());
    assertEquals(2, steps.size());
    assertEquals("s3://b/batchkit-jobs.jar", steps.get(0).get("Jar").asText());
    assertEquals("split", steps.get(0).at("/Args/0").asText());
    assertEquals("command-runner.jar", steps.get(1).get("Jar").asText());
    List<String> args = new java.util.ArrayList<>();
    steps.get(1).get("Args").forEach(a -> args.add(a.asText()));
    assertEquals(
        List.of(
            "hive-script",
            "--run-hive-script",
            "--args",
            "-f",
            "s3://b/hql/reports.hql",
            "-d",
            "INPUT=" + dir.resolve("out/daily") + "/data",
            "-d",
            "DB=etl"),
        args);
    assertEquals("CANCEL_AND_WAIT", steps.get(1).get("ActionOnFailure").asText());
  }

  @Test
  void anHqlStepWithoutTheHiveCommandStopsThePipelineSayingSo() throws Exception {
    // A command that exists on no machine, whether or not this one has hive.
    String missing = dir.resolve("no-such-dir/hive").toString();
    Path file = dir.resolve("hql.yaml");
    Files.writeString(
        file, "steps:\n  - {name: report, job: hql, args: {file: r.hql, define: {A: b}}}\n");
    org.apache.hadoop.conf.Configuration conf = Trips.conf();
    conf.set("batchkit.hive.command", missing);
    JobRun r =
        JobRun.run(
            conf,
            (o, e) -> new PipelineRunner(BatchkitDriver.pipelineJobs(), o, e),
            file.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("step report is HiveQL and needs the hive command"), r.err());
    assertTrue(r.err().contains(missing), r.err());
  }

  @Test
  void mistakesInThePipelineFileAreFoundBeforeAnythingRuns() {
    Map<String, String> none = Map.of();
    var jobs = BatchkitDriver.pipelineJobs().keySet();
    assertEquals(
        "pipeline p.yaml: daily.output: ${nowhere} is not defined (vars: []; or pass --var"
            + " nowhere=...)",
        assertThrows(
                UsageException.class,
                () ->
                    Pipeline.parse(
                        "p.yaml",
                        "steps:\n  - {name: daily, job: aggregate, args: {output: \"${nowhere}/x\"}}\n",
                        none,
                        jobs))
            .getMessage());
    assertTrue(
        assertThrows(
                UsageException.class,
                () -> Pipeline.parse("p.yaml", "steps:\n  - {job: sort}\n", none, jobs))
            .getMessage()
            .startsWith("pipeline p.yaml: steps[0]: unknown job 'sort'"));
    assertTrue(
        assertThrows(
                UsageException.class,
                () ->
                    Pipeline.parse(
                        "p.yaml",
                        "steps:\n  - {name: a, job: split, args: {input: \"${steps.b.output}\"}}\n",
                        none,
                        jobs))
            .getMessage()
            .contains("no earlier step 'b' with an output"));
  }
}
