# Sourced by the demo scripts. own_metastore DIR starts a standalone Hive Metastore for this run
# (Derby in DIR, on the first free port from 19083), exports BATCHKIT_METASTORE_URI so the jobs'
# tables and `batchkit hive` use it, and stops it when the script exits. A metastore the caller
# already gave (BATCHKIT_METASTORE_URI set) is used as it is.
own_metastore() {
  local dir=$1 port=19083
  if [[ -n "${BATCHKIT_METASTORE_URI:-}" ]]; then
    return 0
  fi
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  rm -rf "$dir"
  BATCHKIT_METASTORE_URI="$("$root/scripts/batchkit" metastore start --dir "$dir" --port "$port" 2>"$dir.log")" \
    || { cat "$dir.log" >&2; echo "could not start a metastore in $dir" >&2; return 1; }
  export BATCHKIT_METASTORE_URI
  # shellcheck disable=SC2064 # the directory is fixed now
  trap "'$root/scripts/batchkit' metastore stop --dir '$dir' 2>/dev/null" EXIT
}
