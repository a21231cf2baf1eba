package io.batchkit.mr.catalog;

import io.batchkit.core.schema.HiveTable;
import java.util.List;

/**
 * Where tables are registered: the few calls a batch needs, each of which Hive 3.1's metastore
 * client and the Glue Data Catalog's client also have. Knows no job.
 */
public interface Catalog extends AutoCloseable {
  /** The table as the catalog has it, or null when there is none. */
  HiveTable table(TableName name) throws CatalogException;

  /** Creates the table (and its database when absent); an existing one is left alone. */
  void create(TableName name, HiveTable table) throws CatalogException;

  /** The table's partitions as directory names ({@code day=2024-01-01}). */
  List<String> partitions(TableName name) throws CatalogException;

  /** Adds partitions ({@code day=2024-01-01}, under the table's location) unless already there. */
  void addPartitions(TableName name, HiveTable table, List<String> dirs) throws CatalogException;

  /** Points the table at {@code table}'s location, its partitions dropped (data untouched). */
  void relocate(TableName name, HiveTable table) throws CatalogException;

  /**
   * Gives the table {@code table}'s columns (some added at the end, some widened), cascaded: every
   * partition's columns become the table's, so no partition reads with an older schema.
   */
  void alterColumns(TableName name, HiveTable table) throws CatalogException;

  /** Where the tables go, for messages: {@code the Hive metastore at thrift://...}. */
  String describe();

  @Override
  void close();
}
