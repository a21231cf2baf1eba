#!/usr/bin/env bash
# batchkit on Amazon EMR with the AWS CLI (`aws`, v1 or v2: pip install awscli, or apt-get install awscli).
#
#   scripts/emr.sh create                       create a cluster from cluster-config/emr/ (prints its id)
#   scripts/emr.sh upload                       upload the job jar, schemas and HQL to $BATCHKIT_S3/batchkit/
#   scripts/emr.sh steps PIPELINE [--var K=V]   print the pipeline as EMR steps (JSON), run nothing
#   scripts/emr.sh submit CLUSTER_ID PIPELINE [--var K=V ...] [--no-wait]
#                                               upload, add the steps, wait for them; on a failure,
#                                               fetch that step's logs and exit 1
#   scripts/emr.sh wait CLUSTER_ID STEP_ID ...  wait for steps to end
#   scripts/emr.sh logs CLUSTER_ID STEP_ID      fetch a step's logs (stderr, syslog) from the log URI
#
# BATCHKIT_S3        where artifacts and logs go, e.g. s3://my-bucket/etl (required)
# BATCHKIT_AWS_ENDPOINT  an endpoint for S3 and EMR other than AWS (tests use moto on 127.0.0.1)
# Credentials come from the AWS CLI's own chain (environment, profile, instance role), never from
# this script's arguments. The steps are generated from the same pipeline file `batchkit run` uses
# (run --emr-steps), so what runs on EMR is what ran locally; paths in it should be s3:// URIs
# (EMRFS on EMR reads s3://).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
emr_dir="$root/cluster-config/emr"

say() { printf 'emr: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

command -v aws >/dev/null 2>&1 ||
  die "needs the AWS CLI: pip install awscli (v1) or apt-get install awscli (v2)"
command -v python3 >/dev/null 2>&1 || die "needs python3 (the AWS CLI's own runtime) for JSON"

endpoint=()
[[ -n "${BATCHKIT_AWS_ENDPOINT:-}" ]] && endpoint=(--endpoint-url "$BATCHKIT_AWS_ENDPOINT")
awsc() { aws "${endpoint[@]}" "$@"; }

s3_base() {
  [[ "${BATCHKIT_S3:-}" == s3://* ]] || die "set BATCHKIT_S3 to an s3:// prefix, e.g. s3://my-bucket/etl"
  echo "${BATCHKIT_S3%/}"
}

create() {
  local base tmp
  base=$(s3_base)
  tmp=$(mktemp -d)
  # cluster.json is the definition; the CLI wants it as options (BUCKET in LogUri is BATCHKIT_S3).
  python3 - "$emr_dir/cluster.json" "$base" "$tmp" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
base, tmp = sys.argv[2], sys.argv[3]
bucket_prefix = base[len("s3://"):]
json.dump(c["InstanceGroups"], open(tmp + "/groups.json", "w"))
opts = {
  "name": c["Name"], "release-label": c["ReleaseLabel"],
  "log-uri": c["LogUri"].replace("BUCKET/batchkit", bucket_prefix + "/batchkit").replace("BUCKET", bucket_prefix),
  "service-role": c["ServiceRole"], "ec2-attributes": "InstanceProfile=" + c["JobFlowRole"],
  "step-concurrency-level": str(c.get("StepConcurrencyLevel", 1)),
  "applications": " ".join("Name=" + a["Name"] for a in c["Applications"]),
  "tags": " ".join(t["Key"] + "=" + t["Value"] for t in c.get("Tags", [])),
  "auto-terminate": "" if not c.get("KeepJobFlowAliveWhenNoSteps", True) else None,
}
with open(tmp + "/opts", "w") as f:
  for k, v in opts.items():
    if v is not None:
      f.write(k + "\t" + v + "\n")
PY
  local args=() k v
  while IFS=$'\t' read -r k v; do
    case "$k" in
      applications | tags) read -r -a words <<<"$v"; args+=("--$k" "${words[@]}") ;;
      auto-terminate) args+=(--auto-terminate) ;;
      *) args+=("--$k" "$v") ;;
    esac
  done <"$tmp/opts"
  awsc emr create-cluster "${args[@]}" --instance-groups "file://$tmp/groups.json" \
    --configurations "file://$emr_dir/configurations.json" --query ClusterId --output text
  rm -rf "$tmp"
}

