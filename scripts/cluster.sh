#!/usr/bin/env bash
# A real single-node Hadoop cluster on 127.0.0.1: HDFS (NameNode, DataNode), YARN (ResourceManager,
# NodeManager) and the MapReduce JobHistory server, with the settings of cluster-config/pseudo/.
#
#   scripts/cluster.sh start     start it (from $HADOOP_HOME when set, else from Hadoop's own jars,
#                                which Maven fetches: one process running Hadoop's MiniHadoopClusterManager)
#   scripts/cluster.sh status    is it up; its web UIs and HADOOP_CONF_DIR
#   scripts/cluster.sh stop      stop it; nothing is left running
#   scripts/cluster.sh fs ARGS   a filesystem command on it (hadoop fs ARGS), e.g. fs -ls /
#
# Jobs go to it with scripts/submit.sh <job> ... (or HADOOP_CONF_DIR=$(scripts/cluster.sh conf)
# hadoop jar ...). State, logs and HDFS data live in BATCHKIT_CLUSTER_DIR (default target/cluster).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BATCHKIT_CLUSTER_DIR:-$root/target/cluster}"
pseudo="$root/cluster-config/pseudo"
cp_file="$root/mr-jobs/target/minicluster-classpath.txt"
# What JDK 17 must open to Hadoop: the one list, in the root pom (jvm.add.opens).
opens="$(sed -n 's:.*<jvm.add.opens>\(.*\)</jvm.add.opens>.*:\1:p' "$root/pom.xml")"

say() { printf 'cluster: %s\n' "$*" >&2; }

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

installed() { [[ -n "${HADOOP_HOME:-}" && -x "${HADOOP_HOME}/bin/hdfs" ]]; }

# The directory to use as HADOOP_CONF_DIR for this cluster.
conf_dir() { if installed; then echo "$pseudo"; else echo "$dir/conf"; fi; }

