#!/usr/bin/env bash
# A PNG screenshot of a profile's report.html (or any local page) in headless Chromium, the whole
# page tall: look at the report without a desktop.
#
#   scripts/report-shot.sh REPORT.html OUT.png [WIDTH]     WIDTH in CSS pixels (default 1280)
#   BATCHKIT_CHROMIUM=/path/to/chromium                    the browser (default: chromium on PATH)
#   MAX_HEIGHT=16000                                       the tallest screenshot taken, in pixels
set -euo pipefail

if [[ $# -lt 2 || "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  [[ $# -ge 2 ]] && exit 0 || exit 2
fi
report=$1
out=$2
width=${3:-1280}
[[ -f "$report" ]] || { echo "report-shot: no such file: $report" >&2; exit 2; }
chromium=${BATCHKIT_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -n "$chromium" ]] || { echo "report-shot: no chromium on PATH (Debian: apt-get install chromium)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$work/profile" --hide-scrollbars)

# The page's height as Chromium lays it out at this width, measured in a copy of the page (the
# report itself runs no script), so that the screenshot holds the whole page.
sed 's|</body>|<script>document.title = "height=" + document.documentElement.scrollHeight;</script></body>|' \
  "$report" >"$work/measure.html"
height=$("$chromium" "${flags[@]}" --window-size="$width,1000" --dump-dom "file://$work/measure.html" 2>/dev/null \
  | grep -o '<title>height=[0-9]*' | grep -o '[0-9]*$' || true)
height=${height:-3000}
((height > ${MAX_HEIGHT:-16000})) && height=${MAX_HEIGHT:-16000}

abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
"$chromium" "${flags[@]}" --window-size="$width,$height" --screenshot="$work/shot.png" "file://$abs" \
  >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
mv "$work/shot.png" "$out"
echo "report-shot: $out (${width}x${height})"
