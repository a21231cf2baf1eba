#!/usr/bin/env bash
# The demo pipeline on the embedded default (Hadoop local runner, local files): builds what it needs,
# generates a deterministic sample of dirty NYC-taxi-like trips and a zone lookup, runs
# examples/demo-pipeline.yaml (clean -> enrich -> aggregate -> profile -> convert -> split), and
# prints what became of every record and where the profile report is; then runs the hql/ reports
# and the ML feature table on that output in embedded Hive (Beeline against an in-process Hive 4).
#
#   scripts/demo.sh                 200,000 rows into target/demo/
#   ROWS=1000000 scripts/demo.sh    more rows
#   DEMO_DIR=/tmp/demo scripts/demo.sh
#   WEEK=0 scripts/demo.sh          without the week of daily runs (scripts/demo-week.sh) at the end
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${ROWS:-200000}"
work="${DEMO_DIR:-$root/target/demo}"
batchkit="$root/scripts/batchkit"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

start=$(date +%s%N)
rm -rf "$work/hive"
mkdir -p "$work/landing" "$work/hive"
# The jobs register their tables in a Hive metastore of this run's own; the Hive reports read them.
source "$root/scripts/lib/metastore.sh"
echo "== a Hive metastore for this run's tables"
own_metastore "$work/metastore"
echo "  $BATCHKIT_METASTORE_URI (Derby in $work/metastore)"
echo "== generate $rows dirty trip records (seed 42) and the zone lookup -> $work/landing/"
"$batchkit" generate-trips --rows "$rows" --seed 42 --output "$work/landing/trips/trips.csv" \
  --expect "$work/expected.json" --zones "$work/landing/zones/zones.csv"

echo "== run examples/demo-pipeline.yaml"
"$batchkit" run "$root/examples/demo-pipeline.yaml" --var work="$work" \
  --var schemas="$root/examples" --var database=nyc --overwrite 2>&1 | grep -vE '^[a-z]+: (map [0-9]+%|job job_)'

manifest="$work/out/clean/_MANIFEST.json"
count() { awk -v k="\"$1\"" '$1 == k { gsub(/[^0-9]/, "", $3); print $3; exit }' "$manifest"; }
read_n=$(count read); clean_n=$(count clean); quarantined_n=$(count quarantined); duplicates_n=$(count duplicates)
partitions=$(find "$work/out/clean/clean" -mindepth 1 -maxdepth 1 -type d -name 'dt=*' | wc -l)

echo
echo "== summary"
printf '  read %d = clean %d + quarantined %d + duplicates %d: %s\n' \
  "$read_n" "$clean_n" "$quarantined_n" "$duplicates_n" \
  "$( [[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]] && echo "reconciles" || echo "DOES NOT RECONCILE" )"
echo "  quarantined by rule (records):"
awk '/"quarantined_by_rule"/ {on=1; next} on && /}/ {exit} on { gsub(/[",]/, ""); printf "    %-18s %s\n", $1, $3 }' "$manifest"
echo "  clean rows:  $work/out/clean/clean/ ($partitions dt= partitions, Hive text: tab-separated, \\N null)"
echo "  quarantine:  $work/out/clean/quarantine/ (one JSON line per record: file, line, raw, violations)"
echo "  first quarantined record:"
head -n 1 "$(find "$work/out/clean/quarantine" -type f -name 'part-*' | sort | head -n 1)" | cut -c1-220 | sed 's/^/    /'
echo "  trips per pickup day (day, trips, fares, mean fare, median fare, pickup zones):"
cat "$work"/out/daily/data/part-* | sort | awk -F'\t' '{ printf "    %s %8d %12.2f %7.2f %7.2f %4d\n", $1, $2, $3, $4, $5, $6 }'
echo "  trips by pickup borough (with passengers): "
cat "$work"/out/by_borough/data/part-* | sort -t$'\t' -k2,2nr | awk -F'\t' '{ printf "    %-14s %8d\n", $1, $2 }'
echo "  Parquet:     $work/out/parquet/data/ ($(find "$work/out/parquet/data" -name '*.parquet' | wc -l) files)"
echo "  ML split:    $work/out/split/data/split={train,validation,test}/"
echo "  profile:     $work/out/profile/report.html (open it in a browser; profile.json beside it)"
[[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]]

