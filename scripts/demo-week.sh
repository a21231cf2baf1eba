#!/usr/bin/env bash
# A week of unattended daily runs: lands one day of trips at a time and runs
# examples/daily-pipeline.yaml (clean --incremental --dedupe with examples/trips-checks.yaml, then the
# per-day aggregate). Day 3's feed grows a column (tip) and day 4's moves its columns around: both
# pass (schema-changes: add_columns reads headers by name), the column joins the schema and the
# table. Day 5's feed is broken (half the rows, every fare empty): its checks stop the pipeline with
# exit 3 and nothing of it is added; the operator moves the file aside and the week goes on. Prints
# each day's verdict, the schema versions, the totals, and the metrics history the checks read.
#
#   scripts/demo-week.sh                 20,000 trips a day into target/demo-week/
#   ROWS=100000 DEMO_DIR=/tmp/week scripts/demo-week.sh   (scripts/demo.sh runs it with WEEK_ROWS)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${WEEK_ROWS:-${ROWS:-20000}}"
work="${DEMO_DIR:-$root/target/demo-week}"
batchkit="$root/scripts/batchkit"
# A day's file is small and each step a short JVM: the C1 compiler alone starts it in half the CPU.
export BATCHKIT_JAVA_OPTS="${BATCHKIT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -Xshare:auto -Xmx1g}"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

rm -rf "$work"
mkdir -p "$work/landing" "$work/set-aside"
# The clean table gains a partition per passed day, registered by the run itself.
source "$root/scripts/lib/metastore.sh"
own_metastore "$work/metastore"
out="$work/out/trips"
stopped=0
for day in 1 2 3 4 5 6 7; do
  date="2024-01-0$day"
  if [[ $day -eq 5 ]]; then
    "$batchkit" generate-trips --rows $((rows / 2)) --seed "$day" --start "$date" --blank fare \
      --output "$work/landing/trips-$date.csv"
  elif [[ $day -eq 3 || $day -eq 4 ]]; then
    # Day 3: a tip column at the end; day 4: the same columns, tip in the middle, others moved.
    order=vendor_id,pickup_at,dropoff_at,passenger_count,trip_distance,pu_zone,do_zone,fare,store_and_fwd_flag,note,rate_code,tip
    [[ $day -eq 4 ]] && order=pickup_at,vendor_id,fare,tip,dropoff_at,passenger_count,trip_distance,pu_zone,do_zone,rate_code,note,store_and_fwd_flag
    "$batchkit" generate-trips --rows "$rows" --seed "$day" --start "$date" --add-column tip \
      --column-order "$order" --output "$work/landing/trips-$date.csv" --expect "$work/expected-$date.json"
  else
    "$batchkit" generate-trips --rows "$rows" --seed "$day" --start "$date" \
      --output "$work/landing/trips-$date.csv" --expect "$work/expected-$date.json"
  fi
  set +e
  "$batchkit" run "$root/examples/daily-pipeline.yaml" --var work="$work" \
    --var schemas="$root/examples" --var database=week --overwrite > "$work/day-$day.log" 2>&1
  code=$?
  set -e
  if [[ $code -eq 0 ]]; then
    added=$(grep -oE 'read [0-9,]+ records' "$work/day-$day.log" | head -n 1)
    warn=$(grep -c 'check WARN' "$work/day-$day.log" || true)
    table=$(grep -oE 'table week.trips [^,]+, [0-9]+ partitions? added' "$work/day-$day.log" | head -n 1)
    printf '  %s: passed (%s; %s warnings; %s)\n' "$date" "$added" "$warn" "$table"
    grep -E '^clean: schema trips v[0-9]+: ' "$work/day-$day.log" | sed 's/^clean: /    /' | cut -c1-150 || true
  elif [[ $code -eq 3 ]]; then
    stopped=$day
    printf '  %s: STOPPED by its checks (exit 3); nothing of it was added:\n' "$date"
    grep -E 'check FAIL' "$work/day-$day.log" | sed 's/^clean: check /    /' | cut -c1-150
    echo "    the operator moves the file aside ($work/set-aside/) and the week goes on"
    mv "$work/landing/trips-$date.csv" "$work/set-aside/"
  else
    cat "$work/day-$day.log" >&2
    echo "demo-week: day $day failed with exit $code (see $work/day-$day.log)" >&2
    exit 1
  fi
done

echo
echo "== after the week"
count() { awk -v k="\"$1\"" '$1 == k { gsub(/[^0-9]/, "", $3); print $3; exit }' "$out/_MANIFEST.json"; }
read_n=$(count read); clean_n=$(count clean); quarantined_n=$(count quarantined); duplicates_n=$(count duplicates)
printf '  totals: read %d = clean %d + quarantined %d + duplicates %d: %s\n' \
  "$read_n" "$clean_n" "$quarantined_n" "$duplicates_n" \
  "$( [[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]] && echo "reconciles" || echo "DOES NOT RECONCILE" )"
echo "  runs committed: $(ls "$out/_runs" | wc -l) (one per passed day); rejected: $(ls "$out/_rejected" 2>/dev/null | wc -l)"
echo "  Hive partitions of week.trips, each added by the run that wrote it (SHOW PARTITIONS):"
# One Hive session for both questions: an embedded Hive takes a while to start.
if ! "$batchkit" hive --dir "$work/hive" --silent=true --outputformat=csv2 --showHeader=false \
  -e 'SHOW PARTITIONS week.trips; SELECT dt, count(*), count(tip) FROM week.trips GROUP BY dt ORDER BY dt' \
  >"$work/hive.txt" 2>"$work/hive.log"; then
  tail -n 20 "$work/hive.log" >&2
  echo "demo-week: the Hive queries failed; see $work/hive.log" >&2
  exit 1
fi
grep '^dt=' "$work/hive.txt" >"$work/partitions.txt" || true
grep -E '^[0-9]{4}-' "$work/hive.txt" >"$work/tips.txt" || true
grep '^dt=' "$work/partitions.txt" | paste -sd' ' | sed 's/^/    /'
echo "  schema versions in $out/_schemas/: $(ls "$out/_schemas" | grep -c '^v[0-9]*\.yaml$')"
echo "  every day through Hive with the table's final columns (tip NULL where a day had none):"
grep -E '^[0-9]{4}-' "$work/tips.txt" | awk -F, '{ printf "    dt=%s: %s trips, %s with a tip\n", $1, $2, $3 }'
echo "  metrics history (a Hive text table: scripts/batchkit ddl --schema $out/_history/metrics/_SCHEMA.yaml ...):"
echo "    run                              status  rows    completeness(fare)  mean(fare)"
cat "$out"/_history/metrics/run-* | awk -F'\t' '
  $4 == "rows" { rows[$1] = $6; status[$1] = $7 }
  $4 == "completeness" && $5 == "fare" { comp[$1] = $6 }
  $4 == "mean" && $5 == "fare" { mean[$1] = $6 }
  END { for (r in rows) printf "    %-32s %-7s %7d %19.4f %11s\n", r, status[r], rows[r], comp[r],
        mean[r] == "\\N" || mean[r] == "" ? "-" : sprintf("%.2f", mean[r]) }' | sort
[[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]]
[[ $stopped -eq 5 ]] || { echo "demo-week: expected day 5 to be stopped, was: $stopped" >&2; exit 1; }
# The stopped day registered nothing (a dt=2024-01-05 partition may still hold day 4's late trips).
! grep -qE 'table week.trips (created|up to date)' "$work/day-5.log" \
  || { echo "demo-week: the stopped day registered partitions" >&2; exit 1; }
