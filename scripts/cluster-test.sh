#!/usr/bin/env bash
# End-to-end check on a real single-node cluster (run by .ci/run after the Maven tests): starts
# HDFS + YARN + JobHistory with scripts/cluster.sh, puts generated trips on HDFS, submits clean
# through Hadoop's RunJar with the job jar (scripts/submit.sh), reads the manifest and the rows
# back from HDFS and checks the counts against the generator's own ledger. The cluster is stopped
# however the script ends.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
cluster="$root/scripts/cluster.sh"
export BATCHKIT_CLUSTER_DIR="${BATCHKIT_CLUSTER_DIR:-$root/target/cluster-test}"
unset HADOOP_CONF_DIR

cleanup() {
  "$cluster" stop || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "cluster-test: FAILED: $*" >&2; exit 1; }

"$root/scripts/batchkit" generate-trips --rows 5000 --seed 9 \
  --output "$work/trips.csv" --expect "$work/expect.json" >/dev/null

t0=$(date +%s)
"$cluster" start
t1=$(date +%s)
"$cluster" fs -mkdir -p /landing/trips /schemas
"$cluster" fs -put "$work/trips.csv" /landing/trips/
"$cluster" fs -put "$root/examples/trips.yaml" /schemas/

"$root/scripts/submit.sh" clean -D mapreduce.job.reduces=2 --schema hdfs:///schemas/trips.yaml \
  --input /landing/trips --output /clean/trips --dedupe 2>&1 | tee "$work/submit.log"
t2=$(date +%s)
grep -q 'job job_local' "$work/submit.log" && fail "the job ran on the local runner, not on YARN"
grep -q 'tracking: http://' "$work/submit.log" || fail "no tracking URL was shown"

"$cluster" fs -cat /clean/trips/_MANIFEST.json >"$work/manifest.json"
"$cluster" fs -test -e /clean/trips/_SUCCESS || fail "no _SUCCESS"
count() { grep -o "\"$1\" *: *[0-9]*" "$2" | head -n 1 | grep -o '[0-9]*$'; }
ledger() { count "$1" "$work/expect.json"; }
for pair in read:rows clean:clean_with_dedupe quarantined:quarantined duplicates:duplicates; do
  got=$(count "${pair%%:*}" "$work/manifest.json")
  want=$(ledger "${pair#*:}")
  [[ "$got" == "$want" ]] || fail "${pair%%:*}: manifest says $got, the generator's ledger $want"
done
rows=$("$cluster" fs -cat '/clean/trips/clean/*/part-*' | wc -l)
[[ "$rows" == "$(ledger clean_with_dedupe)" ]] || fail "HDFS holds $rows clean rows, expected $(ledger clean_with_dedupe)"

echo "cluster-test: ok: read $(count read "$work/manifest.json") = clean $rows + quarantined" \
  "$(count quarantined "$work/manifest.json") + duplicates $(count duplicates "$work/manifest.json")," \
  "as the ledger says; cluster up in $((t1 - t0)) s, job $((t2 - t1)) s"
