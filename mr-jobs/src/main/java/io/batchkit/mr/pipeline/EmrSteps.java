package io.batchkit.mr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A pipeline as Amazon EMR steps: one {@code CUSTOM_JAR} step per job, running the job jar with the
 * job's name and arguments exactly as the local runner would ({@code hadoop jar batchkit-jobs.jar
 * <job> ...}), and a Hive step per HiveQL step, so what runs on EMR is what ran locally. A failing
 * step cancels the rest.
 */
final class EmrSteps {
  private EmrSteps() {}

  static String json(List<Pipeline.Step> steps, String jar, boolean overwrite) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode out = mapper.createArrayNode();
    for (Pipeline.Step step : steps) {
      ObjectNode s = out.addObject();
      s.put("Type", "CUSTOM_JAR");
      s.put("Name", step.name());
      s.put("ActionOnFailure", "CANCEL_AND_WAIT");
      if (step.job().equals(Pipeline.HQL)) {
        // EMR's Hive step: command-runner.jar hive-script --run-hive-script --args -f FILE -d K=V
        s.put("Jar", "command-runner.jar");
        ArrayNode args = s.putArray("Args");
        args.add("hive-script").add("--run-hive-script").add("--args");
        HqlStep.hiveArgs(step).forEach(args::add);
        continue;
      }
      s.put("Jar", jar);
      ArrayNode args = s.putArray("Args");
      args.add(step.job());
      step.args().forEach(args::add);
      if (overwrite && !step.args().contains("--overwrite")) {
        args.add("--overwrite");
      }
    }
    try {
      return mapper.writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
