#!/usr/bin/env bash
# Benchmark (not a test): the jobs on the Hadoop local runner against their peers in the same run,
# on the same raw file: a plain single-threaded Java loop doing the same computation with the same
# core code (bench-clean-loop, bench-loop), and DuckDB (its JDBC driver, fetched from Maven Central
# for this script only) doing the same cleaning or aggregation in SQL with 1 and 2 threads
# (scripts/bench/*.sql). Generated trips (1M, 4M, 16M rows) and the real 3M-row flights file,
# partitioned by day. For each run: wall time, CPU seconds (user + sys), CPU seconds per million
# rows, peak RSS, and the job's ratios to it (wall and CPU); DuckDB's counts beside the job's.
# With JOBS=hive: the validation function bk_record_violations over every raw line in embedded Hive
# (Beeline, MapReduce local) against `clean` on the same file.
#
#   scripts/bench.sh                           all sizes, flights if ../shared/data is there
#   JOBS="clean aggregate" scripts/bench.sh    which jobs (default: clean aggregate profile landing bookmarks byname)
#   BYNAME_ROWS=1000000                        header: by_name against a positional header, on that many trips
#   LANDING_FILES=1440 LANDING_ROWS=144000     the landing: how many gzipped files, how many rows
#   JOBS=bookmarks BOOKMARK_FILES=100000       incremental runs with that many files bookmarked
#   SIZES="1000000" scripts/bench.sh           generated sizes (default: 1000000 4000000 16000000)
#   HEAP=1g scripts/bench.sh                   the jobs' heap (default 1g: the heap is bounded)
#   LOOP_HEAP=6g scripts/bench.sh              the loops' heap (default 6g: their dedupe keeps every key)
#   PEERS="loop duckdb" scripts/bench.sh       which peers (default: loop duckdb spark)
#   FLIGHTS_GZ=/path/flights-3m.csv.gz         where the flights file is (skipped if missing)
#   BENCH_DIR=/tmp/bench                       work directory (default target/bench)
#   RUNS=3                                     runs per measurement; the median counts (default 3)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-$root/target/bench}"
sizes="${SIZES-1000000 4000000 16000000}"
runs="${RUNS:-3}"
jobs="${JOBS:-clean aggregate profile landing bookmarks byname}"
peers="${PEERS:-loop duckdb spark}"
heap="${HEAP:-1g}"
loop_heap="${LOOP_HEAP:-6g}"
flights_gz="${FLIGHTS_GZ:-$root/../shared/data/flights-3m/flights-3m.csv.gz}"
batchkit="$root/scripts/batchkit"
duckdb_version=2.0.0.1
spark_version=4.0.1

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

mkdir -p "$dir"
"$batchkit" --help >/dev/null 2>&1 || true # builds the jar if needed
jar="$root/mr-jobs/target/batchkit-jobs.jar"
# The loops read no S3: the AWS SDK bundle stays off their classpath, as scripts/batchkit keeps it off
# the job's (opening it costs a JVM 0.25 s).
cp="$(tr ':' '\n' <"$root/mr-jobs/target/hadoop-classpath.txt" | grep -v '/software/amazon/awssdk/bundle/' | paste -sd:)"
export BATCHKIT_JAVA_OPTS="-Xmx$heap"

if [[ " $peers " == *" duckdb "* ]]; then
  duckdb_jar="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$duckdb_version/duckdb_jdbc-$duckdb_version.jar"
  if [[ ! -f "$duckdb_jar" ]]; then
    echo "bench: fetching the DuckDB JDBC driver $duckdb_version from Maven Central (benchmark only)..." >&2
    mvn -B -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" >&2
  fi
  mkdir -p "$dir/peer-classes"
  javac -d "$dir/peer-classes" "$root/scripts/bench/DuckdbPeer.java"
  duckdb_cp="$duckdb_jar:$dir/peer-classes"
fi

if [[ " $peers " == *" spark "* ]]; then
  # Spark's classpath, resolved by Maven from a throwaway pom (the first time, it downloads Spark).
  mkdir -p "$dir/spark-peer"
  cat >"$dir/spark-peer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>spark-peer</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
    <version>$spark_version</version></dependency></dependencies></project>
