package io.batchkit.mr.pipeline;

import io.batchkit.mr.common.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A pipeline file: named steps, each a job with its options; {@code ${name}} refers to a variable
 * ({@code vars:} or {@code --var name=value}) and {@code ${steps.NAME.output}} to an earlier step's
 * {@code output}. Resolved into command lines before anything runs, so a mistake stops the pipeline
 * before its first step.
 */
public final class Pipeline {
  /** One resolved step: its job and the job's arguments, as on a {@code hadoop jar} line. */
  public record Step(String name, String job, List<String> args, String output) {}

  /**
   * A HiveQL step: {@code args: {file: reports.hql, define: {INPUT: ..., OUTPUT: ...}}}, run as
   * {@code hive -f FILE -d NAME=VALUE} (an EMR Hive step on EMR).
   */
  public static final String HQL = "hql";

  private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
  private static final Set<String> TOP_KEYS =
      Set.of("name", "description", "vars", "database", "steps");
  private static final Set<String> STEP_KEYS = Set.of("name", "job", "args", "table");

  private final String name;
  private final List<Step> steps;

  private Pipeline(String name, List<Step> steps) {
    this.name = name;
    this.steps = steps;
  }

  public String name() {
    return name;
  }

  public List<Step> steps() {
    return steps;
  }

  @SuppressWarnings("unchecked")
  public static Pipeline parse(
      String source, String yaml, Map<String, String> overrides, Set<String> jobs)
      throws UsageException {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      root =
          new Yaml(
                  new SafeConstructor(options),
                  new Representer(new DumperOptions()),
                  new DumperOptions(),
                  options,
                  new StrictBooleans())
              .load(yaml);
    } catch (RuntimeException e) {
      throw new UsageException(
          "pipeline " + source + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new UsageException("pipeline " + source + ": expected a mapping with steps:");
    }
    for (Object k : top.keySet()) {
      if (!TOP_KEYS.contains(String.valueOf(k))) {
        throw new UsageException(
            "pipeline " + source + ": unknown key '" + k + "' (expected " + TOP_KEYS + ")");
      }
    }
    String name = String.valueOf(top.containsKey("name") ? top.get("name") : source);
    Map<String, String> vars = new LinkedHashMap<>();
    if (top.get("vars") instanceof Map<?, ?> v) {
      for (Map.Entry<?, ?> e : v.entrySet()) {
        vars.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
      }
    }
    vars.putAll(overrides);
    // Variables may refer to earlier variables.
    for (Map.Entry<String, String> e : vars.entrySet()) {
      e.setValue(resolve(source, "vars." + e.getKey(), e.getValue(), vars, Map.of()));
    }
    // Steps' table: NAME go to this database; with none (or empty) they are not registered.
    String database =
        top.containsKey("database")
            ? resolve(source, "database", String.valueOf(top.get("database")), vars, Map.of())
                .strip()
            : "";
    if (!(top.get("steps") instanceof List<?> list) || list.isEmpty()) {
      throw new UsageException("pipeline " + source + ": steps: must be a non-empty list");
    }
    List<Step> steps = new ArrayList<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "pipeline " + source + ": steps[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> s)) {
        throw new UsageException(where + ": expected a mapping with name, job and args");
      }
      for (Object k : s.keySet()) {
        if (!STEP_KEYS.contains(String.valueOf(k))) {
          throw new UsageException(
              where + ": unknown key '" + k + "' (expected " + STEP_KEYS + ")");
        }
      }
      String job = String.valueOf(s.get("job"));
      if (!jobs.contains(job) && !job.equals(HQL)) {
        throw new UsageException(where + ": unknown job '" + job + "' (jobs: " + jobs + ")");
      }
      String stepName = s.containsKey("name") ? String.valueOf(s.get("name")) : job;
      if (outputs.containsKey(stepName)) {
        throw new UsageException(where + ": a step named '" + stepName + "' already exists");
      }
      List<String> args = new ArrayList<>();
      String output = null;
      if (s.get("args") instanceof Map<?, ?> a) {
        for (Map.Entry<?, ?> e : ((Map<Object, Object>) a).entrySet()) {
          String key = String.valueOf(e.getKey());
          Object value = e.getValue();
          if (value instanceof Boolean b) {
            if (b) {
              args.add("--" + key);
            }
            continue;
          }
          List<Object> values = new java.util.ArrayList<>();
          if (value instanceof Map<?, ?> m) {
            // a mapping is a repeated NAME=VALUE option (hql's define: {INPUT: ..., OUTPUT: ...})
            m.forEach((k, v) -> values.add(k + "=" + v));
          } else if (value instanceof List<?> l) {
            values.addAll(l);
          } else {
            values.add(value);
          }
          for (Object v : values) {
            String text = resolve(source, stepName + "." + key, String.valueOf(v), vars, outputs);
            args.add("--" + key);
            args.add(text);
            if (key.equals("output")) {
              output = text;
            }
          }
        }
      } else if (s.containsKey("args")) {
        throw new UsageException(where + ": args: must be a mapping of option to value");
      }
      if (s.containsKey("table")) {
        // the step's table, beside its args, as a Glue job's "create a table" setting says it:
        // DB.NAME always; NAME in the pipeline's database, when it has one
        String table =
            resolve(source, stepName + ".table", String.valueOf(s.get("table")), vars, outputs);
        if (table.contains(".") || !database.isEmpty()) {
          args.add("--table");
          args.add(table.contains(".") ? table : database + "." + table);
        }
      }
      outputs.put(stepName, output);
      steps.add(new Step(stepName, job, args, output));
    }
    return new Pipeline(name, steps);
  }

  /**
   * YAML 1.1 reads {@code on}, {@code off}, {@code yes} and {@code no} as booleans, which would
   * turn {@code on: pu_zone=zone_id} into {@code true: ...}; here only true and false are.
   */
  static final class StrictBooleans extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  private static String resolve(
      String source,
      String where,
      String text,
      Map<String, String> vars,
      Map<String, String> outputs)
      throws UsageException {
    Matcher m = REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String value;
      if (ref.startsWith("steps.") && ref.endsWith(".output")) {
        String step = ref.substring(6, ref.length() - 7);
        value = outputs.get(step);
        if (value == null) {
          throw new UsageException(
              "pipeline "
                  + source
                  + ": "
                  + where
                  + ": ${"
                  + ref
                  + "}: no earlier step '"
                  + step
                  + "' with an output");
        }
      } else {
        value = vars.get(ref);
        if (value == null) {
          throw new UsageException(
              "pipeline "
                  + source
                  + ": "
                  + where
                  + ": ${"
                  + ref
                  + "} is not defined (vars: "
                  + vars.keySet()
                  + "; or pass --var "
                  + ref
                  + "=...)");
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
