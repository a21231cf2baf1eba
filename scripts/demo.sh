#!/usr/bin/env bash
# The demo pipeline on the embedded default (Hadoop local runner, local files): builds what it needs,
# generates a deterministic sample of dirty NYC-taxi-like trips, cleans it with dedupe, and prints
# what became of every record.
#
#   scripts/demo.sh                 200,000 rows into target/demo/
#   ROWS=1000000 scripts/demo.sh    more rows
#   DEMO_DIR=/tmp/demo scripts/demo.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${ROWS:-200000}"
work="${DEMO_DIR:-$root/target/demo}"
batchkit="$root/scripts/batchkit"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

start=$(date +%s%N)
mkdir -p "$work/landing"
echo "== 1/2 generate $rows dirty trip records (seed 42) -> $work/landing/trips.csv"
"$batchkit" generate-trips --rows "$rows" --seed 42 \
  --output "$work/landing/trips.csv" --expect "$work/expected.json"

echo "== 2/2 clean --dedupe with examples/trips.yaml -> $work/out"
"$batchkit" clean --schema "$root/examples/trips.yaml" --input "$work/landing" \
  --output "$work/out" --dedupe --overwrite

manifest="$work/out/_MANIFEST.json"
count() { awk -v k="\"$1\"" '$1 == k { gsub(/[^0-9]/, "", $3); print $3; exit }' "$manifest"; }
read_n=$(count read); clean_n=$(count clean); quarantined_n=$(count quarantined); duplicates_n=$(count duplicates)
partitions=$(find "$work/out/clean" -mindepth 1 -maxdepth 1 -type d -name 'dt=*' | wc -l)
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))

echo
echo "== summary"
printf '  read %d = clean %d + quarantined %d + duplicates %d: %s\n' \
  "$read_n" "$clean_n" "$quarantined_n" "$duplicates_n" \
  "$( [[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]] && echo "reconciles" || echo "DOES NOT RECONCILE" )"
echo "  quarantined by rule (records):"
awk '/"quarantined_by_rule"/ {on=1; next} on && /}/ {exit} on { gsub(/[",]/, ""); printf "    %-18s %s\n", $1, $3 }' "$manifest"
echo "  clean rows:  $work/out/clean/ ($partitions dt= partitions, Hive text: tab-separated, \\N null)"
echo "  quarantine:  $work/out/quarantine/ (one JSON line per record: file, line, raw, violations)"
echo "  manifest:    $manifest"
echo "  first quarantined record:"
head -n 1 "$(find "$work/out/quarantine" -type f -name 'part-*' | sort | head -n 1)" | cut -c1-220 | sed 's/^/    /'
printf '  time: %d.%03d s in all (build excluded on later runs)\n' $((elapsed / 1000)) $((elapsed % 1000))
[[ $read_n -eq $((clean_n + quarantined_n + duplicates_n)) ]]