POM
  if [[ ! -s "$dir/spark-peer/cp.txt" || "$dir/spark-peer/pom.xml" -nt "$dir/spark-peer/cp.txt" ]]; then
    echo "bench: resolving Spark SQL $spark_version from Maven Central (benchmark only)..." >&2
    (cd "$dir/spark-peer" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >&2)
  fi
  javac -cp "$(cat "$dir/spark-peer/cp.txt")" -d "$dir/peer-classes" "$root/scripts/bench/SparkPeer.java"
  spark_cp="$(cat "$dir/spark-peer/cp.txt"):$dir/peer-classes"
  # What Spark needs opened on Java 17 (its own launcher passes the same list).
  spark_opens=()
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    spark_opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
fi

# A peer that failed (out of memory, say) gets a line saying so; the benchmark goes on.
failed() { # dataset work runner
  printf '%-12s %-13s %-9s failed: %s\n' "$1" "$2" "$3" "$(tail -n 1 "$dir/.log-failed")" | tee -a "$results"
}

# Runs a command $runs times and keeps the run of median wall time: wall (s), cpu (user + sys, s),
# rss (peak resident KiB of the whole process). The command's output of that run is in $dir/.log.
timed() {
  local walls=() i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/.time-$i" "$@" >"$dir/.log-$i" 2>&1 \
      || { grep -v '^Command exited' "$dir/.log-$i" >"$dir/.log-failed"; cat "$dir/.log-failed" >&2; return 1; }
    walls+=("$(awk '{ print $1 }' "$dir/.time-$i") $i")
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $2 }')
  read -r wall user sys rss <"$dir/.time-$median"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  cp "$dir/.log-$median" "$dir/.log"
}

results="$dir/results.txt"
header() {
  printf '%-12s %-13s %-9s %9s | %7s %7s %9s %7s | %9s %8s | %s\n' dataset work runner rows \
    "wall s" "CPU s" "CPU s/Mr" "RSS MB" "job/this" "CPU j/t" "counts" | tee -a "$results"
}

# The job's measurement, kept to compute the ratios of the peers' rows against it.
job_wall=0 job_cpu=0
line() { # dataset work runner rows counts
  awk -v d="$1" -v w="$2" -v r="$3" -v n="$4" -v c="$5" -v s="$wall" -v cpu="$cpu" -v m="$rss" \
    -v js="$job_wall" -v jc="$job_cpu" 'BEGIN {
    printf "%-12s %-13s %-9s %9d | %7.2f %7.2f %9.2f %7d | %9.2f %8.2f | %s\n",
      d, w, r, n, s, cpu, cpu / (n / 1e6), m / 1024, js / s, jc / cpu, c }' | tee -a "$results"
}

manifest_count() { # name dir
  awk -v k="\"$1\"" '$1 == k { gsub(/[^0-9]/, "", $3); print $3; exit }' "$2/_MANIFEST.json"
}
job_counts() { # output dir
  echo "clean $(manifest_count clean "$1"), quarantined $(manifest_count quarantined "$1"), duplicates $(manifest_count duplicates "$1")"
}
duck_counts() { # from $dir/.log: "name value" lines
  awk 'NF == 2 { v[$1] = $2 } END { if ("groups" in v) printf "groups %s, rows %s", v["groups"], v["rows"];
    else printf "clean %s, quarantined %s, duplicates %s", v["clean"], v["quarantined"], v["duplicates"] }' "$dir/.log"
}

duckdb() { # threads script.sql input distinct
  rm -rf "$dir/duck-out" && mkdir -p "$dir/duck-out"
  timed java -Xmx1g -cp "$duckdb_cp" DuckdbPeer "$1" "$root/scripts/bench/$2" "INPUT=$3" \
    "OUT=$dir/duck-out" "DISTINCT=$4"
}

# Spark local[2] with a 2 GB heap (it keeps the typed rows cached, as the SQL says, where DuckDB
# keeps its temp tables); its log goes to .log with the result lines.
spark() { # script.sql input name=value...
  rm -rf "$dir/spark-out"
  local script=$1 input=$2
  shift 2
  timed java -Xmx2g "${spark_opens[@]}" -Djdk.reflect.useDirectMethodHandle=false -cp "$spark_cp" SparkPeer 2 \
    "$root/scripts/bench/spark/$script" "INPUT=$input" "OUT=$dir/spark-out" "$@"
}

