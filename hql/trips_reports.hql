-- Reports over the trips tables (created by `batchkit ddl --schema trips.yaml`) and the raw lines.
--   hive -f hql/trips_reports.hql --hivevar database=nyc --hivevar schema=hdfs:///schemas/trips.yaml \
--        --hivevar raw_location=hdfs:///landing/trips --hivevar report_location=hdfs:///reports/trips
-- Needs hql/functions.hql in the same session (bk_record_violations, bk_explode_violations).

-- The raw files as one line per record: what bk_record_violations checks, as clean does.
CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:database}.trips_raw_lines (line STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\u0001'
STORED AS TEXTFILE
LOCATION '${hivevar:raw_location}'
TBLPROPERTIES ('skip.header.line.count' = '1');

-- Trips and fares per pickup day (New York calendar days: the dt partitions).
CREATE TABLE IF NOT EXISTS ${hivevar:database}.trips_per_day (
  dt STRING, trips BIGINT, fares DECIMAL(20,2), mean_fare DOUBLE, vendors BIGINT)
STORED AS TEXTFILE;
INSERT OVERWRITE TABLE ${hivevar:database}.trips_per_day
SELECT dt, count(*), sum(fare), avg(fare), count(DISTINCT vendor_id)
FROM ${hivevar:database}.trips
GROUP BY dt;

-- The distinct rate codes of the trips (the TLC's codes: 1 standard, 2 JFK, 3 Newark,
-- 4 Nassau/Westchester, 5 negotiated, 6 group ride, 99 unknown), with their trips and fares.
CREATE TABLE IF NOT EXISTS ${hivevar:database}.trips_rate_codes (
  rate_code INT, trips BIGINT, fares DECIMAL(20,2), mean_fare DOUBLE)
STORED AS TEXTFILE;
INSERT OVERWRITE TABLE ${hivevar:database}.trips_rate_codes
SELECT rate_code, count(*), sum(fare), avg(fare)
FROM ${hivevar:database}.trips
GROUP BY rate_code;

-- Data quality: records with violations, by rule and column, straight from the raw lines.
CREATE TABLE IF NOT EXISTS ${hivevar:database}.trips_quality (
  rule STRING, `column` STRING, records BIGINT)
STORED AS TEXTFILE;
INSERT OVERWRITE TABLE ${hivevar:database}.trips_quality
SELECT v.rule, coalesce(v.`column`, '*'), count(*)
FROM ${hivevar:database}.trips_raw_lines
LATERAL VIEW explode(bk_record_violations('${hivevar:schema}', line)) x AS v
-- Each file's first line is its header (offset 0), as clean treats it: MapReduce tasks do not
-- always honour skip.header.line.count, the offset says it everywhere.
WHERE line != '' AND BLOCK__OFFSET__INSIDE__FILE > 0
GROUP BY v.rule, coalesce(v.`column`, '*');

-- The reports, as hive -f / beeline -f print them.
SELECT dt, trips, fares, round(mean_fare, 2) AS mean_fare, vendors
FROM ${hivevar:database}.trips_per_day ORDER BY dt;
SELECT rate_code, trips, fares, round(mean_fare, 2) AS mean_fare
FROM ${hivevar:database}.trips_rate_codes ORDER BY rate_code;
SELECT rule, `column`, records
FROM ${hivevar:database}.trips_quality ORDER BY records DESC, rule, `column`;
