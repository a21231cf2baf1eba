package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.Chromium;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.Trips;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} as headless Chromium lays it out: a copy of the report gets a measuring
 * script (the report itself has none), and the test reads what it measured from the DOM Chromium
 * returns: the overview, the alerts, one card per column, and every SVG label inside its box.
 */
class ProfileReportBrowserTest {
  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir Path dir;

  @Test
  void theTripsReportOpensWithOverviewAlertsAndACardPerColumn() throws Exception {
    Path trips = Trips.cleaned();
    Path out = profile(Trips.SCHEMA, trips.resolve("trips.csv"));
    check(out, 11);
  }

  @Test
  void aTwoHundredColumnReportOfEveryKindOfChartKeepsItsLabelsInside() throws Exception {
    int columns = 200;
    StringBuilder yaml = new StringBuilder("name: wide\nformat: {header: true}\ncolumns:\n");
    String[] types = {"bigint", "double", "string", "timestamp", "date"};
    for (int c = 0; c < columns; c++) {
      yaml.append("  - {name: column_with_a_long_name_")
          .append(c)
          .append(", type: ")
          .append(types[c % types.length])
          .append(c % types.length == 3 ? ", formats: [\"yyyy-MM-dd HH:mm:ss\"]}\n" : "}\n");
    }
    Files.writeString(dir.resolve("wide.yaml"), yaml);
    Random random = new Random(3);
    LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("wide.csv"))) {
      List<String> header = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        header.add("column_with_a_long_name_" + c);
      }
      w.write(String.join(",", header) + "\n");
      for (int r = 0; r < 2000; r++) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns; c++) {
          line.append(c == 0 ? "" : ",");
          switch (c % types.length) {
            case 0 -> line.append(random.nextInt(1000) * 1_000_000L + c);
            // Spans seven orders of magnitude: log bins and counts on a log scale.
            case 1 -> line.append(Math.exp(random.nextGaussian() * 3 + c % 7));
            // Skewed counts of long values: labels are clipped, counts never.
            case 2 ->
                line.append("a value long enough to need clipping in the chart: number ")
                    .append(Math.min(random.nextInt(40), random.nextInt(40)) / (1 + c % 3));
            case 3 ->
                line.append(
                    start.plusMinutes(random.nextInt(60 * 24 * (1 + c % 40))).format(SECONDS));
            default -> line.append(start.toLocalDate().plusDays(random.nextInt(3000)));
          }
        }
        w.write(line.append('\n').toString());
      }
    }
    Path out = profile(dir.resolve("wide.yaml"), dir.resolve("wide.csv"));
    JsonNode profile = Trips.JSON.readTree(out.resolve("profile.json").toFile());
    assertEquals(2000, profile.at("/records/valid").asLong(), "every generated row is valid");
    check(out, columns);
  }

  private Path profile(Path schema, Path input) throws Exception {
    Path out = dir.resolve("profile-" + input.getFileName());
    JobRun r =
        JobRun.run(
            Trips.conf(),
            ProfileJob::new,
            "--schema",
            schema.toString(),
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    return out;
  }

  private void check(Path out, int columns) throws Exception {
    JsonNode profile = Trips.JSON.readTree(out.resolve("profile.json").toFile());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    String script;
    try (InputStream in = getClass().getResourceAsStream("/report/measure.js")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path page = dir.resolve("measured-" + out.getFileName() + ".html");
    Files.writeString(page, html.replace("</body>", "<script>" + script + "</script></body>"));
    Path work = Files.createDirectories(dir.resolve("chromium-" + out.getFileName()));
    String dom = Chromium.dumpDom(page, work);
    Matcher m = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "Chromium ran the page: " + dom.substring(0, Math.min(300, dom.length())));
    JsonNode measured =
        Trips.JSON.readTree(
            m.group(1)
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"));
    assertTrue(measured.get("overview").asInt() >= 5, measured.toString());
    assertEquals(profile.get("alerts").size(), measured.get("alerts").asInt());
    assertEquals(columns, measured.get("tableRows").asInt());
    assertEquals(columns, measured.get("cards").size());
    for (int i = 0; i < columns; i++) {
      assertEquals(
          "col-" + profile.get("columns").get(i).get("name").asText(),
          measured.get("cards").get(i).asText());
    }
    assertTrue(measured.get("svgs").asInt() >= columns / 2, measured.get("svgs").toString());
    assertTrue(measured.get("texts").asInt() > 2 * measured.get("svgs").asInt());
    assertEquals("[]", measured.get("outside").toString(), "SVG labels outside their box");
    assertEquals("[]", measured.get("brokenLinks").toString());
    assertTrue(
        measured.get("pageWidth").asInt() <= measured.get("viewport").asInt(),
        "no horizontal scrolling: " + measured);
  }
}
