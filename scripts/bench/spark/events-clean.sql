-- Spark SQL: generate-events' landing written one object a line (Spark's JSON readers take no
-- objects back to back) with examples/events.yaml's rules: required event_id, event_type (one of
-- four), occurred_at (an ISO string) and user.id; user.country two capitals; amount a non-negative
-- number of at most 2 decimals; session_ms a non-negative int. A record that is not JSON is invalid.
-- The kind of a value (string or number) is read from the line, as get_json_object gives only text.
CREATE TEMPORARY VIEW lines USING text OPTIONS (path '${INPUT}', recursiveFileLookup 'true');
CREATE TEMPORARY VIEW fields AS
SELECT value,
  get_json_object(value, '$') IS NULL AS malformed,
  get_json_object(value, '$.event_id') AS event_id,
  get_json_object(value, '$.event_type') AS event_type,
  get_json_object(value, '$.occurred_at') AS occurred_at,
  value RLIKE '"occurred_at":"' AS at_quoted,
  get_json_object(value, '$.user.id') AS user_id,
  get_json_object(value, '$.user.country') AS user_country,
  get_json_object(value, '$.device.os') AS device_os,
  get_json_object(value, '$.amount') AS amount,
  value RLIKE '"amount":"' AS amount_quoted,
  get_json_object(value, '$.session_ms') AS session_ms,
  get_json_object(value, '$.items') AS items
FROM lines WHERE trim(value) <> '';
CREATE TEMPORARY VIEW typed AS
SELECT *, try_cast(occurred_at AS TIMESTAMP) AS at_ts, try_cast(amount AS DECIMAL(7, 2)) AS amount_d,
  try_cast(amount AS DECIMAL(38, 10)) AS amount_exact, try_cast(session_ms AS INT) AS session_i
FROM fields;
CACHE TABLE checked AS
SELECT *, coalesce(NOT malformed AND event_id IS NOT NULL
  AND event_type IN ('page_view', 'search', 'add_to_cart', 'purchase')
  AND at_quoted AND at_ts IS NOT NULL AND user_id IS NOT NULL
  AND (user_country IS NULL OR user_country RLIKE '^[A-Z]{2}$')
  AND (amount IS NULL OR (NOT amount_quoted AND amount_d IS NOT NULL AND amount_d = amount_exact
    AND amount_d >= 0))
  AND (session_ms IS NULL OR (session_i IS NOT NULL AND session_i >= 0)), false) AS valid
FROM typed;
SAVE '${OUT}/clean' PARTITION BY dt AS
SELECT event_id, event_type, date_format(at_ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS occurred_at, user_id,
  user_country, device_os, amount_d, session_i, items, date_format(at_ts, 'yyyy-MM-dd') AS dt
FROM checked WHERE valid;
SAVE '${OUT}/quarantine' AS SELECT value FROM checked WHERE NOT valid;
SELECT (SELECT count(*) FROM checked) AS read, (SELECT count(*) FROM checked WHERE valid) AS clean,
  (SELECT count(*) FROM checked WHERE NOT valid) AS quarantined, 0 AS duplicates;