# clean, plain and with --dedupe: the job, the loop, DuckDB with 1 and 2 threads, Spark local[2].
bench_clean() { # name kind schema file
  local name=$1 kind=$2 schema=$3 file=$4 mode
  for mode in plain dedupe; do
    local flag=() distinct=""
    if [[ $mode == dedupe ]]; then
      flag=(--dedupe)
      distinct=$([[ $kind == trips ]] && echo "DISTINCT ON (vendor_i, pickup_l)" || echo DISTINCT)
    fi
    timed "$batchkit" clean --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite "${flag[@]}"
    local rows
    rows=$(manifest_count read "$dir/job-out")
    job_wall=$wall job_cpu=$cpu
    line "$name" "clean $mode" job "$rows" "$(job_counts "$dir/job-out")"
    if [[ " $peers " == *" loop "* ]]; then
      if timed java "-Xmx$loop_heap" -cp "$jar:$cp" io.batchkit.mr.BatchkitDriver bench-clean-loop \
        --schema "$schema" --input "$file" --output "$dir/loop-out" "${flag[@]}"; then
        line "$name" "clean $mode" loop "$rows" "$(grep -o 'clean [0-9]* quarantined [0-9]* duplicates [0-9]*' "$dir/.log")"
      else
        failed "$name" "clean $mode" loop
      fi
      rm -rf "$dir/loop-out"
    fi
    if [[ " $peers " == *" duckdb "* ]]; then
      local t
      for t in 1 2; do
        duckdb "$t" "$kind-clean.sql" "$file" "$distinct"
        line "$name" "clean $mode" "duckdb-$t" "$rows" "$(duck_counts)"
      done
    fi
    if [[ " $peers " == *" spark "* ]]; then
      local rownum="1"
      if [[ $mode == dedupe ]]; then rownum="row_number() OVER (PARTITION BY vendor_i, pickup_l ORDER BY vendor_i)"; fi
      if spark "$kind-clean.sql" "$file" "DISTINCT=$([[ $mode == dedupe ]] && echo DISTINCT)" "ROWNUM=$rownum"; then
        line "$name" "clean $mode" spark-2 "$rows" "$(duck_counts)"
      else
        failed "$name" "clean $mode" spark-2
      fi
    fi
  done
}

# aggregate (count, sum, exact distinct by two columns) and profile from the raw file with its
# schema (violations excluded): the job, the loop; DuckDB for aggregate.
bench_summary() { # name kind schema file job [job options...]
  local name=$1 kind=$2 schema=$3 file=$4 job=$5
  shift 5
  timed "$batchkit" "$job" --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite "$@"
  local rows
  rows=$(manifest_count read "$dir/job-out")
  job_wall=$wall job_cpu=$cpu
  local counts="invalid $(manifest_count invalid "$dir/job-out")"
  if [[ $job == aggregate ]]; then
    counts="groups $(manifest_count groups "$dir/job-out"), rows $(manifest_count aggregated "$dir/job-out")"
  fi
  line "$name" "$job" job "$rows" "$counts"
  if [[ " $peers " == *" loop "* ]]; then
    if timed java "-Xmx$loop_heap" -cp "$jar:$cp" io.batchkit.mr.BatchkitDriver bench-loop --job "$job" \
      --schema "$schema" --input "$file" --output "$dir/loop-out.txt" "$@"; then
      line "$name" "$job" loop "$rows" ""
    else
      failed "$name" "$job" loop
    fi
  fi
  if [[ $job == aggregate && " $peers " == *" duckdb "* ]]; then
    local t
    for t in 1 2; do
      duckdb "$t" "$kind-aggregate.sql" "$file" ""
      line "$name" "$job" "duckdb-$t" "$rows" "$(duck_counts)"
    done
  fi
  if [[ $job == aggregate && " $peers " == *" spark "* ]]; then
    if spark "$kind-aggregate.sql" "$file"; then
      line "$name" "$job" spark-2 "$rows" "$(duck_counts)"
    else
      failed "$name" "$job" spark-2
    fi
  fi
}

