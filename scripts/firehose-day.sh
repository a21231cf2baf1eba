#!/usr/bin/env bash
# A day of a stream as Kinesis Data Firehose lands it, cleaned as an hourly schedule would: the
# generator writes 1,440 gzipped files of JSON events (one a minute under YYYY/MM/DD/HH/, objects
# back to back, dirt of every kind, one truncated file) and its ledger; each hour lands, then
# `clean --incremental --dedupe --bad-files skip` reads what is new. Every run's counts are
# compared with the ledger's hour, then the day's partition is compacted and counted again.
#
#   scripts/firehose-day.sh                     100 events a file into target/firehose-day/
#   EVENTS=1000 DAY_DIR=/tmp/day scripts/firehose-day.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${EVENTS:-100}"
work="${DAY_DIR:-$root/target/firehose-day}"
batchkit="$root/scripts/batchkit"
export BATCHKIT_JAVA_OPTS="${BATCHKIT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -Xshare:auto -Xmx1g}"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

rm -rf "$work"
mkdir -p "$work/landing"
"$batchkit" generate-events --output "$work/all" --events-per-file "$events" \
  --expect "$work/ledger.json"
ledger() { # hour field
  sed -n "s|.*\"$1\": {\"records\": \([0-9]*\), \"quarantined\": \([0-9]*\), \"duplicates\": \([0-9]*\)}.*|\1 \2 \3|p" \
    "$work/ledger.json"
}
truncated=$(sed -n 's/.*"truncated_file": "\(.*\)".*/\1/p' "$work/ledger.json")
mismatches=0
run=0
for hour_dir in $(cd "$work/all" && find . -mindepth 4 -maxdepth 4 -type d | sort); do
  hour=${hour_dir#./}
  mkdir -p "$work/landing/$(dirname "$hour")"
  mv "$work/all/$hour" "$work/landing/$hour"
  "$batchkit" clean --schema "$root/examples/events.yaml" --input "$work/landing" \
    --output "$work/out" --incremental --dedupe --bad-files skip >"$work/run-$run.log" 2>&1
  read -r records quarantined duplicates < <(ledger "$hour")
  extra=0
  [[ "$truncated" == "$hour/"* ]] && extra=1 # its unreadable_file line, read and quarantined
  # The run's own line: "clean: events: read N records in T s: C clean, Q quarantined, D duplicates"
  got=$(sed -n 's/^clean: events: read \([0-9,]*\) records in .*s: [0-9,]* clean, \([0-9,]*\) quarantined, \([0-9,]*\) duplicates$/\1 \2 \3/p' \
    "$work/run-$run.log" | tr -d ,)
  want="$((records + extra)) $((quarantined + extra)) $duplicates"
  if [[ "$got" == "$want" ]]; then verdict=ok; else verdict="MISMATCH (ledger $want)"; mismatches=$((mismatches + 1)); fi
  printf 'firehose-day: %s: read, quarantined, duplicates %s: %s\n' "$hour" "$got" "$verdict"
  run=$((run + 1))
done
files=$(find "$work/out/clean" -type f -name '*part-*' | wc -l)
"$batchkit" compact --output "$work/out"
after=$(find "$work/out/clean" -type f | grep -vc '/[._]' || true)
echo "firehose-day: $run hourly runs, $mismatches mismatches; clean files $files -> $after after compact"
[[ $mismatches -eq 0 ]]
