#!/usr/bin/env bash
# Benchmark (not a test): `clean`, `aggregate` and `profile` on the Hadoop local runner against a
# plain single-threaded Java loop doing the same computation with the same core code on the same
# raw file (clean with and without --dedupe), on generated trips (1M and 4M rows) and the real
# 3M-row flights file. Prints rows/s, MB/s, peak memory (max RSS) and the wall-time ratio job/loop.
# With JOBS=hive: the validation function bk_record_violations over every raw line in embedded Hive
# (Beeline, MapReduce local) against `clean` on the same file; the ratio there is hive/clean.
#
#   scripts/bench.sh                         all sizes, flights if ../shared/data is there
#   JOBS="aggregate profile" scripts/bench.sh  which jobs (default: clean aggregate profile hive)
#   SIZES="1000000" scripts/bench.sh         generated sizes to run
#   FLIGHTS_GZ=/path/flights-3m.csv.gz       where the flights file is (skipped if missing)
#   BENCH_DIR=/tmp/bench                     work directory (default target/bench)
#   RUNS=3                                   runs per measurement; the fastest counts (default 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-$root/target/bench}"
sizes="${SIZES:-1000000 4000000}"
runs="${RUNS:-2}"
jobs="${JOBS:-clean aggregate profile hive}"
flights_gz="${FLIGHTS_GZ:-$root/../shared/data/flights-3m/flights-3m.csv.gz}"
batchkit="$root/scripts/batchkit"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

mkdir -p "$dir"
"$batchkit" --help >/dev/null 2>&1 || true # builds the jar if needed
jar="$root/mr-jobs/target/batchkit-jobs.jar"
cp="$(cat "$root/mr-jobs/target/hadoop-classpath.txt")"

# Runs a command $runs times; wall = the fastest run (this machine's timings are noisy), rss = the
# largest peak RSS (KiB) of the whole process.
timed() {
  local best="" peak=0
  for ((i = 0; i < runs; i++)); do
    timed_once "$@"
    if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
    ((rss > peak)) && peak=$rss
  done
  wall=$best
  rss=$peak
}

timed_once() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "%e %M" -o "$dir/.time" "$@" >"$dir/.log" 2>&1 || { cat "$dir/.log" >&2; return 1; }
  else
    local s=$(date +%s%N)
    "$@" >"$dir/.log" 2>&1 || { cat "$dir/.log" >&2; return 1; }
    echo "$(( ($(date +%s%N) - s) / 1000000 ))e-3 0" >"$dir/.time"
  fi
  read -r wall rss <"$dir/.time"
}

results="$dir/results.txt"
printf '%-14s %-9s %9s %7s | %8s %10s %7s %8s | %8s %10s %7s %8s | %9s\n' \
  dataset mode rows MB "loop s" "loop r/s" "MB/s" "loop RSS" "job s" "job r/s" "MB/s" "job RSS" "job/loop" | tee "$results"

row() { # name mode rows mb loop_s loop_rss job_s job_rss
  awk -v n="$1" -v m="$2" -v r="$3" -v mb="$4" -v ls="$5" -v lr="$6" -v js="$7" -v jr="$8" 'BEGIN {
    printf "%-14s %-9s %9d %7.1f | %8.2f %10.0f %7.1f %7dM | %8.2f %10.0f %7.1f %7dM | %9.2f\n",
      n, m, r, mb, ls, r / ls, mb / ls, lr / 1024, js, r / js, mb / js, jr / 1024, js / ls }' | tee -a "$results"
}

# aggregate and profile read the raw file with the schema (violations excluded, as the loop does).
bench_summary() { # name schema file job [job options...]
  local name=$1 schema=$2 file=$3 job=$4
  shift 4
  local mb rows
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  timed java -Xmx3g -cp "$jar:$cp" io.batchkit.mr.BatchkitDriver bench-loop --job "$job" \
    --schema "$schema" --input "$file" --output "$dir/loop-out.txt" "$@"
  local loop_s=$wall loop_rss=$rss
  timed "$batchkit" "$job" --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite "$@"
  rows=$(awk '$1 == "\"read\"" { gsub(/[^0-9]/, "", $3); print $3; exit }' "$dir/job-out/_MANIFEST.json")
  row "$name" "$job" "$rows" "$mb" "$loop_s" "$loop_rss" "$wall" "$rss"
}

