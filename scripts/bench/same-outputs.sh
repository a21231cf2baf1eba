#!/usr/bin/env bash
# Performance work must not change a byte of what the jobs write. This runs the demo pipeline
# (generated trips: quoted fields, doubled quotes, every kind of dirt; clean --dedupe, enrich,
# aggregate, profile, Parquet, split), then clean, clean --dedupe, aggregate and profile on the
# trips and on the flights file, and lists the md5 of every data file written (manifests, whose
# timings change from run to run, and checksum files left out). Run it before and after a change
# and diff the two lists:
#
#   scripts/bench/same-outputs.sh /tmp/before   (then, after the change)   scripts/bench/same-outputs.sh /tmp/after
#   diff /tmp/before/md5.txt /tmp/after/md5.txt
#
# A few files differ between two runs of the same code (approx_quantile's KLL sketches are
# randomised; profile.json, its report and Parquet footers carry the time they were written): run
# the baseline twice to see which, and expect those alone to differ.
#
#   ROWS=200000                                  generated trips (default: the demo's 200,000)
#   SAME_INPUT=/tmp/same-input                   where the inputs go (default target/same-outputs-input):
#                                                quarantined rows name their file, so keep it for both runs
#   FLIGHTS_GZ=/path/flights-3m.csv.gz           the flights file (skipped if missing)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ $# -ne 1 || "$1" == --help || "$1" == -h ]]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit $([[ $# -eq 1 ]] && echo 0 || echo 2)
fi
out="$1"
rows="${ROWS:-200000}"
flights_gz="${FLIGHTS_GZ:-$root/../shared/data/flights-3m/flights-3m.csv.gz}"
batchkit="$root/scripts/batchkit"
in="${SAME_INPUT:-$root/target/same-outputs-input}"
rm -rf "$out" "$in" && mkdir -p "$out" "$in"

quiet() { "$@" >"$out/.log" 2>&1 || { cat "$out/.log" >&2; return 1; }; }

echo "same-outputs: demo pipeline on $rows trips" >&2
quiet "$batchkit" generate-trips --rows "$rows" --seed 42 --output "$in/landing/trips/trips.csv" \
  --zones "$in/landing/zones/zones.csv"
quiet "$batchkit" run "$root/examples/demo-pipeline.yaml" --var work="$out/demo" --var landing="$in/landing" \
  --var schemas="$root/examples" --overwrite

jobs_on() { # name schema file group-by metrics
  local name=$1 schema=$2 file=$3
  echo "same-outputs: clean, clean --dedupe, aggregate, profile on $name" >&2
  quiet "$batchkit" clean --schema "$schema" --input "$file" --output "$out/$name/clean"
  quiet "$batchkit" clean --schema "$schema" --input "$file" --output "$out/$name/dedupe" --dedupe
  quiet "$batchkit" aggregate --schema "$schema" --input "$file" --output "$out/$name/aggregate" \
    --group-by "$4" --metrics "$5"
  quiet "$batchkit" profile --schema "$schema" --input "$file" --output "$out/$name/profile"
}
jobs_on trips "$root/examples/trips.yaml" "$in/landing/trips/trips.csv" pickup_at:day,vendor_id \
  "count, sum(fare), count_distinct(pu_zone)"
if [[ -f "$flights_gz" ]]; then
  zcat "$flights_gz" >"$in/flights.csv"
  sed 's/name: month, from: date, granularity: month/name: day, from: date, granularity: day/' \
    "$root/examples/flights.yaml" >"$in/flights-day.yaml"
  jobs_on flights "$in/flights-day.yaml" "$in/flights.csv" date:day,origin \
    "count, sum(delay), count_distinct(destination)"
fi

(cd "$out" && find . -type f ! -name '_MANIFEST.json' ! -name '*.crc' ! -name '.log' ! -name '_SUCCESS' \
  | LC_ALL=C sort | xargs md5sum) >"$out/md5.txt"
echo "same-outputs: $(wc -l <"$out/md5.txt") files listed in $out/md5.txt" >&2
