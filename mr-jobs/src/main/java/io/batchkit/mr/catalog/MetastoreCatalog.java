package io.batchkit.mr.catalog;

import io.batchkit.core.schema.HiveTable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaHookLoader;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/**
 * A Hive metastore over Thrift ({@code hive.metastore.uris}), or whatever client {@code
 * hive.metastore.client.factory.class} makes: on EMR, the Glue Data Catalog's. Only calls that Hive
 * 3.1's {@link IMetaStoreClient} has too: get/create database and table, list partition names, add
 * partitions if not exists.
 */
public final class MetastoreCatalog implements Catalog {
  /** Where the metastore is, as Hive names it. */
  public static final String URIS = "hive.metastore.uris";

  /** The class EMR sets to plug in the Glue Data Catalog's client. */
  public static final String FACTORY = "hive.metastore.client.factory.class";

  private final IMetaStoreClient client;
  private final String where;

  private MetastoreCatalog(IMetaStoreClient client, String where) {
    this.client = client;
    this.where = where;
  }

  /** Connects to the metastore {@code conf} names; fails fast (one retry) when it is down. */
  public static MetastoreCatalog connect(Configuration conf) throws CatalogException {
    Configuration c = new Configuration(conf);
    String uris = c.getTrimmed(URIS, "");
    c.set("metastore.thrift.uris", uris);
    c.setIfUnset("hive.metastore.connect.retries", "1");
    c.setIfUnset("metastore.connect.retries", c.get("hive.metastore.connect.retries"));
    c.setIfUnset("hive.metastore.client.connect.retry.delay", "1s");
    c.setIfUnset("hive.metastore.client.socket.timeout", "60s");
    c.setIfUnset("metastore.client.socket.timeout", c.get("hive.metastore.client.socket.timeout"));
    String factory = c.getTrimmed(FACTORY, "");
    boolean plugged = !factory.isEmpty();
    String where = plugged ? "the catalog of " + factory : "the Hive metastore at " + uris;
    try {
      return new MetastoreCatalog(
          plugged ? fromFactory(factory, c) : new HiveMetaStoreClient(c), where);
    } catch (Exception e) {
      throw new CatalogException(where + " did not answer (" + reason(e) + ")", e);
    }
  }

  /**
   * The client a {@code HiveMetaStoreClientFactory} makes, by reflection: that interface lives in
   * EMR's Hive (with {@code HiveConf}, in hive-exec), not in Apache Hive nor on a job's classpath.
   * Glue's Hive 3 factory takes (conf, hooks, allowEmbedded, callTimes); its Spark one (conf,
   * hooks).
   */
  private static IMetaStoreClient fromFactory(String factory, Configuration conf) throws Exception {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> hiveConf = Class.forName("org.apache.hadoop.hive.conf.HiveConf", true, loader);
    Object hc =
        hiveConf.getConstructor(Configuration.class, Class.class).newInstance(conf, hiveConf);
    Object f = Class.forName(factory, true, loader).getConstructor().newInstance();
    HiveMetaHookLoader hooks = table -> null; // batchkit's tables are plain external tables
    for (Method m : f.getClass().getMethods()) {
      if (m.getName().equals("createMetaStoreClient") && m.getParameterCount() == 4) {
        return (IMetaStoreClient) m.invoke(f, hc, hooks, false, new ConcurrentHashMap<>());
      }
      if (m.getName().equals("createMetaStoreClient") && m.getParameterCount() == 2) {
        return (IMetaStoreClient) m.invoke(f, hc, hooks);
      }
    }
    throw new IllegalArgumentException(factory + " has no createMetaStoreClient method");
  }

  @Override
  public HiveTable table(TableName name) throws CatalogException {
    Table t;
    try {
      t = client.getTable(name.database(), name.table());
    } catch (NoSuchObjectException e) {
      return null;
    } catch (Exception e) {
      throw failed("reading table " + name, e);
    }
    StorageDescriptor sd = t.getSd();
    List<HiveTable.Field> columns = new ArrayList<>();
    for (FieldSchema f : sd.getCols()) {
      columns.add(new HiveTable.Field(f.getName(), f.getType(), f.getComment()));
    }
    List<String> partitions = new ArrayList<>();
    if (t.getPartitionKeys() != null) {
      t.getPartitionKeys().forEach(k -> partitions.add(k.getName()));
    }
    String serde = sd.getSerdeInfo() == null ? null : sd.getSerdeInfo().getSerializationLib();
    return new HiveTable(
        columns,
        partitions,
        sd.getLocation(),
        serde == null ? null : HiveTable.Storage.ofSerde(serde));
  }

