-- batchkit's Hive functions for this session (or, with CREATE FUNCTION ... USING JAR, for good).
--   hive -f hql/functions.hql --hivevar udf_jar=hdfs:///jars/batchkit-hive-udfs.jar
ADD JAR ${hivevar:udf_jar};
CREATE TEMPORARY FUNCTION bk_split AS 'io.batchkit.hive.split.BkSplit';
CREATE TEMPORARY FUNCTION bk_violations AS 'io.batchkit.hive.rules.BkViolations';
CREATE TEMPORARY FUNCTION bk_explode_violations AS 'io.batchkit.hive.rules.BkExplodeViolations';
CREATE TEMPORARY FUNCTION bk_record_violations AS 'io.batchkit.hive.rules.BkRecordViolations';
CREATE TEMPORARY FUNCTION bk_normalize AS 'io.batchkit.hive.rules.BkNormalize';
CREATE TEMPORARY FUNCTION bk_parse AS 'io.batchkit.hive.rules.BkParse';
CREATE TEMPORARY FUNCTION bk_pseudonymize AS 'io.batchkit.hive.privacy.BkPseudonymize';
CREATE TEMPORARY FUNCTION bk_haversine_km AS 'io.batchkit.hive.features.BkHaversine';
CREATE TEMPORARY FUNCTION bk_minmax AS 'io.batchkit.hive.features.BkScale$MinMax';
CREATE TEMPORARY FUNCTION bk_zscore AS 'io.batchkit.hive.features.BkScale$ZScore';
CREATE TEMPORARY FUNCTION bk_bucketize AS 'io.batchkit.hive.features.BkBucketize';
CREATE TEMPORARY FUNCTION bk_hash_bucket AS 'io.batchkit.hive.features.BkHashBucket';
CREATE TEMPORARY FUNCTION bk_one_hot AS 'io.batchkit.hive.features.BkOneHot';
