package io.batchkit.mr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one list of {@code --add-opens} flags: the root pom's {@code jvm.add.opens}. */
public final class JvmOpens {
  private JvmOpens() {}

  public static String list() {
    try {
      String pom = Files.readString(Path.of("..", "pom.xml"));
      Matcher m = Pattern.compile("<jvm.add.opens>(.*?)</jvm.add.opens>").matcher(pom);
      if (!m.find()) {
        throw new IllegalStateException("the root pom has no jvm.add.opens");
      }
      return m.group(1).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