echo
echo "== Hive: the tables the jobs registered, then hql/trips_reports.hql and hql/trips_features.hql"
echo "   (embedded HiveServer2 4 on that metastore, Beeline)"
cat >"$work/hive/registered.hql" <<'HQL'
-- The tables the pipeline's jobs registered (step table: keys), before any DDL runs: rows in each.
SELECT t.n AS trips, e.n AS trips_enriched, p.n AS trips_enriched_parquet, s.n AS trips_split,
  d.n AS trips_daily_count
FROM (SELECT count(*) AS n FROM nyc.trips) t
CROSS JOIN (SELECT count(*) AS n FROM nyc.trips_enriched) e
CROSS JOIN (SELECT count(*) AS n FROM nyc.trips_enriched_parquet) p
CROSS JOIN (SELECT count(*) AS n FROM nyc.trips_split) s
CROSS JOIN (SELECT sum(`count`) AS n FROM nyc.trips_daily) d;
HQL
if ! "$batchkit" hive --dir "$work/hive" --silent=true -i "$work/hive/registered.hql" \
  -i "$root/hql/trips_tables.hql" -i "$root/hql/functions.hql" -i "$root/hql/trips_reports.hql" \
  -f "$root/hql/trips_features.hql" \
  --hivevar database=nyc --hivevar schema="file://$root/examples/trips.yaml" \
  --hivevar raw_location="file://$work/landing/trips" \
  --hivevar clean_location="file://$work/out/clean/clean" \
  --hivevar columnar_location="file://$work/out/parquet/data" \
  --hivevar ratios=train=0.8,validation=0.1,test=0.1 --hivevar seed=42 \
  > "$work/hive/reports.txt" 2> "$work/hive/beeline.log"; then
  tail -n 20 "$work/hive/beeline.log" >&2
  echo "demo: the Hive step failed; see $work/hive/beeline.log and $work/hive/hive.log" >&2
  exit 1
fi
echo "  rows in the tables the jobs registered (each equals the clean rows: unmatched zones are kept),"
echo "  trips per pickup day, trips per rate code, records quarantined by rule and column,"
echo "  and the ML feature table's splits (partitions written by one dynamic-partition insert):"
grep -E '^[+|]' "$work/hive/reports.txt" | sed 's/^/    /'
echo "  registered by the jobs: nyc.trips, nyc.trips_enriched, nyc.trips_daily, nyc.trips_by_borough,"
echo "          nyc.trips_enriched_parquet, nyc.trips_split; created by the HQL: nyc.trips_raw,"
echo "          nyc.trips_parquet, nyc.trips_per_day, nyc.trips_rate_codes, nyc.trips_quality,"
echo "          nyc.trip_features (while a metastore runs: scripts/batchkit metastore start --dir"
echo "          $work/metastore, then scripts/batchkit hive -e 'SHOW TABLES IN nyc')"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
printf '  time: %d.%03d s in all (build excluded on later runs)\n' $((elapsed / 1000)) $((elapsed % 1000))

if [[ "${WEEK:-1}" != 0 ]]; then
  echo
  echo "== a week of unattended daily runs (scripts/demo-week.sh, ${WEEK_ROWS:-20000} trips a day): clean"
  echo "   --incremental --dedupe with examples/trips-checks.yaml, then the per-day aggregate"
  WEEK_ROWS="${WEEK_ROWS:-20000}" DEMO_DIR="$work/week" "$root/scripts/demo-week.sh"
fi
