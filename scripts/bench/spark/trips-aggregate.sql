-- include: trips-typed.sql
-- Spark SQL, as ../trips-aggregate.sql: by New York day and vendor over the valid rows.
CACHE TABLE groups AS
SELECT CAST(pickup_l AS DATE) AS day, vendor_i, count(*) AS n, sum(fare_d) AS fare_sum,
  count(DISTINCT pu_i) AS pu_zones
FROM typed WHERE valid GROUP BY 1, 2;
SAVE '${OUT}/groups' AS SELECT * FROM groups;
SELECT count(*) AS groups, sum(n) AS `rows` FROM groups;
