-- include: trips-typed.sql
-- trips-typed.sql, then by New York day and vendor over the valid rows: count, sum, exact distinct.
CREATE TEMP TABLE groups AS
SELECT CAST(pickup_l AS DATE) AS day, vendor_i, count(*) AS n, sum(fare_d) AS fare_sum,
  count(DISTINCT pu_i) AS pu_zones
FROM typed WHERE valid GROUP BY ALL;
COPY groups TO '${OUT}/groups.csv' (FORMAT csv, DELIMITER '\t', HEADER false);
SELECT count(*) AS groups, sum(n) AS rows FROM groups;