# The validation function in embedded Hive over the raw lines (a table over a hard link to the
# file, header skipped by offset as clean skips it) against `clean` without --dedupe. The metastore
# and table are set up once, untimed; the timed run is a whole `batchkit hive` process, as the job's
# is a whole `batchkit clean` process. Both counts of flagged records are printed: they must agree.
bench_hive() { # name schema file
  local name=$1 schema=$2 file=$3
  local hdir="$dir/hive-$name" ldir="$dir/lines-$name"
  rm -rf "$hdir" "$ldir"
  mkdir -p "$ldir"
  ln -f "$file" "$ldir/" 2>/dev/null || cp "$file" "$ldir/"
  BATCHKIT_JAVA_OPTS="-Xmx2g" "$batchkit" hive --dir "$hdir" -e "CREATE EXTERNAL TABLE lines (line STRING) ROW FORMAT DELIMITED
    FIELDS TERMINATED BY '\u0001' STORED AS TEXTFILE LOCATION 'file://$ldir'" >"$dir/.log" 2>&1 \
    || { cat "$dir/.log" >&2; return 1; }
  timed "$batchkit" clean --schema "$schema" --input "$file" --output "$dir/job-out" --overwrite
  local rows
  rows=$(manifest_count read "$dir/job-out")
  job_wall=$wall job_cpu=$cpu
  line "$name" "validate" job "$rows" "quarantined $(manifest_count quarantined "$dir/job-out")"
  BATCHKIT_JAVA_OPTS="-Xmx2g" timed "$batchkit" hive --dir "$hdir" --silent=true --outputformat=tsv2 -i "$root/hql/functions.hql" \
    -e "SELECT count(*), count(if(size(bk_record_violations('file://$schema', line)) > 0, 1, NULL))
        FROM lines WHERE line != '' AND BLOCK__OFFSET__INSIDE__FILE > 0"
  local flagged
  read -r _ flagged < <(grep -E '^[0-9]+[[:space:]]+[0-9]+$' "$dir/.log" | tail -n 1)
  line "$name" "validate" hive-udf "$rows" "flagged $flagged"
}

# A stream landing (issue: small files): the same rows as one file and as LANDING_FILES gzipped
# files of a header and their rows each, cleaned with small files read several to a task (the
# default) and one file a task (--split-size 1, as before). Wall, CPU, output files and ratios.
bench_landing() { # rows
  local rows=$1 files=${LANDING_FILES:-1440} one="$dir/landing-one" many="$dir/landing-many"
  local f="$dir/landing-$rows.csv"
  [[ -f "$f" ]] || "$batchkit" generate-trips --rows "$rows" --seed 7 --output "$f" >/dev/null
  if [[ ! -d "$many" || $(find "$many" -name '*.gz' | wc -l) -ne $files ]]; then
    rm -rf "$one" "$many" && mkdir -p "$one" "$many"
    cp "$f" "$one/trips.csv"
    tail -n +2 "$f" >"$dir/.landing-body" # split -n needs a file, not a pipe
    split -d -a 4 -n "l/$files" "$dir/.landing-body" "$many/part-" && rm "$dir/.landing-body"
    for p in "$many"/part-*; do
      { head -n 1 "$f"; cat "$p"; } | gzip -c >"$p.csv.gz" && rm "$p"
    done
  fi
  landing_runs csv "$root/examples/trips.yaml" "$rows" "$one" "$many"
}

# The JSON half: generate-events' landing (gzipped objects back to back, a file a minute, dirt but
# no truncated file) against the same objects in one plain file.
bench_landing_json() { # rows
  local rows=$1 files=${LANDING_FILES:-1440} one="$dir/landing-json-one" many="$dir/landing-json-many"
  if [[ ! -d "$many" || $(find "$many" -name '*.gz' | wc -l) -ne $files ]]; then
    rm -rf "$one" "$many" && mkdir -p "$one"
    "$batchkit" generate-events --output "$many" --files "$files" \
      --events-per-file $((rows / files)) --no-truncated >/dev/null
    find "$many" -name '*.gz' | sort | xargs cat | gzip -dc >"$one/events.json"
  fi
  landing_runs json "$root/examples/events.yaml" $((rows / files * files)) "$one" "$many"
  # The same events one object a line (Spark's JSON readers take no other), and each file as one
  # array of objects, as exports write them: 'job/this' on the arrays' line is theirs / the lines'.
  local lines="$dir/landing-json-lines" arrays="$dir/landing-json-arrays" base_wall base_cpu
  if [[ ! -d "$lines" || $(find "$lines" -name '*.gz' | wc -l) -ne $files ]]; then
    rm -rf "$lines" "$arrays"
    "$batchkit" generate-events --output "$lines" --files "$files" \
      --events-per-file $((rows / files)) --no-truncated --newlines >/dev/null
  fi
  if [[ ! -d "$arrays" || $(find "$arrays" -name '*.gz' | wc -l) -ne $files ]]; then
    (cd "$lines" && find . -name '*.gz') | while read -r f; do
      mkdir -p "$arrays/$(dirname "$f")"
      { echo '['; gzip -dc "$lines/$f" | sed '$!s/$/,/'; echo ']'; } | gzip >"$arrays/$f"
    done
  fi
  for run in lines:"$lines" arrays:"$arrays"; do
    IFS=: read -r label input <<<"$run"
    rm -rf "$dir/out-landing"
    timed "$batchkit" clean --schema "$root/examples/events.yaml" --input "$input" \
      --output "$dir/out-landing" --overwrite || { failed landing-json "clean-$label" job; continue; }
    if [[ $label == lines ]]; then base_wall=$wall base_cpu=$cpu; fi
    landing_line json "clean-$label" $((rows / files * files)) "$(job_counts "$dir/out-landing")"
  done
  if [[ " $peers " == *" spark "* ]]; then
    rm -rf "$dir/out-landing"
    if timed "$batchkit" clean --schema "$root/examples/events.yaml" --input "$lines" \
      --output "$dir/out-landing" --overwrite; then
      job_wall=$wall job_cpu=$cpu
      line landing-json clean-lines job $((rows / files * files)) "$(job_counts "$dir/out-landing")"
      if spark events-clean.sql "$lines"; then
        line landing-json clean-lines spark-2 $((rows / files * files)) "$(duck_counts)"
      else
        failed landing-json clean-lines spark-2
      fi
    else
      failed landing-json clean-lines job
    fi
  fi
}

