package io.batchkit.mr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) for the report's browser test. Where it is missing
 * the test is skipped, except when {@code BATCHKIT_REQUIRE_BROWSER} is set, as {@code .ci/run} sets
 * it after installing the package: there a missing browser fails the build.
 */
public final class Chromium {
  private Chromium() {}

  public static Path binary() {
    String env = System.getenv("BATCHKIT_CHROMIUM");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isEmpty()) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    candidates.add(Path.of("/usr/bin/chromium-browser"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message = "no Chromium at " + candidates + " (install Debian's chromium package)";
    if (System.getenv("BATCHKIT_REQUIRE_BROWSER") != null) {
      fail(message + "; BATCHKIT_REQUIRE_BROWSER is set, so the browser test must run");
    }
    Assumptions.abort(message);
    return null;
  }

  /** The DOM Chromium returns for a local page once it has run its scripts. */
  public static String dumpDom(Path html, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("dom.html");
    Path err = work.resolve("chromium.log");
    List<String> cmd = new ArrayList<>(flags(work));
    cmd.add("--dump-dom");
    cmd.add(html.toUri().toString());
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s; its log: " + err);
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static List<String> flags(Path work) {
    return List.of(
        binary().toString(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + work.resolve("profile"),
        "--window-size=1280,2000");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
