#!/usr/bin/env bash
# Checks the jobs on s3a:// against a local S3 server (moto_server on 127.0.0.1), with the S3
# profile in cluster-config/s3/ and dummy credentials from the environment:
#   1. clean with input and output on s3a://, counts checked against the generator's ledger and
#      the rows counted in the bucket; then aggregate reading that output from s3a://;
#   2. a clean killed half-way (kill -9 of its JVM) leaves no visible output: nothing outside the
#      magic committer's __magic area, no _SUCCESS, no manifest;
#   3. the dummy credentials appear in no tracked file and in none of the jobs' output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
fail() { echo "s3-test: FAILED: $*" >&2; exit 1; }
# shellcheck source=scripts/lib/tracked-secrets.sh
source "$root/scripts/lib/tracked-secrets.sh"
command -v moto_server >/dev/null 2>&1 || fail "moto_server is not installed (pip install 'moto[server]')"
command -v aws >/dev/null 2>&1 || fail "the AWS CLI is not installed (pip install awscli)"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
job=""
cleanup() {
  [[ -n "$job" ]] && kill -9 "$job" 2>/dev/null || true
  kill "$moto" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done

export AWS_ACCESS_KEY_ID=batchkitS3DummyKeyId AWS_SECRET_ACCESS_KEY=batchkitS3DummySecret9876543210
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export BATCHKIT_S3_ENDPOINT="http://127.0.0.1:$port"
s3() { aws --endpoint-url "$BATCHKIT_S3_ENDPOINT" s3 "$@"; }
s3 mb s3://batchkit-s3-test >/dev/null
bucket=s3a://batchkit-s3-test
batchkit="$root/scripts/batchkit"
conf=(-conf "$root/cluster-config/s3/s3a-site.xml" -D fs.s3a.connection.ssl.enabled=false
  -D fs.s3a.retry.limit=1 -D fs.s3a.attempts.maximum=1)

"$batchkit" generate-trips --rows 20000 --seed 4 --output "$work/trips.csv" --expect "$work/expect.json" >/dev/null
s3 cp --only-show-errors "$work/trips.csv" s3://batchkit-s3-test/landing/trips/trips.csv
s3 cp --only-show-errors "$root/examples/trips.yaml" s3://batchkit-s3-test/schemas/trips.yaml

# 1. clean and aggregate on s3a://
"$batchkit" clean "${conf[@]}" --schema "$bucket/schemas/trips.yaml" --input "$bucket/landing/trips" \
  --output "$bucket/clean" --dedupe >"$work/clean.log" 2>&1 || { cat "$work/clean.log" >&2; fail "clean on s3a failed"; }
s3 cp --only-show-errors s3://batchkit-s3-test/clean/_MANIFEST.json "$work/manifest.json"
count() { grep -o "\"$1\" *: *[0-9]*" "$2" | head -n 1 | grep -o '[0-9]*$'; }
for pair in read:rows clean:clean_with_dedupe quarantined:quarantined duplicates:duplicates; do
  got=$(count "${pair%%:*}" "$work/manifest.json")
  want=$(count "${pair#*:}" "$work/expect.json")
  [[ "$got" == "$want" ]] || fail "${pair%%:*}: the manifest on S3 says $got, the ledger $want"
done
s3 cp --only-show-errors --recursive s3://batchkit-s3-test/clean/clean/ "$work/rows/"
rows=$(find "$work/rows" -type f -name 'part-*' -exec cat {} + | wc -l)
[[ "$rows" == "$(count clean_with_dedupe "$work/expect.json")" ]] || fail "the bucket holds $rows clean rows"
s3 ls s3://batchkit-s3-test/clean/_SUCCESS >/dev/null || fail "no _SUCCESS on S3"
"$batchkit" aggregate "${conf[@]}" --input "$bucket/clean" --output "$bucket/daily" \
  --group-by pickup_at:day --metrics count >"$work/aggregate.log" 2>&1 || { cat "$work/aggregate.log" >&2; fail "aggregate on s3a failed"; }
s3 cp --only-show-errors --recursive s3://batchkit-s3-test/daily/data/ "$work/daily/"
total=$(find "$work/daily" -type f -name 'part-*' -exec cat {} + | awk -F'\t' '{ n += $2 } END { print n }')
[[ "$total" == "$rows" ]] || fail "aggregate on S3 counted $total rows, clean wrote $rows"
echo "s3-test: clean on s3a: read $(count read "$work/manifest.json") = clean $rows + quarantined" \
  "$(count quarantined "$work/manifest.json") + duplicates $(count duplicates "$work/manifest.json"); aggregate from s3a: $total"

# 2. a job killed half-way: many small splits, one map slot, kill -9 once some maps are done
"$batchkit" generate-trips --rows 300000 --seed 5 --output "$work/big.csv" >/dev/null
s3 cp --only-show-errors "$work/big.csv" s3://batchkit-s3-test/landing/big/big.csv
"$batchkit" clean "${conf[@]}" -D mapreduce.input.fileinputformat.split.maxsize=1048576 \
  -D mapreduce.local.map.tasks.maximum=1 --schema "$bucket/schemas/trips.yaml" \
  --input "$bucket/landing/big" --output "$bucket/killed" >"$work/killed.log" 2>&1 &
job=$!
for _ in $(seq 1 600); do
  grep -qE 'map ([2-9][0-9])%' "$work/killed.log" && break
  kill -0 "$job" 2>/dev/null || { cat "$work/killed.log" >&2; fail "the job to kill ended by itself"; }
  sleep 0.2
done
grep -qE 'map ([2-9][0-9])%' "$work/killed.log" || fail "the job never got under way"
kill -9 "$job"
rc=0
wait "$job" 2>/dev/null || rc=$?
[[ $rc == 137 ]] || fail "the job to kill ended with exit $rc, not by kill -9"
job=""
# Listings that fail are failures: list-objects-v2 prints "None" for an empty prefix, exit 0.
aws --endpoint-url "$BATCHKIT_S3_ENDPOINT" s3api list-objects-v2 --bucket batchkit-s3-test \
  --prefix killed/ --query 'Contents[].[Key, Size]' --output text >"$work/killed.objects" \
  || fail "could not list s3://batchkit-s3-test/killed/"
uploads=$(aws --endpoint-url "$BATCHKIT_S3_ENDPOINT" s3api list-multipart-uploads \
  --bucket batchkit-s3-test --query 'length(Uploads || `[]`)' --output text) \
  || fail "could not list the bucket's multipart uploads"
# Visible output: any object but the magic committer's own area and directory markers.
visible=$(awk '$1 != "None" && $1 !~ /\/__magic/ && !($2 == 0 && $1 ~ /\/$/)' "$work/killed.objects")
[[ -z "$visible" ]] || fail "a killed job left visible objects: $visible"
magic=$(awk '$1 ~ /\/__magic/ { n++ } END { print n + 0 }' "$work/killed.objects")
echo "s3-test: a clean killed at $(grep -oE 'map [0-9]+%' "$work/killed.log" | tail -n 1) left" \
  "$magic objects under __magic and $uploads uncompleted multipart uploads, none visible"

# 3. no credentials in tracked files or output
tracked_secrets "$root" scripts/s3-test.sh
if grep -l -e "$AWS_SECRET_ACCESS_KEY" "$work"/*.log "$work/manifest.json"; then
  fail "the dummy secret appears in the jobs' output"
fi
echo "s3-test: ok: no tracked file and no job output holds the credentials used"
