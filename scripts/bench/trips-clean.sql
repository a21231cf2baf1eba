-- include: trips-typed.sql
-- trips-typed.sql, then the valid rows (${DISTINCT}: "DISTINCT ON (vendor_i, pickup_l)" with
-- --dedupe, the schema's keys) by New York day, and the invalid ones.
CREATE TEMP TABLE clean AS
SELECT ${DISTINCT} vendor_i, pickup_l, dropoff_l, passengers_i, distance_d, pu_i, do_i, fare_d, flag, note_n, rate_i
FROM typed WHERE valid;
COPY (SELECT vendor_i, strftime(timezone('UTC', timezone('America/New_York', pickup_l)), '%Y-%m-%d %H:%M:%S') AS pickup_at,
    strftime(timezone('UTC', timezone('America/New_York', dropoff_l)), '%Y-%m-%d %H:%M:%S') AS dropoff_at,
    passengers_i, distance_d, pu_i, do_i, fare_d, flag, note_n, rate_i, strftime(pickup_l, '%Y-%m-%d') AS dt
  FROM clean)
  TO '${OUT}/clean' (FORMAT csv, DELIMITER '\t', HEADER false, NULLSTR '\N', QUOTE '', PARTITION_BY (dt), OVERWRITE_OR_IGNORE);
COPY (SELECT vendor_id, pickup_at, dropoff_at, passenger_count, trip_distance, pu_zone, do_zone, fare,
    store_and_fwd_flag, note, rate_code FROM typed WHERE NOT valid)
  TO '${OUT}/quarantine.csv' (FORMAT csv, HEADER false);
SELECT (SELECT count(*) FROM typed) + (SELECT count(DISTINCT line) FROM reject_errors) AS read,
  (SELECT count(*) FROM clean) AS clean,
  (SELECT count(*) FROM typed WHERE NOT valid) + (SELECT count(DISTINCT line) FROM reject_errors) AS quarantined,
  (SELECT count(*) FROM typed WHERE valid) - (SELECT count(*) FROM clean) AS duplicates;
