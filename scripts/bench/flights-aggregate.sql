-- flights by day and origin over the rows examples/flights.yaml accepts: count, sum, exact distinct.
CREATE TEMP TABLE groups AS
SELECT CAST(date_t AS DATE) AS day, origin, count(*) AS n, sum(delay_i) AS delay_sum,
  count(DISTINCT destination) AS destinations
FROM (
  SELECT try_strptime(date, '%Y-%m-%d %H:%M:%S') AS date_t, TRY_CAST(delay AS INTEGER) AS delay_i,
    TRY_CAST(distance AS INTEGER) AS distance_i, *
  FROM read_csv('${INPUT}', header = true, all_varchar = true, ignore_errors = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'date': 'VARCHAR', 'delay': 'VARCHAR', 'distance': 'VARCHAR', 'origin': 'VARCHAR', 'destination': 'VARCHAR'}))
WHERE date_t IS NOT NULL AND date_t BETWEEN TIMESTAMP '2001-01-01 00:00:00' AND TIMESTAMP '2001-06-30 23:59:59'
  AND (delay IS NULL OR (delay_i IS NOT NULL AND delay_i BETWEEN -60 AND 600))
  AND (distance IS NULL OR (distance_i IS NOT NULL AND distance_i >= 0))
  AND origin IS NOT NULL AND regexp_full_match(origin, '[A-Z0-9]{3}')
  AND destination IS NOT NULL AND regexp_full_match(destination, '[A-Z0-9]{3}')
GROUP BY ALL;
COPY groups TO '${OUT}/groups.csv' (FORMAT csv, DELIMITER '\t', HEADER false);
SELECT count(*) AS groups, sum(n) AS rows FROM groups;
