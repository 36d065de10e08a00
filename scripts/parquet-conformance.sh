#!/usr/bin/env bash
# Lists how Strata's Parquet reader handles every file of the Apache
# parquet-testing set: one Markdown table row per file under data/ and
# bad_data/, "reads (N rows)" or "refuses: <error>".
#
#   scripts/parquet-conformance.sh [--tool PATH] [--dir DIR] [--update FILE]
#
# --tool   parquet_tool to run (default: build/release/tools/parquet_tool)
# --dir    the parquet-testing checkout (default: $STRATA_PARQUET_TESTING_DIR,
#          else ../shared/data/parquet-testing beside the repository)
# --update replace the lines between "<!-- conformance:begin -->" and
#          "<!-- conformance:end -->" in FILE with the table (docs/parquet.md)
#
# Every file is read completely with the default read options, one file at a
# time (large_string_map.brotli.parquet needs about 2.5 GB of memory).
set -euo pipefail
cd "$(dirname "$0")/.."

tool=build/release/tools/parquet_tool
dir=${STRATA_PARQUET_TESTING_DIR:-../shared/data/parquet-testing}
update=
while [ $# -gt 0 ]; do
  case $1 in
    --tool) tool=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --update) update=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "parquet-conformance.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$tool" ] || { echo "parquet-conformance.sh: $tool not found; build the parquet_tool target" >&2; exit 2; }
[ -d "$dir/data" ] || { echo "parquet-conformance.sh: no parquet-testing files in $dir" >&2; exit 2; }

# One row: the file, then what reading it gave. The error message loses the
# file name (the row names it), the location suffix and the hint.
result_of() {
  local file=$1 output
  if output=$("$tool" time-read "$file" --repeat 1 2>&1); then
    echo "reads ($(sed -n 's/^rows=\([0-9]*\) .*/\1/p' <<< "$output") rows)"
  else
    local message
    message=$(head -n 1 <<< "$output" | sed -e 's/^parquet_tool: //' -e 's/ (file .*$//' -e 's/\. Hint: .*$//' \
      -e 's/|/\\|/g')
    echo "refuses: $message"
  fi
}

table() {
  local sub file rows=()
  for sub in data bad_data; do
    for file in "$dir/$sub"/*.parquet; do
      rows+=("| \`$sub/$(basename "$file")\` | $(result_of "$file") |")
    done
  done
  local summary=()
  for sub in data bad_data; do
    local reads refuses
    reads=$(printf '%s\n' "${rows[@]}" | grep -c "^| \`$sub/.*| reads (" || true)
    refuses=$(printf '%s\n' "${rows[@]}" | grep -c "^| \`$sub/.*| refuses: " || true)
    summary+=("\`$sub/\`: $reads read, $refuses refused")
  done
  echo "${summary[0]}; ${summary[1]}."
  echo
  echo "| file | Strata |"
  echo "| --- | --- |"
  printf '%s\n' "${rows[@]}"
}

if [ -z "$update" ]; then
  table
  exit 0
fi
grep -q '^<!-- conformance:begin -->$' "$update" && grep -q '^<!-- conformance:end -->$' "$update" ||
  { echo "parquet-conformance.sh: $update has no conformance markers" >&2; exit 2; }
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
table > "$generated"
awk -v generated="$generated" '
  /^<!-- conformance:end -->$/ { skipping = 0 }
  !skipping { print }
  /^<!-- conformance:begin -->$/ { while ((getline line < generated) > 0) print line; skipping = 1 }
' "$update" > "$update.partial"
mv "$update.partial" "$update"
