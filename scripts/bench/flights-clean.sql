-- flights with examples/flights.yaml's rules, partitioned by day: typed once, then the valid
-- rows (${DISTINCT}: "DISTINCT" with --dedupe, whole-row keys) and the invalid ones written out.
CREATE TEMP TABLE typed AS
SELECT *,
  date_t IS NOT NULL AND date_t BETWEEN TIMESTAMP '2001-01-01 00:00:00' AND TIMESTAMP '2001-06-30 23:59:59'
  AND (delay IS NULL OR (delay_i IS NOT NULL AND delay_i BETWEEN -60 AND 600))
  AND (distance IS NULL OR (distance_i IS NOT NULL AND distance_i >= 0))
  AND origin IS NOT NULL AND regexp_full_match(origin, '[A-Z0-9]{3}')
  AND destination IS NOT NULL AND regexp_full_match(destination, '[A-Z0-9]{3}') AS valid
FROM (
  SELECT *, try_strptime(date, '%Y-%m-%d %H:%M:%S') AS date_t, TRY_CAST(delay AS INTEGER) AS delay_i,
    TRY_CAST(distance AS INTEGER) AS distance_i
  FROM read_csv('${INPUT}', header = true, all_varchar = true, store_rejects = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'date': 'VARCHAR', 'delay': 'VARCHAR', 'distance': 'VARCHAR', 'origin': 'VARCHAR', 'destination': 'VARCHAR'}));
CREATE TEMP TABLE clean AS
SELECT ${DISTINCT} date_t, delay_i, distance_i, origin, destination FROM typed WHERE valid;
COPY (SELECT strftime(date_t, '%Y-%m-%d %H:%M:%S') AS date, delay_i, distance_i, origin, destination,
    strftime(date_t, '%Y-%m-%d') AS day FROM clean)
  TO '${OUT}/clean' (FORMAT csv, DELIMITER '\t', HEADER false, NULLSTR '\N', QUOTE '', PARTITION_BY (day), OVERWRITE_OR_IGNORE);
COPY (SELECT date, delay, distance, origin, destination FROM typed WHERE NOT valid)
  TO '${OUT}/quarantine.csv' (FORMAT csv, HEADER false);
SELECT (SELECT count(*) FROM typed) + (SELECT count(DISTINCT line) FROM reject_errors) AS read,
  (SELECT count(*) FROM clean) AS clean,
  (SELECT count(*) FROM typed WHERE NOT valid) + (SELECT count(DISTINCT line) FROM reject_errors) AS quarantined,
  (SELECT count(*) FROM typed WHERE valid) - (SELECT count(*) FROM clean) AS duplicates;
