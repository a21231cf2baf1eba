-- Hive DDL for dataset trips, written by batchkit ddl from examples/trips.yaml (sha256 3c449189c628).
CREATE DATABASE IF NOT EXISTS ${hivevar:database};

-- The raw files as they landed: every column a string, quotes handled, header skipped.
CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:database}.trips_raw (
  `vendor_id` STRING,
  `pickup_at` STRING,
  `dropoff_at` STRING,
  `passenger_count` STRING,
  `trip_distance` STRING,
  `pu_zone` STRING,
  `do_zone` STRING,
  `fare` STRING,
  `store_and_fwd_flag` STRING,
  `note` STRING,
  `rate_code` STRING
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
STORED AS TEXTFILE
LOCATION '${hivevar:raw_location}'
TBLPROPERTIES ('skip.header.line.count' = '1');

-- clean's output: typed rows, Hive text (tab, \N for null, backslash escapes).
CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:database}.trips (
  `vendor_id` INT,
  `pickup_at` TIMESTAMP,
  `dropoff_at` TIMESTAMP,
  `passenger_count` INT,
  `trip_distance` DOUBLE,
  `pu_zone` INT,
  `do_zone` INT,
  `fare` DECIMAL(10,2),
  `store_and_fwd_flag` STRING,
  `note` STRING,
  `rate_code` INT
)
PARTITIONED BY (`dt` STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' ESCAPED BY '\\'
  NULL DEFINED AS '\\N'
STORED AS TEXTFILE
LOCATION '${hivevar:clean_location}'
TBLPROPERTIES ('serialization.escape.crlf' = 'true');
MSCK REPAIR TABLE ${hivevar:database}.trips;

-- convert's output: parquet with the same types.
CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:database}.trips_parquet (
  `vendor_id` INT,
  `pickup_at` TIMESTAMP,
  `dropoff_at` TIMESTAMP,
  `passenger_count` INT,
  `trip_distance` DOUBLE,
  `pu_zone` INT,
  `do_zone` INT,
  `fare` DECIMAL(10,2),
  `store_and_fwd_flag` STRING,
  `note` STRING,
  `rate_code` INT
)
PARTITIONED BY (`dt` STRING)
STORED AS PARQUET
LOCATION '${hivevar:columnar_location}';
MSCK REPAIR TABLE ${hivevar:database}.trips_parquet;
