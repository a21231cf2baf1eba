-- An ML feature table for the trips, built with batchkit's functions and written with dynamic
-- partitions: one partition per split (train, validation, test), the same split the `split` job
-- gives each trip (bk_split hashes the key as the job does).
--   hive -f hql/trips_features.hql --hivevar database=nyc \
--        --hivevar ratios=train=0.8,validation=0.1,test=0.1 --hivevar seed=42
-- Needs the trips table (batchkit ddl) and hql/functions.hql in the same session.
-- Scaling parameters come from the training split only, so nothing leaks from validation or test.

SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;

CREATE TABLE IF NOT EXISTS ${hivevar:database}.trip_features (
  vendor_id INT,
  pickup_at TIMESTAMP,
  duration_min DOUBLE,              -- dropoff - pickup, minutes
  distance_scaled DOUBLE,           -- min-max over the training split
  distance_bucket INT,              -- 0: < 1 mile, 1: 1-2, 2: 2-5, 3: 5-10, 4: >= 10
  pickup_hour_bucket INT,           -- New York hours; 0: < 6, 1: 6-9, 2: 10-15, 3: 16-19, 4: >= 20
  passengers_z DOUBLE,              -- z-score over the training split
  rate_code_one_hot ARRAY<INT>,     -- standard, JFK, Newark, Nassau/Westchester, negotiated, group
  pu_zone_hash INT,                 -- the hashing trick, 64 buckets
  do_zone_hash INT,
  fare DECIMAL(10,2))               -- the label
PARTITIONED BY (split STRING)
STORED AS PARQUET;

WITH labelled AS (
  SELECT t.*, bk_split('${hivevar:ratios}', ${hivevar:seed}, vendor_id, pickup_at) AS split
  FROM ${hivevar:database}.trips t
),
train AS (
  SELECT min(trip_distance) AS distance_min, max(trip_distance) AS distance_max,
         avg(passenger_count) AS passengers_mean, stddev_pop(passenger_count) AS passengers_sd
  FROM labelled
  WHERE split = 'train'
)
INSERT OVERWRITE TABLE ${hivevar:database}.trip_features PARTITION (split)
SELECT
  l.vendor_id,
  l.pickup_at,
  -- Minutes between two timestamps from their fields: no session time zone (and none of its
  -- DST changes) gets into the difference, on Hive 3 and 4 alike.
  (datediff(l.dropoff_at, l.pickup_at) * 86400
   + (hour(l.dropoff_at) - hour(l.pickup_at)) * 3600
   + (minute(l.dropoff_at) - minute(l.pickup_at)) * 60
   + second(l.dropoff_at) - second(l.pickup_at)) / 60.0,
  bk_minmax(l.trip_distance, p.distance_min, p.distance_max),
  bk_bucketize(l.trip_distance, array(1.0, 2.0, 5.0, 10.0)),
  bk_bucketize(hour(from_utc_timestamp(l.pickup_at, 'America/New_York')), array(6, 10, 16, 20)),
  bk_zscore(l.passenger_count, p.passengers_mean, p.passengers_sd),
  bk_one_hot(l.rate_code, array(1, 2, 3, 4, 5, 6)),
  bk_hash_bucket(l.pu_zone, 64),
  bk_hash_bucket(l.do_zone, 64),
  l.fare,
  l.split
FROM labelled l CROSS JOIN train p;

-- What was written, per split.
SELECT split, count(*) AS trips, round(avg(fare), 2) AS mean_fare,
       round(avg(duration_min), 1) AS mean_minutes
FROM ${hivevar:database}.trip_features
GROUP BY split
ORDER BY split;