# A landing run's line: 'job/this' is this run / the one-file run of the same job.
landing_line() { # kind work rows counts
  awk -v k="landing-$1" -v w="$2" -v n="$3" -v s="$wall" -v cpu="$cpu" -v m="$rss" \
    -v bw="$base_wall" -v bc="$base_cpu" -v c="$4" 'BEGIN {
    printf "%-12s %-13s %-9s %9d | %7.2f %7.2f %9.2f %7d | %9.2f %8.2f | %s\n",
      k, w, "job", n, s, cpu, cpu / (n / 1e6), m / 1024, s / bw, cpu / bc, c }' | tee -a "$results"
}

landing_runs() { # kind schema rows one many
  local kind=$1 schema=$2 rows=$3 one=$4 many=$5 base_wall base_cpu
  for run in one:"$one": many:"$many": alone:"$many":--split-size=1; do
    IFS=: read -r label input opt <<<"$run"
    rm -rf "$dir/out-landing"
    timed "$batchkit" clean --schema "$schema" --input "$input" \
      --output "$dir/out-landing" --overwrite ${opt:+${opt%%=*}} ${opt:+${opt#*=}} \
      || { failed "landing-$kind" "clean-$label" job; continue; }
    local outputs
    outputs=$(find "$dir/out-landing/clean" -type f -name 'part-*' | wc -l)
    if [[ $label == one ]]; then base_wall=$wall base_cpu=$cpu; fi
    if [[ $label == many ]]; then job_wall=$wall job_cpu=$cpu; fi
    landing_line "$kind" "clean-$label" "$rows" "$(job_counts "$dir/out-landing"); $outputs output files"
  done
  # infer (the crawler) on the same files, small files several to a task, against the one file.
  for run in one:"$one" many:"$many"; do
    IFS=: read -r label input <<<"$run"
    timed "$batchkit" infer --input "$input" --output "$dir/landing-infer.yaml" --overwrite \
      || { failed "landing-$kind" "infer-$label" job; continue; }
    if [[ $label == one ]]; then base_wall=$wall base_cpu=$cpu; fi
    landing_line "$kind" "infer-$label" "$rows" "$(grep -o 'read [0-9,]* records' "$dir/.log")"
  done
  # Spark local[2] on the same gzipped files (the JSON landing's: bench_landing_json); 'job/this' on
  # its line is the job's many-files run / Spark's.
  if [[ $kind == csv && " $peers " == *" spark "* ]]; then
    if spark trips-clean.sql "$many" ROWNUM=1; then
      line "landing-$kind" "clean-many" spark-2 "$rows" "$(duck_counts)"
    else
      failed "landing-$kind" "clean-many" spark-2
    fi
  fi
}

# Bookmarks at scale (issue: stream landings): clean --incremental adding one file to an output that
# has BOOKMARK_FILES one-row files bookmarked (in 100 folders), against adding one file to an empty
# output. The first run over them all is timed once; a minute later the second lists every folder
# again (they had not settled a minute before the first), later ones only what changed.
bench_bookmarks() {
  local files=${BOOKMARK_FILES:-100000} big="$dir/bookmarks" small="$dir/bookmarks-empty"
  local schema="$dir/bookmarks.yaml"
  printf '%s\n' "name: e" "format: {header: true}" "partition: {name: dt, from: day}" "columns:" \
    "  - {name: id, type: int, required: true}" "  - {name: day, type: date, required: true}" \
    "  - {name: label, type: string}" >"$schema"
  rm -rf "$big" "$small" && mkdir -p "$big/land" "$small/land"
  awk -v n="$files" -v root="$big/land" 'BEGIN {
    for (i = 0; i < n; i++) {
      d = sprintf("%s/2024/01/%02d/%02d", root, 1 + int(i / 1000 / 24), int(i / 1000) % 24)
      if (i % 1000 == 0) system("mkdir -p " d)
      f = sprintf("%s/f-%07d.csv", d, i)
      printf "id,day,label\n%d,2024-01-%02d,x\n", i, 1 + int(i / 1000 / 24) > f
      close(f)
    } }'
  cat >"$dir/.add-and-clean.sh" <<'SH'
#!/usr/bin/env bash
# Lands one new file under $1/land, then runs clean --incremental into $1/out.
set -e
n=$(date +%s%N)
mkdir -p "$1/land/new"
printf 'id,day,label\n%d,2024-01-05,x\n' "$((n % 1000000000))" >"$1/land/new/f-$n.csv"
"$2" clean --schema "$3" --input "$1/land" --output "$1/out" --incremental
SH
  chmod +x "$dir/.add-and-clean.sh"
  local keep=$runs
  runs=1 timed "$batchkit" clean --schema "$schema" --input "$big/land" --output "$big/out" --incremental \
    || { failed bookmarks first-run job; return; }
  line bookmarks "first-$files" job "$files" "$(job_counts "$big/out")"
  sleep 61 # folders are left unlisted once unchanged for a minute before a run (--relist)
  runs=1 timed "$dir/.add-and-clean.sh" "$big" "$batchkit" "$schema" || { failed bookmarks second job; return; }
  local base_wall base_cpu
  for run in empty:"$small" bookmarked:"$big"; do
    IFS=: read -r label where <<<"$run"
    timed "$dir/.add-and-clean.sh" "$where" "$batchkit" "$schema" || { failed bookmarks "$label" job; continue; }
    if [[ $label == empty ]]; then base_wall=$wall base_cpu=$cpu; fi
    awk -v w="$label" -v n="$files" -v s="$wall" -v cpu="$cpu" -v m="$rss" -v bw="$base_wall" \
      -v bc="$base_cpu" 'BEGIN {
      printf "%-12s %-13s %-9s %9d | %7.2f %7.2f %9s %7d | %9.2f %8.2f | one new file\n",
        "bookmarks", "add-1-" w, "job", (w == "empty" ? 0 : n), s, cpu, "-", m / 1024, s / bw, cpu / bc }' \
      | tee -a "$results"
  done
  runs=$keep
}

