-- include: trips-typed.sql
-- Spark SQL, as ../trips-clean.sql: the valid rows (${ROWNUM}: "1", or with --dedupe a row_number()
-- over the schema's keys) by New York day, in UTC, and the invalid ones.
CACHE TABLE clean AS
SELECT vendor_i, pickup_l, dropoff_l, passengers_i, distance_d, pu_i, do_i, fare_d, flag, note_n, rate_i
FROM (SELECT *, ${ROWNUM} AS rn FROM typed WHERE valid) WHERE rn = 1;
SAVE '${OUT}/clean' PARTITION BY dt AS
SELECT vendor_i, date_format(to_utc_timestamp(pickup_l, 'America/New_York'), 'yyyy-MM-dd HH:mm:ss') AS pickup_at,
  date_format(to_utc_timestamp(dropoff_l, 'America/New_York'), 'yyyy-MM-dd HH:mm:ss') AS dropoff_at,
  passengers_i, distance_d, pu_i, do_i, fare_d, flag, note_n, rate_i, date_format(pickup_l, 'yyyy-MM-dd') AS dt
FROM clean;
SAVE '${OUT}/quarantine' AS SELECT vendor_id, pickup_at, dropoff_at, passenger_count, trip_distance, pu_zone,
  do_zone, fare, store_and_fwd_flag, note, rate_code FROM typed WHERE NOT valid;
SELECT (SELECT count(*) FROM typed) AS read, (SELECT count(*) FROM clean) AS clean,
  (SELECT count(*) FROM typed WHERE NOT valid) AS quarantined,
  (SELECT count(*) FROM typed WHERE valid) - (SELECT count(*) FROM clean) AS duplicates;
