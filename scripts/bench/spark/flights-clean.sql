-- include: flights-typed.sql
-- Spark SQL, as ../flights-clean.sql: the valid rows (${DISTINCT}: "DISTINCT" with --dedupe) by day,
-- and the invalid ones.
CACHE TABLE clean AS
SELECT ${DISTINCT} date_t, delay_i, distance_i, origin, destination FROM typed WHERE valid;
SAVE '${OUT}/clean' PARTITION BY day AS
SELECT date_format(date_t, 'yyyy-MM-dd HH:mm:ss') AS `date`, delay_i, distance_i, origin, destination,
  date_format(date_t, 'yyyy-MM-dd') AS day FROM clean;
SAVE '${OUT}/quarantine' AS SELECT `date`, delay, distance, origin, destination FROM typed WHERE NOT valid;
SELECT (SELECT count(*) FROM typed) AS read, (SELECT count(*) FROM clean) AS clean,
  (SELECT count(*) FROM typed WHERE NOT valid) AS quarantined,
  (SELECT count(*) FROM typed WHERE valid) - (SELECT count(*) FROM clean) AS duplicates;
