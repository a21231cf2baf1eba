package io.batchkit.mr.tools;

/** The generators' two refusals, worded alike: one line, exit 2. */
final class GeneratorArgs {
  private GeneratorArgs() {}

  static void unknown(String name, String arg) {
    System.err.println(name + ": unknown argument '" + arg + "' (see " + name + " --help)");
    System.exit(2);
  }

  static void requireOutput(String name, Object output) {
    if (output == null) {
      System.err.println(name + ": --output is required (see " + name + " --help)");
      System.exit(2);
    }
  }
}
