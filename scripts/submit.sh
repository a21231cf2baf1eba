#!/usr/bin/env bash
# Submits a batchkit job to a cluster exactly as `hadoop jar batchkit-jobs.jar <job> ...` does:
# through the `hadoop` command when it is installed, else through Hadoop's own RunJar with the
# cluster's configuration on the classpath. Generic options (-D, -conf, -files, -libjars) come
# first, then the job's own; map/reduce progress and the tracking URL are printed as it runs.
#
#   scripts/submit.sh clean -D mapreduce.job.reduces=4 --schema hdfs:///schemas/trips.yaml \
#       --input /landing/trips --output /clean/trips --dedupe
#
# The cluster: HADOOP_CONF_DIR if set, else the one scripts/cluster.sh started.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit $(( $# == 0 ? 2 : 0 ))
fi

if [[ -z "${HADOOP_CONF_DIR:-}" ]]; then
  if ! "$root/scripts/cluster.sh" status >/dev/null 2>&1; then
    echo "submit: no cluster: set HADOOP_CONF_DIR, or start one with scripts/cluster.sh start" >&2
    exit 2
  fi
  HADOOP_CONF_DIR="$("$root/scripts/cluster.sh" conf)"
fi
export HADOOP_CONF_DIR
exec "$root/scripts/batchkit" "$@"
