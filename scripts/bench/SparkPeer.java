import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's Spark SQL peer (bench.sh only; never in a shipped jar): runs one script of
 * scripts/bench/spark/ in a local Spark session with a given number of threads (local[N]), after
 * replacing each ${NAME} with the NAME=value arguments, and prints every result row as "column
 * value" lines. Spark SQL cannot write a partitioned text directory from SQL, so one more statement
 * form does it through the DataFrame writer:
 *
 * <pre>SAVE 'dir' [PARTITION BY col] AS SELECT ...   (tab-separated, \N for null, no header)</pre>
 *
 * <pre>java --add-opens ... -cp spark-classpath:CLASSES SparkPeer THREADS SCRIPT.sql NAME=value...</pre>
 */
public final class SparkPeer {
  private static final Pattern SAVE =
      Pattern.compile("(?is)SAVE\\s+'([^']+)'\\s+(?:PARTITION\\s+BY\\s+(\\w+)\\s+)?AS\\s+(SELECT.*)");

  public static void main(String[] args) throws Exception {
    Path script = Path.of(args[1]);
    String sql = Files.readString(script);
    // "-- include: other.sql" on a line of its own stands for that script of the same folder.
    Matcher m = Pattern.compile("(?m)^-- include: (\\S+)$").matcher(sql);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(Files.readString(script.resolveSibling(m.group(1)))));
    }
    m.appendTail(sb);
    sql = sb.toString();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      sql = sql.replace("${" + kv[0] + "}", kv[1]);
    }
    SparkSession spark =
        SparkSession.builder()
            .master("local[" + Integer.parseInt(args[0]) + "]")
            .appName("bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", Integer.parseInt(args[0]) * 2)
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    try {
      for (String statement : sql.split(";\\s*(\\n|$)")) {
        String text = statement.replaceAll("(?m)^\\s*--.*$", "").strip();
        if (text.isEmpty()) {
          continue;
        }
        Matcher save = SAVE.matcher(text);
        if (save.matches()) {
          var writer =
              spark
                  .sql(save.group(3))
                  .write()
                  .mode(SaveMode.Overwrite)
                  .option("sep", "\t")
                  .option("nullValue", "\\N")
                  .option("quote", "\u0000");
          if (save.group(2) != null) {
            writer = writer.partitionBy(save.group(2));
          }
          writer.csv(save.group(1));
          continue;
        }
        Dataset<Row> result = spark.sql(text);
        String[] names = result.columns();
        if (names.length == 0) {
          continue;
        }
        for (Row r : result.collectAsList()) {
          for (int c = 0; c < names.length; c++) {
            System.out.println(names[c] + " " + r.get(c));
          }
        }
      }
    } finally {
      spark.stop();
    }
  }
}
