-- The Glue lab's report over the Parquet table examples/glue-lab-pipeline.yaml registers:
-- tickets, fines and distinct (pseudonymised) plates per infraction code.
--   hive -f hql/glue_lab_report.hql -d database=glue_lab
SELECT infraction_code, count(*) AS tickets, sum(fine) AS fines, count(DISTINCT plate) AS plates
FROM ${hivevar:database}.tickets_parquet
GROUP BY infraction_code
ORDER BY infraction_code;

-- The plates are HMAC-SHA256 hex, never the plate itself.
SELECT min(plate) AS first_plate, min(length(plate)) AS shortest, max(length(plate)) AS longest
FROM ${hivevar:database}.tickets_parquet;
