package io.batchkit.mr.common;

import io.batchkit.mr.catalog.Catalog;
import io.batchkit.mr.catalog.CatalogException;
import io.batchkit.mr.catalog.MetastoreCatalog;
import io.batchkit.mr.catalog.TableName;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * {@code --table}, {@code --quarantine-table} and {@code --metastore}: declared here once, handled
 * by {@link JobTool}'s life cycle for every job that writes a dataset.
 */
public final class CatalogOptions {
  public static final String TABLE = "table";
  public static final String QUARANTINE_TABLE = "quarantine-table";
  public static final String METASTORE = "metastore";

  /** Where the metastore is when nothing else says: {@code scripts/batchkit metastore start}. */
  public static final String URI_ENV = "BATCHKIT_METASTORE_URI";

  public static final String USAGE =
      String.join(
          "\n",
          "  --table DB.NAME     create the Hive table over the output when absent and add the",
          "                      partitions this run wrote, once the output is complete (exit 4:",
          "                      data complete, catalog failed: run batchkit register)",
          "  --metastore URI     thrift://host:9083; default: hive.metastore.uris (-D, or",
          "                      hive-site.xml in HIVE_CONF_DIR or HADOOP_CONF_DIR), else",
          "                      $" + URI_ENV);

  public static final String QUARANTINE_USAGE =
      "  --quarantine-table DB.NAME  the same for the quarantined records (JSON lines)";

  /** Exit code of a run whose data is complete but whose table is not registered. */
  public static final int EXIT_CATALOG_FAILED = 4;

  final TableName table;
  final TableName quarantineTable;
  private final Configuration conf;

  private CatalogOptions(TableName table, TableName quarantineTable, Configuration conf) {
    this.table = table;
    this.quarantineTable = quarantineTable;
    this.conf = conf;
  }

  /** A job's own options that take a value, and these. */
  public static Set<String> with(String... own) {
    Set<String> all = new HashSet<>(List.of(own));
    all.addAll(List.of(TABLE, METASTORE));
    return Set.copyOf(all);
  }

  /** The same with {@code --quarantine-table}. */
  public static Set<String> withQuarantine(Set<String> options) {
    Set<String> all = new HashSet<>(options);
    all.add(QUARANTINE_TABLE);
    return Set.copyOf(all);
  }

  /** The tables asked for, or null when none is; checks names, metastore and client up front. */
  static CatalogOptions parse(String job, Args args, Configuration conf) throws UsageException {
    if (!args.has(TABLE)) {
      if (args.has(QUARANTINE_TABLE)) {
        throw new UsageException(job + ": --quarantine-table goes with --table");
      }
      return null;
    }
    TableName table = name(job, TABLE, args);
    TableName quarantine = args.has(QUARANTINE_TABLE) ? name(job, QUARANTINE_TABLE, args) : null;
    if (table.equals(quarantine)) {
      throw new UsageException(job + ": --table and --quarantine-table are both " + table);
    }
    Configuration c = new Configuration(conf);
    if (args.has(METASTORE)) {
      c.set(MetastoreCatalog.URIS, args.get(METASTORE, null));
    }
    if (c.getTrimmed(MetastoreCatalog.URIS, "").isEmpty()) {
      hiveSite(c);
    }
    if (c.getTrimmed(MetastoreCatalog.URIS, "").isEmpty() && System.getenv(URI_ENV) != null) {
      c.set(MetastoreCatalog.URIS, System.getenv(URI_ENV));
    }
    if (c.getTrimmed(MetastoreCatalog.URIS, "").isEmpty()
        && c.getTrimmed(MetastoreCatalog.FACTORY, "").isEmpty()) {
      throw new UsageException(
          job
              + ": --table needs a metastore: give --metastore thrift://HOST:9083, set "
              + URI_ENV
              + " or hive.metastore.uris (scripts/batchkit metastore start runs one here)");
    }
    try {
      Class.forName("org.apache.hadoop.hive.metastore.HiveMetaStoreClient");
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UsageException(
          job
              + ": --table needs Hive's metastore client on the classpath; on EMR: export"
              + " HADOOP_CLASSPATH=\"/usr/lib/hive/lib/*\" (with the Glue Data Catalog also"
              + " \"/usr/share/aws/hmclient/lib/*\")");
    }
    String factory = c.getTrimmed(MetastoreCatalog.FACTORY, "");
    if (!factory.isEmpty()) {
      try {
        Class.forName(factory);
        Class.forName("org.apache.hadoop.hive.conf.HiveConf");
      } catch (ClassNotFoundException | LinkageError e) {
        throw new UsageException(
            job
                + ": "
                + MetastoreCatalog.FACTORY
                + " is "
                + factory
                + ", which is not on the classpath with Hive's HiveConf ("
                + e.getMessage()
                + "); on EMR with the Glue Data Catalog: export"
                + " HADOOP_CLASSPATH=\"/usr/lib/hive/lib/*:/usr/share/aws/hmclient/lib/*\"");
      }
    }
    return new CatalogOptions(table, quarantine, c);
  }

  /** hive.metastore.uris from a hive-site.xml of HIVE_CONF_DIR, else of the classpath. */
  private static void hiveSite(Configuration c) {
    String dir = System.getenv("HIVE_CONF_DIR");
    File site = dir == null ? null : new File(dir, "hive-site.xml");
    if (site != null && site.isFile()) {
      c.addResource(new Path(site.toURI()));
    } else {
      c.addResource("hive-site.xml"); // HADOOP_CONF_DIR is on the classpath of hadoop jar
    }
  }

  private static TableName name(String job, String option, Args args) throws UsageException {
    try {
      return TableName.parse(args.get(option, ""));
    } catch (IllegalArgumentException e) {
      throw new UsageException(job + ": --" + option + ": " + e.getMessage());
    }
  }

  Catalog connect() throws CatalogException {
    return MetastoreCatalog.connect(conf);
  }
}
