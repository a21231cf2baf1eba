package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.pipeline.PipelineRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * The docs as a newcomer clicks through them: every relative link of README.md and docs/*.md opens
 * a file that exists, at a heading that exists; every option a job's {@code --help} names is in
 * that job's section of docs/jobs.md (or in its sections on what all jobs take).
 */
class DocsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*[a-z0-9]");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The lines outside fenced code blocks. */
  static List<String> prose(Path page) throws IOException {
    List<String> prose = new ArrayList<>();
    boolean fence = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fence = !fence;
      } else if (!fence) {
        prose.add(line);
      }
    }
    return prose;
  }

  /** GitHub's anchors for a page's headings: lower case, punctuation gone, spaces to dashes. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(page)) {
      Matcher h = Pattern.compile("^#{1,6} (.*)$").matcher(line);
      if (h.matches()) {
        String slug =
            h.group(1)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                .replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }

  /** Each broken relative link as {@code page: target (why)}. */
  static List<String> brokenLinks(List<Path> pages) throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String line : prose(page)) {
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // https:, mailto:: not ours to check
          }
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
          String where = ROOT.relativize(page) + ": " + target;
          if (!Files.exists(to)) {
            broken.add(where + " (no such file)");
          } else if (hash >= 0 && !anchors(to).contains(target.substring(hash + 1))) {
            broken.add(where + " (no such heading in " + ROOT.relativize(to) + ")");
          }
        }
      }
    }
    return broken;
  }

  @Test
  void everyRelativeLinkOpensAFileAtAHeadingThatExist() throws IOException {
    assertEquals(List.of(), brokenLinks(pages()));
  }

  @Test
  void aBrokenLinkOrAnchorIsFound() throws IOException {
    Path dir = Files.createTempDirectory("docs");
    Path page = dir.resolve("page.md");
    Files.writeString(
        page,
        "# Page\n## A `--b`: c\n[ok](#a---b-c) [gone](#nothing) [file](missing.md)\n"
            + "```\n[in code](#ignored)\n```\n[self](page.md#page) [web](https://x.org/#y)\n");
    assertEquals(
        List.of(
            ROOT.relativize(page) + ": #nothing (no such heading in " + ROOT.relativize(page) + ")",
            ROOT.relativize(page) + ": missing.md (no such file)"),
        brokenLinks(List.of(page)));
  }

  /** Each job's --help, as a user sees it. */
  static Map<String, String> helps() throws Exception {
    Map<String, String> helps = new LinkedHashMap<>();
    BatchkitDriver.pipelineJobs()
        .forEach(
            (name, job) -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
              try {
                ToolRunner.run(new Configuration(), job.apply(o, o), new String[] {"--help"});
              } catch (Exception e) {
                throw new IllegalStateException(name, e);
              }
              helps.put(name, out.toString(StandardCharsets.UTF_8));
            });
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    PrintStream r = new PrintStream(run, true, StandardCharsets.UTF_8);
    ToolRunner.run(
        new Configuration(),
        new PipelineRunner(BatchkitDriver.pipelineJobs(), r, r),
        new String[] {"--help"});
    helps.put(PipelineRunner.NAME, run.toString(StandardCharsets.UTF_8));
    PrintStream stdout = System.out;
    for (String generator : List.of("generate-trips", "generate-tickets", "generate-events")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      try {
        ((Class<?>) BatchkitDriver.jobs().get(generator)[0])
            .getMethod("main", String[].class)
            .invoke(null, (Object) new String[] {"--help"});
      } finally {
        System.setOut(stdout);
      }
      helps.put(generator, out.toString(StandardCharsets.UTF_8));
    }
    return helps;
  }

  /** The options a text names. */
  static Set<String> options(String text) {
    Set<String> options = new TreeSet<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      options.add(m.group());
    }
    return options;
  }

  /** docs/jobs.md's level-2 sections by their heading's first word. */
  static Map<String, String> sections() throws IOException {
    Map<String, String> sections = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("docs/jobs.md"))) {
      if (line.startsWith("## ")) {
        if (current != null) {
          sections.put(current, text.toString());
        }
        current = line.substring(3).split("[ ,]")[0].replace("`", "").toLowerCase(Locale.ROOT);
        text.setLength(0);
      }
      text.append(line).append('\n');
    }
    sections.put(current, text.toString());
    return sections;
  }

  /** Each option a job's --help names that neither its section nor the shared ones do. */
  static List<String> undocumented(Map<String, String> helps, Map<String, String> sections) {
    String shared = sections.getOrDefault("all", "") + sections.getOrDefault("reading", "");
    List<String> missing = new ArrayList<>();
    helps.forEach(
        (job, help) -> {
          String section = sections.get(job);
          if (section == null) {
            missing.add(job + ": no section '## " + job + "' in docs/jobs.md");
            return;
          }
          for (String option : options(help)) {
            if (!options(section).contains(option) && !options(shared).contains(option)) {
              missing.add(job + ": " + option);
            }
          }
        });
    return missing;
  }

  @Test
  void everyOptionOfEveryJobIsInItsSectionOfTheJobsPage() throws Exception {
    Map<String, String> helps = helps();
    assertTrue(helps.size() >= 15, helps.keySet().toString());
    assertEquals(List.of(), undocumented(helps, sections()));
  }

  @Test
  void anOptionAddedWithoutItsDocIsFound() throws Exception {
    Map<String, String> helps = new LinkedHashMap<>(helps());
    helps.put("clean", helps.get("clean") + "\n  --brand-new-option  does something\n");
    assertEquals(List.of("clean: --brand-new-option"), undocumented(helps, sections()));
  }
}