  @Override
  public void create(TableName name, HiveTable table) throws CatalogException {
    try {
      try {
        client.getDatabase(name.database());
      } catch (NoSuchObjectException e) {
        Database db = new Database();
        db.setName(name.database());
        db.setDescription("created by batchkit");
        db.setParameters(new HashMap<>());
        try {
          client.createDatabase(db);
        } catch (AlreadyExistsException raced) {
          // another run created it in between: what we wanted
        }
      }
      try {
        client.createTable(thrift(name, table));
      } catch (AlreadyExistsException raced) {
        // created in between by another run; the caller compares it afterwards
      }
    } catch (Exception e) {
      throw failed("creating table " + name, e);
    }
  }

  @Override
  public List<String> partitions(TableName name) throws CatalogException {
    try {
      return new ArrayList<>(client.listPartitionNames(name.database(), name.table(), (short) -1));
    } catch (Exception e) {
      throw failed("listing the partitions of " + name, e);
    }
  }

  @Override
  public void addPartitions(TableName name, HiveTable table, List<String> dirs)
      throws CatalogException {
    if (dirs.isEmpty()) {
      return;
    }
    StorageDescriptor sd = storage(table);
    int now = (int) (System.currentTimeMillis() / 1000);
    List<Partition> parts = new ArrayList<>();
    for (String dir : dirs) {
      StorageDescriptor psd = new StorageDescriptor(sd);
      psd.setLocation(table.location() + "/" + dir);
      Partition p = new Partition();
      p.setDbName(name.database());
      p.setTableName(name.table());
      p.setValues(PartitionDirs.values(dir));
      p.setSd(psd);
      p.setParameters(new HashMap<>());
      p.setCreateTime(now);
      p.setLastAccessTime(now);
      parts.add(p);
    }
    try {
      client.add_partitions(parts, true, false);
    } catch (Exception e) {
      throw failed("adding " + dirs.size() + " partitions to " + name, e);
    }
  }

  @Override
  public void relocate(TableName name, HiveTable table) throws CatalogException {
    try {
      // The old snapshot's partitions first: none may point at files that are not the table's.
      for (String dir : partitions(name)) {
        client.dropPartition(name.database(), name.table(), PartitionDirs.values(dir), false);
      }
      Table t = client.getTable(name.database(), name.table());
      t.getSd().setLocation(table.location());
      client.alter_table(name.database(), name.table(), t);
    } catch (CatalogException e) {
      throw e;
    } catch (Exception e) {
      throw failed("moving " + name + " to " + table.location(), e);
    }
  }

  @Override
  public void alterColumns(TableName name, HiveTable table) throws CatalogException {
    try {
      Table t = client.getTable(name.database(), name.table());
      t.getSd().setCols(storage(table).getCols());
      EnvironmentContext cascade = new EnvironmentContext();
      cascade.putToProperties("CASCADE", "true"); // StatsSetupConst.CASCADE, as ALTER ... CASCADE
      client.alter_table_with_environmentContext(name.database(), name.table(), t, cascade);
    } catch (Exception e) {
      throw failed("changing the columns of " + name, e);
    }
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public void close() {
    client.close();
  }

  private static Table thrift(TableName name, HiveTable table) {
    Table t = new Table();
    t.setDbName(name.database());
    t.setTableName(name.table());
    t.setTableType("EXTERNAL_TABLE");
    t.setOwner(System.getProperty("user.name"));
    int now = (int) (System.currentTimeMillis() / 1000);
    t.setCreateTime(now);
    t.setLastAccessTime(now);
    Map<String, String> params = new HashMap<>(table.storage().tableParameters);
    params.put("EXTERNAL", "TRUE");
    params.put("created_by", "batchkit");
    t.setParameters(params);
    t.setSd(storage(table));
    List<FieldSchema> keys = new ArrayList<>();
    for (String column : table.partitions()) {
      keys.add(new FieldSchema(column, "string", null));
    }
    t.setPartitionKeys(keys);
    return t;
  }

  private static StorageDescriptor storage(HiveTable table) {
    List<FieldSchema> cols = new ArrayList<>();
    for (HiveTable.Field f : table.columns()) {
      cols.add(new FieldSchema(f.name(), f.type(), f.comment()));
    }
    HiveTable.Storage s = table.storage();
    SerDeInfo serde = new SerDeInfo();
    serde.setSerializationLib(s.serde);
    serde.setParameters(new HashMap<>(s.serdeParameters));
    StorageDescriptor sd = new StorageDescriptor();
    sd.setCols(cols);
    sd.setLocation(table.location());
    sd.setInputFormat(s.inputFormat);
    sd.setOutputFormat(s.outputFormat);
    sd.setSerdeInfo(serde);
    sd.setCompressed(false);
    sd.setNumBuckets(-1);
    sd.setBucketCols(new ArrayList<>());
    sd.setSortCols(new ArrayList<>());
    sd.setParameters(new HashMap<>());
    return sd;
  }

  private CatalogException failed(String what, Exception e) {
    return new CatalogException(where + " failed " + what + " (" + reason(e) + ")", e);
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (m != null && m.contains("\n")) {
      m = m.substring(0, m.indexOf('\n'));
    }
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
