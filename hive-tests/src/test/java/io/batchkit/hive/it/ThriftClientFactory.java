package io.batchkit.hive.it;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaHookLoader;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.MetaException;

/**
 * A client factory of the shape EMR's Hive loads from {@code hive.metastore.client.factory.class}
 * (Glue's {@code AWSGlueDataCatalogHiveClientFactory}: the same method), making a Thrift client:
 * the path a job takes on EMR with the Glue Data Catalog, without Glue. Its interface, {@code
 * HiveMetaStoreClientFactory}, is EMR's and not in Apache Hive, so this class implements none.
 */
public final class ThriftClientFactory {
  public IMetaStoreClient createMetaStoreClient(
      HiveConf conf,
      HiveMetaHookLoader hookLoader,
      boolean allowEmbedded,
      ConcurrentHashMap<String, Long> metaCallTimeMap)
      throws MetaException {
    return new HiveMetaStoreClient(conf, hookLoader, allowEmbedded);
  }
}
