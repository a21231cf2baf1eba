-- Generated trips with examples/trips.yaml's rules (nulls, two timestamp formats read as New York
-- time and kept in UTC, bounds, allowed values, decimal scale, trim/upper/collapse, lengths);
-- rows DuckDB cannot read (ragged, broken quotes, invalid UTF-8) go to its reject tables. Included
-- by trips-clean.sql and trips-aggregate.sql.
CREATE TEMP TABLE typed AS
SELECT *,
  vendor_i IS NOT NULL AND vendor_i IN (1, 2)
  AND pickup_l IS NOT NULL AND pickup_l >= TIMESTAMP '2020-01-01 00:00:00'
  AND (dropoff_at IS NULL OR dropoff_l IS NOT NULL)
  AND (passenger_count IS NULL OR (passengers_i IS NOT NULL AND passengers_i BETWEEN 0 AND 9))
  AND (trip_distance IS NULL OR (distance_d IS NOT NULL AND distance_d >= 0))
  AND (pu_zone IS NULL OR (pu_i IS NOT NULL AND pu_i BETWEEN 1 AND 265))
  AND (do_zone IS NULL OR (do_i IS NOT NULL AND do_i BETWEEN 1 AND 265))
  AND (fare IS NULL OR (regexp_full_match(fare, '[0-9]{1,8}(\.[0-9]{1,2})?') AND fare_d >= 0))
  AND (flag IS NULL OR flag IN ('Y', 'N'))
  AND (note_n IS NULL OR length(note_n) <= 200)
  AND (rate_code IS NULL OR (rate_i IS NOT NULL AND rate_i IN (1, 2, 3, 4, 5, 6, 99))) AS valid
FROM (
  SELECT *, TRY_CAST(vendor_id AS INTEGER) AS vendor_i,
    coalesce(try_strptime(pickup_at, '%Y-%m-%d %H:%M:%S'), try_strptime(pickup_at, '%m/%d/%Y %I:%M:%S %p')) AS pickup_l,
    coalesce(try_strptime(dropoff_at, '%Y-%m-%d %H:%M:%S'), try_strptime(dropoff_at, '%m/%d/%Y %I:%M:%S %p')) AS dropoff_l,
    TRY_CAST(passenger_count AS INTEGER) AS passengers_i, TRY_CAST(trip_distance AS DOUBLE) AS distance_d,
    TRY_CAST(pu_zone AS INTEGER) AS pu_i, TRY_CAST(do_zone AS INTEGER) AS do_i,
    TRY_CAST(fare AS DECIMAL(10, 2)) AS fare_d, nullif(upper(trim(store_and_fwd_flag)), '') AS flag,
    nullif(regexp_replace(trim(note), '\s+', ' ', 'g'), '') AS note_n, TRY_CAST(rate_code AS INTEGER) AS rate_i
  FROM read_csv('${INPUT}', header = true, all_varchar = true, store_rejects = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    nullstr = ['', 'NA', 'NULL', '\N'],
    columns = {'vendor_id': 'VARCHAR', 'pickup_at': 'VARCHAR', 'dropoff_at': 'VARCHAR',
      'passenger_count': 'VARCHAR', 'trip_distance': 'VARCHAR', 'pu_zone': 'VARCHAR', 'do_zone': 'VARCHAR',
      'fare': 'VARCHAR', 'store_and_fwd_flag': 'VARCHAR', 'note': 'VARCHAR', 'rate_code': 'VARCHAR'}));