# header: by_name (each file's header maps its columns, a file read whole by one task) against the
# positional header check, on the same trips: in one file, and cut into 8 files.
bench_byname() { # rows
  local rows=$1 one="$dir/byname-one" many="$dir/byname-8" f="$dir/byname-$1.csv" base_wall base_cpu
  [[ -f "$f" ]] || "$batchkit" generate-trips --rows "$rows" --seed 11 --output "$f" >/dev/null
  if [[ ! -d "$many" || $(find "$many" -name '*.csv' | wc -l) -ne 8 ]]; then
    rm -rf "$one" "$many" && mkdir -p "$one" "$many"
    cp "$f" "$one/trips.csv"
    tail -n +2 "$f" >"$dir/.byname-body"
    split -d -a 1 -n l/8 "$dir/.byname-body" "$many/part-" && rm "$dir/.byname-body"
    for p in "$many"/part-?; do { head -n 1 "$f"; cat "$p"; } >"$p.csv" && rm "$p"; done
  fi
  sed 's/^format: {\(.*\)header: true/format: {\1header: by_name/' "$root/examples/trips.yaml" \
    >"$dir/trips-byname.yaml"
  grep -q 'header: by_name' "$dir/trips-byname.yaml" || { echo "bench: no header in trips.yaml" >&2; return 1; }
  for run in header-one:"$root/examples/trips.yaml":"$one" by_name-one:"$dir/trips-byname.yaml":"$one" \
    header-8:"$root/examples/trips.yaml":"$many" by_name-8:"$dir/trips-byname.yaml":"$many"; do
    IFS=: read -r label schema input <<<"$run"
    rm -rf "$dir/out-byname"
    timed "$batchkit" clean --schema "$schema" --input "$input" --output "$dir/out-byname" --overwrite \
      || { failed byname "clean-$label" job; continue; }
    if [[ $label == header-one ]]; then base_wall=$wall base_cpu=$cpu; fi
    awk -v w="$label" -v n="$rows" -v s="$wall" -v cpu="$cpu" -v m="$rss" -v bw="$base_wall" \
      -v bc="$base_cpu" -v c="$(job_counts "$dir/out-byname")" 'BEGIN {
      printf "%-12s %-13s %-9s %9d | %7.2f %7.2f %9.2f %7d | %9.2f %8.2f | %s\n",
        "byname", "clean-" w, "job", n, s, cpu, cpu / (n / 1e6), m / 1024, s / bw, cpu / bc, c }' \
      | tee -a "$results"
  done
}

