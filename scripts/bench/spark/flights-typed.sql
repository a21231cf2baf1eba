-- Spark SQL: the flights rows with examples/flights.yaml's rules, typed once (as ../flights-clean.sql).
-- Included by flights-clean.sql and flights-aggregate.sql.
CREATE TEMPORARY VIEW raw (`date` STRING, delay STRING, distance STRING, origin STRING, destination STRING)
  USING csv OPTIONS (path '${INPUT}', header 'true', escape '"', mode 'PERMISSIVE');
CACHE TABLE typed AS
SELECT *,
  date_t IS NOT NULL AND date_t BETWEEN TIMESTAMP '2001-01-01 00:00:00' AND TIMESTAMP '2001-06-30 23:59:59'
  AND (delay IS NULL OR (delay_i IS NOT NULL AND delay_i BETWEEN -60 AND 600))
  AND (distance IS NULL OR (distance_i IS NOT NULL AND distance_i >= 0))
  AND origin IS NOT NULL AND origin RLIKE '^[A-Z0-9]{3}$'
  AND destination IS NOT NULL AND destination RLIKE '^[A-Z0-9]{3}$' AS valid
FROM (
  SELECT *, try_to_timestamp(`date`, 'yyyy-MM-dd HH:mm:ss') AS date_t, try_cast(delay AS INT) AS delay_i,
    try_cast(distance AS INT) AS distance_i
  FROM raw);
