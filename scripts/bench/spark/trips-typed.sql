-- Spark SQL: generated trips with examples/trips.yaml's rules, as ../trips-typed.sql (times parsed as
-- New York wall-clock time; records Spark cannot parse land in _corrupt and are invalid).
CREATE TEMPORARY VIEW raw (vendor_id STRING, pickup_at STRING, dropoff_at STRING, passenger_count STRING,
    trip_distance STRING, pu_zone STRING, do_zone STRING, fare STRING, store_and_fwd_flag STRING,
    note STRING, rate_code STRING, _corrupt STRING)
  USING csv OPTIONS (path '${INPUT}', header 'true', escape '"', mode 'PERMISSIVE',
    columnNameOfCorruptRecord '_corrupt');
CREATE TEMPORARY VIEW nulled AS
SELECT _corrupt,
  if(vendor_id IN ('NA', 'NULL', '\\N'), NULL, vendor_id) AS vendor_id,
  if(pickup_at IN ('NA', 'NULL', '\\N'), NULL, pickup_at) AS pickup_at,
  if(dropoff_at IN ('NA', 'NULL', '\\N'), NULL, dropoff_at) AS dropoff_at,
  if(passenger_count IN ('NA', 'NULL', '\\N'), NULL, passenger_count) AS passenger_count,
  if(trip_distance IN ('NA', 'NULL', '\\N'), NULL, trip_distance) AS trip_distance,
  if(pu_zone IN ('NA', 'NULL', '\\N'), NULL, pu_zone) AS pu_zone,
  if(do_zone IN ('NA', 'NULL', '\\N'), NULL, do_zone) AS do_zone,
  if(fare IN ('NA', 'NULL', '\\N'), NULL, fare) AS fare,
  if(store_and_fwd_flag IN ('NA', 'NULL', '\\N'), NULL, store_and_fwd_flag) AS store_and_fwd_flag,
  if(note IN ('NA', 'NULL', '\\N'), NULL, note) AS note,
  if(rate_code IN ('NA', 'NULL', '\\N'), NULL, rate_code) AS rate_code
FROM raw;
CACHE TABLE typed AS
SELECT *,
  _corrupt IS NULL
  AND vendor_i IS NOT NULL AND vendor_i IN (1, 2)
  AND pickup_l IS NOT NULL AND pickup_l >= TIMESTAMP '2020-01-01 00:00:00'
  AND (dropoff_at IS NULL OR dropoff_l IS NOT NULL)
  AND (passenger_count IS NULL OR (passengers_i IS NOT NULL AND passengers_i BETWEEN 0 AND 9))
  AND (trip_distance IS NULL OR (distance_d IS NOT NULL AND distance_d >= 0))
  AND (pu_zone IS NULL OR (pu_i IS NOT NULL AND pu_i BETWEEN 1 AND 265))
  AND (do_zone IS NULL OR (do_i IS NOT NULL AND do_i BETWEEN 1 AND 265))
  AND (fare IS NULL OR (fare RLIKE '^[0-9]{1,8}([.][0-9]{1,2})?$' AND fare_d >= 0))
  AND (flag IS NULL OR flag IN ('Y', 'N'))
  AND (note_n IS NULL OR length(note_n) <= 200)
  AND (rate_code IS NULL OR (rate_i IS NOT NULL AND rate_i IN (1, 2, 3, 4, 5, 6, 99))) AS valid
FROM (
  SELECT *, try_cast(vendor_id AS INT) AS vendor_i,
    coalesce(try_to_timestamp(pickup_at, 'yyyy-MM-dd HH:mm:ss'), try_to_timestamp(pickup_at, 'MM/dd/yyyy hh:mm:ss a')) AS pickup_l,
    coalesce(try_to_timestamp(dropoff_at, 'yyyy-MM-dd HH:mm:ss'), try_to_timestamp(dropoff_at, 'MM/dd/yyyy hh:mm:ss a')) AS dropoff_l,
    try_cast(passenger_count AS INT) AS passengers_i, try_cast(trip_distance AS DOUBLE) AS distance_d,
    try_cast(pu_zone AS INT) AS pu_i, try_cast(do_zone AS INT) AS do_i,
    try_cast(fare AS DECIMAL(10, 2)) AS fare_d, nullif(upper(trim(store_and_fwd_flag)), '') AS flag,
    nullif(regexp_replace(trim(note), '\\s+', ' '), '') AS note_n, try_cast(rate_code AS INT) AS rate_i
  FROM nulled);