# The validation function in embedded Hive over the raw lines (a table over a hard link to the
# file, header skipped by offset as clean skips it) against `clean` without --dedupe. The metastore
# and table are set up once, untimed; the timed run is a whole `batchkit hive` process, as the job's
# is a whole `batchkit clean` process. Both counts of flagged records are printed: they must agree.
bench_hive() { # name schema file
  local name=$1 schema=$2 file=$3
  local mb hdir="$dir/hive-$name" ldir="$dir/lines-$name"
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  rm -rf "$hdir" "$ldir"
  mkdir -p "$ldir"
  ln -f "$file" "$ldir/" 2>/dev/null || cp "$file" "$ldir/"
  "$batchkit" hive --dir "$hdir" -e "CREATE EXTERNAL TABLE lines (line STRING) ROW FORMAT DELIMITED
    FIELDS TERMINATED BY '\u0001' STORED AS TEXTFILE LOCATION 'file://$ldir'" >"$dir/.log" 2>&1 \
    || { cat "$dir/.log" >&2; return 1; }
  timed "$batchkit" hive --dir "$hdir" --silent=true --outputformat=tsv2 -i "$root/hql/functions.hql" \
    -e "SELECT count(*), count(if(size(bk_record_violations('file://$schema', line)) > 0, 1, NULL))
        FROM lines WHERE line != '' AND BLOCK__OFFSET__INSIDE__FILE > 0"
  local hive_s=$wall hive_rss=$rss rows flagged
  read -r rows flagged < <(grep -E '^[0-9]+[[:space:]]+[0-9]+$' "$dir/.log" | tail -n 1)
  # The fixed part: JVM, embedded HiveServer2 and metastore start, the functions, a query of no rows.
  timed "$batchkit" hive --dir "$hdir" --silent=true -i "$root/hql/functions.hql" -e "SELECT 1"
  local start_s=$wall
  timed "$batchkit" clean --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite
  local quarantined
  quarantined=$(awk '$1 == "\"quarantined\"" { gsub(/[^0-9]/, "", $3); print $3; exit }' "$dir/job-out/_MANIFEST.json")
  row "$name" "hive udf" "$rows" "$mb" "$wall" "$rss" "$hive_s" "$hive_rss"
  echo "  (hive: $rows records, $flagged with violations; clean: $quarantined quarantined;" \
    "columns: loop = clean job, job = Hive; Hive's fixed start-up: $start_s s)" | tee -a "$results"
}

bench() { # name schema file [aggregate options...]
  local name=$1 schema=$2 file=$3
  shift 3
  local mb rows
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  if [[ " $jobs " == *" aggregate "* ]]; then bench_summary "$name" "$schema" "$file" aggregate "$@"; fi
  if [[ " $jobs " == *" profile "* ]]; then bench_summary "$name" "$schema" "$file" profile; fi
  if [[ " $jobs " == *" hive "* && $name == trips-* ]]; then bench_hive "$name" "$schema" "$file"; fi
  [[ " $jobs " == *" clean "* ]] || return 0
  for mode in plain dedupe; do
    local flag=()
    [[ $mode == dedupe ]] && flag=(--dedupe)
    timed java -Xmx3g -cp "$jar:$cp" io.batchkit.mr.BatchkitDriver bench-clean-loop \
      --schema "$schema" --input "$file" --output "$dir/loop-out" "${flag[@]}"
    rm -rf "$dir/loop-out"
    local loop_s=$wall loop_rss=$rss
    timed "$batchkit" clean --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite "${flag[@]}"
    local job_s=$wall job_rss=$rss
    rows=$(awk '$1 == "\"read\"" { gsub(/[^0-9]/, "", $3); print $3; exit }' "$dir/job-out/_MANIFEST.json")
    row "$name" "clean $mode" "$rows" "$mb" "$loop_s" "$loop_rss" "$job_s" "$job_rss"
  done
}

for n in $sizes; do
  f="$dir/trips-$n.csv"
  # A file left by an older generator (another header) is made again.
  "$batchkit" generate-trips --rows 1 --output "$dir/.header.csv" >/dev/null
  if [[ ! -f "$f" || "$(head -n 1 "$f")" != "$(head -n 1 "$dir/.header.csv")" ]]; then
    "$batchkit" generate-trips --rows "$n" --seed 42 --output "$f" >/dev/null
  fi
  bench "trips-$n" "$root/examples/trips.yaml" "$f" --group-by pickup_at:day \
    --metrics "count, sum(fare), avg(trip_distance), approx_distinct(pu_zone), approx_quantile(fare, 0.5)"
done

if [[ -f "$flights_gz" ]]; then
  f="$dir/flights-3m.csv"
  [[ -f "$f" ]] || zcat "$flights_gz" >"$f"
  bench "flights-3m" "$root/examples/flights.yaml" "$f" --group-by origin \
    --metrics "count, avg(delay), max(distance), approx_distinct(destination), approx_quantile(delay, 0.9)"
else
  echo "(flights file not found at $flights_gz: skipped)"
fi
echo "results: $results (wall time includes JVM start; job/loop < 1 means the job is faster)"