running() {
  if installed; then
    "$HADOOP_HOME/bin/hdfs" --config "$pseudo" dfsadmin -safemode get >/dev/null 2>&1
  else
    [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null
  fi
}

# name=value for every property in the pseudo-cluster files, for the jar-based cluster's -D.
properties() {
  local f
  for f in "$pseudo"/{core,hdfs,mapred,yarn}-site.xml; do
    awk '/<name>/ { gsub(/.*<name>|<\/name>.*/, ""); n = $0 }
         /<value>/ { gsub(/.*<value>|<\/value>.*/, ""); print n "=" $0 }' "$f"
  done | grep -vE '^(fs\.defaultFS|hadoop\.tmp\.dir|mapreduce\.application\.classpath)='
}

build() {
  if [[ ! -f "$cp_file" ]]; then
    say "building (mvn package, first run only)..."
    (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl mr-jobs -am >&2)
  fi
}

start() {
  if running; then
    say "already running"; status; return 0
  fi
  if installed; then
    export HADOOP_CONF_DIR="$pseudo"
    local name_dir="/tmp/batchkit-hadoop-$(id -un)/dfs/name"
    [[ -d "$name_dir" ]] || "$HADOOP_HOME/bin/hdfs" namenode -format -nonInteractive >/dev/null
    "$HADOOP_HOME/sbin/start-dfs.sh"
    "$HADOOP_HOME/sbin/start-yarn.sh"
    "$HADOOP_HOME/bin/mapred" --daemon start historyserver
    status
    return 0
  fi
  build
  local port
  for port in "${BATCHKIT_NN_PORT:-8020}" "${BATCHKIT_NN_HTTP_PORT:-9870}" "${BATCHKIT_RM_PORT:-8032}" \
    "${BATCHKIT_JHS_PORT:-10020}" 8088 19888; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      say "port $port on 127.0.0.1 is in use (another cluster? scripts/cluster.sh status, or set"
      say "BATCHKIT_NN_PORT, BATCHKIT_NN_HTTP_PORT, BATCHKIT_RM_PORT, BATCHKIT_JHS_PORT)"
      return 1
    fi
  done
  rm -rf "$dir"
  mkdir -p "$dir/conf" "$dir/data"
  local args=() p
  while IFS= read -r p; do args+=(-D "$p"); done < <(properties)
  # Task containers run Hadoop's MapReduce from the same jars (a Hadoop install would use its own
  # share/hadoop directories here).
  args+=(-D "mapreduce.application.classpath=$(cat "$cp_file")")
  local t0=$(date +%s)
  say "starting HDFS, YARN and the JobHistory server from Hadoop's jars (log: $dir/cluster.log)"
  # shellcheck disable=SC2086
  nohup java -Xmx1g $opens -Dtest.build.data="$dir/data" -Dhadoop.log.dir="$dir/logs" \
    -cp "$(cat "$cp_file")" org.apache.hadoop.mapreduce.MiniHadoopClusterManager \
    -format -nnport "${BATCHKIT_NN_PORT:-8020}" -nnhttpport "${BATCHKIT_NN_HTTP_PORT:-9870}" \
    -rmport "${BATCHKIT_RM_PORT:-8032}" -jhsport "${BATCHKIT_JHS_PORT:-10020}" \
    -writeConfig "$dir/conf/.core-site.xml" -writeDetails "$dir/details.json" "${args[@]}" \
    >"$dir/cluster.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  local waited=0
  until [[ -s "$dir/conf/.core-site.xml" && -s "$dir/details.json" ]]; do
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      say "the cluster process exited while starting; the end of $dir/cluster.log:"
      tail -n 20 "$dir/cluster.log" >&2
      rm -f "$dir/pid"
      return 1
    fi
    if ((waited >= 240)); then
      say "not up after 240 s; stopping it (see $dir/cluster.log)"
      stop
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  sleep 1 # the file is written in one go, but let the writer close it
  mv "$dir/conf/.core-site.xml" "$dir/conf/core-site.xml"
  # The whole configuration, under each name: a client loads mapred-default.xml after core-site.xml,
  # so mapreduce.* keys must also come from mapred-site.xml to win (and yarn.* from yarn-site.xml).
  for f in hdfs mapred yarn; do cp "$dir/conf/core-site.xml" "$dir/conf/$f-site.xml"; done
  printf '%s\n' 'log4j.rootLogger=WARN, console' \
    'log4j.appender.console=org.apache.log4j.ConsoleAppender' \
    'log4j.appender.console.target=System.err' \
    'log4j.appender.console.layout=org.apache.log4j.PatternLayout' \
    'log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss} %p %c{1}: %m%n' \
    'log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR' >"$dir/conf/log4j.properties"
  say "up in $(($(date +%s) - t0)) s"
  status
}

value() { # key, from the running cluster's configuration (one property per line or not)
  local f
  for f in "$(conf_dir)"/*-site.xml; do
    tr -d '\n' <"$f" | sed 's#</property>#\n#g' |
      sed -n "s#.*<name>$1</name>[[:space:]]*<value>\([^<]*\)</value>.*#\1#p"
  done | awk 'NR == 1'
}

status() {
  if ! running; then
    say "not running (scripts/cluster.sh start)"
    return 1
  fi
  echo "HDFS:        $(value fs.defaultFS)"
  echo "NameNode UI: http://$(value dfs.namenode.http-address)"
  local rm_ui
  rm_ui=$(value yarn.resourcemanager.webapp.address)
  echo "YARN UI:     http://${rm_ui//\$\{yarn.resourcemanager.hostname\}/$(value yarn.resourcemanager.hostname)}"
  echo "JobHistory:  http://$(value mapreduce.jobhistory.webapp.address)"
  echo "HADOOP_CONF_DIR=$(conf_dir)"
}

stop() {
  if installed; then
    export HADOOP_CONF_DIR="$pseudo"
    "$HADOOP_HOME/bin/mapred" --daemon stop historyserver || true
    "$HADOOP_HOME/sbin/stop-yarn.sh" || true
    "$HADOOP_HOME/sbin/stop-dfs.sh" || true
    return 0
  fi
  if [[ -f "$dir/pid" ]]; then
    local pid waited=0
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do sleep 1; waited=$((waited + 1)); done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
  fi
  # Containers the NodeManager started run in their own JVMs, under this directory.
  pkill -9 -f -- "$dir/data" 2>/dev/null || true
  if pgrep -f -- "$dir/data" >/dev/null 2>&1; then
    say "some processes under $dir are still running"; return 1
  fi
  say "stopped"
}

fs() {
  running || { say "not running (scripts/cluster.sh start)"; return 1; }
  if installed; then
    exec "$HADOOP_HOME/bin/hadoop" --config "$pseudo" fs "$@"
  fi
  exec java -Xmx512m -cp "$(conf_dir):$(cat "$cp_file")" org.apache.hadoop.fs.FsShell "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  conf) conf_dir ;;
  fs) shift; fs "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