jar() {
  "$root/scripts/batchkit" --help >/dev/null 2>&1 || true # builds the jar when needed
  echo "$root/mr-jobs/target/batchkit-jobs.jar"
}

upload() {
  local base
  base=$(s3_base)/batchkit
  awsc s3 cp --only-show-errors "$(jar)" "$base/batchkit-jobs.jar"
  local udf="$root/hive-udfs/target/batchkit-hive-udfs.jar"
  [[ -f "$udf" ]] && awsc s3 cp --only-show-errors "$udf" "$base/batchkit-hive-udfs.jar"
  [[ -d "$root/hql" ]] && awsc s3 cp --only-show-errors --recursive "$root/hql" "$base/hql/"
  awsc s3 cp --only-show-errors --recursive --exclude '*' --include '*.yaml' "$root/examples" "$base/schemas/"
  say "uploaded to $base/"
}

steps() { # PIPELINE [--var K=V ...]
  [[ $# -ge 1 ]] || die "steps needs a pipeline file"
  "$root/scripts/batchkit" run "$@" --emr-steps "$(s3_base)/batchkit/batchkit-jobs.jar"
}

state() { awsc emr describe-step --cluster-id "$1" --step-id "$2" --query Step.Status.State --output text; }

logs() { # CLUSTER_ID STEP_ID
  local uri out="$root/target/emr-logs/$2"
  uri=$(awsc emr describe-cluster --cluster-id "$1" --query Cluster.LogUri --output text)
  uri="${uri%/}/$1/steps/$2/"
  mkdir -p "$out"
  awsc s3 cp --only-show-errors --recursive "$uri" "$out/" || say "no logs yet at $uri"
  say "logs of step $2: $out (from $uri)"
  local f
  for f in "$out"/stderr*; do [[ -f "$f" ]] && { zcat -f "$f" | tail -n 30 >&2; }; done
}

wait_steps() { # CLUSTER_ID STEP_ID ...
  local cluster=$1 step s
  shift
  for step in "$@"; do
    while :; do
      s=$(state "$cluster" "$step")
      case "$s" in
        COMPLETED) say "step $step completed"; break ;;
        FAILED | CANCELLED | INTERRUPTED)
          say "step $step: $s"
          logs "$cluster" "$step"
          return 1 ;;
        *) sleep "${BATCHKIT_EMR_POLL:-30}" ;;
      esac
    done
  done
}

submit() { # CLUSTER_ID PIPELINE [--var ...] [--no-wait]
  [[ $# -ge 2 ]] || die "submit needs a cluster id and a pipeline file"
  local cluster=$1 wait=true a
  shift
  local pass=()
  for a in "$@"; do
    if [[ "$a" == --no-wait ]]; then wait=false; else pass+=("$a"); fi
  done
  local tmp
  tmp=$(mktemp)
  steps "${pass[@]}" >"$tmp"
  upload
  local ids
  ids=$(awsc emr add-steps --cluster-id "$cluster" --steps "file://$tmp" --query 'StepIds[]' --output text)
  rm -f "$tmp"
  echo "$ids"
  say "added steps $ids to $cluster"
  if $wait; then
    # shellcheck disable=SC2086
    wait_steps "$cluster" $ids
  fi
}

case "${1:-}" in
  create) create ;;
  upload) upload ;;
  steps) shift; steps "$@" ;;
  submit) shift; submit "$@" ;;
  wait) shift; wait_steps "$@" ;;
  logs) shift; logs "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
