#!/usr/bin/env bash
# Checks scripts/emr.sh end to end against moto_server (a local EMR and S3 API) with the real AWS
# CLI: creates the cluster from cluster-config/emr/, uploads the artifacts, adds the demo pipeline
# plus a HiveQL step (an EMR Hive step) as steps, and checks that the steps the service recorded
# (aws emr list-steps) are exactly the generated ones. moto records steps but never runs them, so
# waiting is not tested here. Also checks that the dummy credentials it used appear in no tracked
# file and in none of its output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
fail() { echo "emr-test: FAILED: $*" >&2; exit 1; }
# shellcheck source=scripts/lib/tracked-secrets.sh
source "$root/scripts/lib/tracked-secrets.sh"
command -v moto_server >/dev/null 2>&1 || fail "moto_server is not installed (pip install 'moto[server]')"
command -v aws >/dev/null 2>&1 || fail "the AWS CLI is not installed (pip install awscli)"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done

# Dummy credentials, distinctive enough to grep for afterwards.
export AWS_ACCESS_KEY_ID=batchkitDummyKeyId AWS_SECRET_ACCESS_KEY=batchkitDummySecret0123456789
export AWS_DEFAULT_REGION=us-east-1
export BATCHKIT_AWS_ENDPOINT="http://127.0.0.1:$port" BATCHKIT_S3=s3://batchkit-emr-test/etl
aws --endpoint-url "$BATCHKIT_AWS_ENDPOINT" s3 mb s3://batchkit-emr-test >/dev/null

emr="$root/scripts/emr.sh"
# The demo pipeline plus a HiveQL step, which becomes an EMR Hive step (command-runner.jar).
pipeline="$work/pipeline.yaml"
cat "$root/examples/demo-pipeline.yaml" - >"$pipeline" <<'YAML'
  - name: report
    job: hql
    args:
      file: s3://batchkit-emr-test/etl/batchkit/hql/reports.hql
      define: {INPUT: "${steps.daily.output}/data", DATABASE: batchkit}
YAML
vars=(--var work=s3://batchkit-emr-test/etl/demo --var schemas=s3://batchkit-emr-test/etl/batchkit/schemas)
{
  cluster=$("$emr" create)
  echo "cluster $cluster"
  "$emr" steps "$pipeline" "${vars[@]}" >"$work/expected.json"
  "$emr" submit "$cluster" "$pipeline" "${vars[@]}" --no-wait >"$work/ids"
  aws --endpoint-url "$BATCHKIT_AWS_ENDPOINT" emr list-steps --cluster-id "$cluster" >"$work/listed.json"
  aws --endpoint-url "$BATCHKIT_AWS_ENDPOINT" emr describe-cluster --cluster-id "$cluster" >"$work/cluster.json"
  aws --endpoint-url "$BATCHKIT_AWS_ENDPOINT" s3 ls --recursive s3://batchkit-emr-test/ >"$work/objects"
} >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; fail "a command failed"; }

python3 - "$work" "$root/cluster-config/emr/cluster.json" <<'PY' || exit 1
import json, sys
work, definition = sys.argv[1], json.load(open(sys.argv[2]))
expected = json.load(open(work + "/expected.json"))
listed = json.load(open(work + "/listed.json"))["Steps"][::-1]  # newest first: reverse
got = [{"Name": s["Name"], "ActionOnFailure": s["ActionOnFailure"], "Jar": s["Config"]["Jar"],
        "Args": s["Config"]["Args"]} for s in listed]
want = [{k: s[k] for k in ("Name", "ActionOnFailure", "Jar", "Args")} for s in expected]
if got != want:
    print("emr-test: FAILED: the service holds other steps than were generated")
    print(json.dumps(got, indent=1)[:3000]); print(json.dumps(want, indent=1)[:3000]); sys.exit(1)
cluster = json.load(open(work + "/cluster.json"))["Cluster"]
assert cluster["ReleaseLabel"] == definition["ReleaseLabel"], cluster["ReleaseLabel"]
assert sorted(a["Name"] for a in cluster["Applications"]) == ["Hadoop", "Hive"], cluster["Applications"]
assert cluster["LogUri"].startswith("s3://batchkit-emr-test/etl/batchkit/logs"), cluster["LogUri"]
hive = got[-1]
assert hive["Jar"] == "command-runner.jar" and hive["Args"][:5] == [
    "hive-script", "--run-hive-script", "--args", "-f",
    "s3://batchkit-emr-test/etl/batchkit/hql/reports.hql"], hive
assert "INPUT=s3://batchkit-emr-test/etl/demo/out/daily/data" in hive["Args"], hive
objects = open(work + "/objects").read()
assert "etl/batchkit/batchkit-jobs.jar" in objects and "etl/batchkit/schemas/trips.yaml" in objects, objects
print("emr-test: %d steps on cluster %s are exactly the %d generated: %s" % (
    len(got), cluster["Id"], len(want), ", ".join(s["Name"] for s in got)))
PY

tracked_secrets "$root" scripts/emr-test.sh
grep -q -e "$AWS_SECRET_ACCESS_KEY" "$work/run.log" "$work/listed.json" "$work/cluster.json" &&
  fail "the dummy secret appears in the commands' output"
echo "emr-test: ok: no tracked file and no output holds the credentials used"
