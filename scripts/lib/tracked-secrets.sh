# Sourced by the S3 and EMR checks. tracked_secrets ROOT SELF fails (through the caller's fail)
# when a tracked file other than SELF holds $AWS_ACCESS_KEY_ID or $AWS_SECRET_ACCESS_KEY, and
# when the search itself fails: git grep exits 0 on a hit, 1 on none, anything else on an error.
tracked_secrets() {
  local root=$1 self=$2 hits rc=0
  hits=$(cd "$root" && git grep -l -F -e "$AWS_SECRET_ACCESS_KEY" -e "$AWS_ACCESS_KEY_ID" \
    -- . ":(exclude)$self") || rc=$?
  case $rc in
    0) fail "the dummy credentials are in tracked files: $hits" ;;
    1) ;;
    *) fail "could not search the tracked files for the credentials (git grep exit $rc)" ;;
  esac
}