bench() { # name kind schema file [aggregate options...]
  local name=$1 kind=$2 schema=$3 file=$4
  shift 4
  header
  if [[ " $jobs " == *" clean "* ]]; then bench_clean "$name" "$kind" "$schema" "$file"; fi
  if [[ " $jobs " == *" aggregate "* ]]; then bench_summary "$name" "$kind" "$schema" "$file" aggregate "$@"; fi
  if [[ " $jobs " == *" profile "* ]]; then bench_summary "$name" "$kind" "$schema" "$file" profile; fi
  if [[ " $jobs " == *" hive "* && $kind == trips ]]; then bench_hive "$name" "$schema" "$file"; fi
}

{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)," \
    "$(java -version 2>&1 | head -n 1); jobs with -Xmx$heap; median of $runs runs;" \
    "job/this > 1: the job takes longer than this runner"
} | tee "$results"

for n in $sizes; do
  f="$dir/trips-$n.csv"
  # A file left by an older generator (another header) is made again.
  "$batchkit" generate-trips --rows 1 --output "$dir/.header.csv" >/dev/null
  if [[ ! -f "$f" || "$(head -n 1 "$f")" != "$(head -n 1 "$dir/.header.csv")" ]]; then
    "$batchkit" generate-trips --rows "$n" --seed 42 --output "$f" >/dev/null
  fi
  bench "trips-$n" trips "$root/examples/trips.yaml" "$f" --group-by pickup_at:day,vendor_id \
    --metrics "count, sum(fare), count_distinct(pu_zone)"
done

if [[ " $jobs " == *" landing "* ]]; then
  echo "# landing: one file, then ${LANDING_FILES:-1440} gzipped files read several to a task, then" \
    "one file a task; 'job/this' here is this run / the one-file run (lower is better)" | tee -a "$results"
  header
  bench_landing "${LANDING_ROWS:-144000}"
  bench_landing_json "${LANDING_ROWS:-144000}"
fi

if [[ " $jobs " == *" byname "* ]]; then
  echo "# byname: clean with header: by_name against the positional header, one file and 8 files;" \
    "'job/this' here is this run / header-one (lower is better)" | tee -a "$results"
  header
  bench_byname "${BYNAME_ROWS:-1000000}"
fi

if [[ " $jobs " == *" bookmarks "* ]]; then
  echo "# bookmarks: clean --incremental adding one file, to an empty output and to one with" \
    "${BOOKMARK_FILES:-100000} files bookmarked; 'job/this' is this run / the empty one" | tee -a "$results"
  header
  bench_bookmarks
fi

if [[ -f "$flights_gz" ]]; then
  f="$dir/flights-3m.csv"
  [[ -f "$f" ]] || zcat "$flights_gz" >"$f"
  # The flights schema, partitioned by day rather than by month.
  sed 's/name: month, from: date, granularity: month/name: day, from: date, granularity: day/' \
    "$root/examples/flights.yaml" >"$dir/flights-day.yaml"
  bench "flights-3m" flights "$dir/flights-day.yaml" "$f" --group-by date:day,origin \
    --metrics "count, sum(delay), count_distinct(destination)"
else
  echo "(flights file not found at $flights_gz: skipped)"
fi
echo "results: $results"
