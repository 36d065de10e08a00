#!/usr/bin/env bash
# Validation benchmark: Strata (bench/validate_bench.cpp) against pandas
# (bench/peers/validate_pandas.py) on the same G1 CSV, side by side.
#
#   bench/validate.sh [--rows 1e7] [--repeat 3] [--threads N] [--build-dir DIR]
#
# Builds validate_bench in Release, generates the data set when missing, and
# runs both engines, checks that both found the same failing row counts, and
# prints the best time of each and the ratio pandas/Strata. With
# STRATA_BENCH_LOCK=FILE every step holds that lock (flock), so that builds
# taking the same lock cannot compete for the cores during the timings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
rows=1e7
repeat=3
threads=""
build_dir=${STRATA_VALIDATE_BUILD_DIR:-$root/build-validate-rel}
# Runs "$@" holding $STRATA_BENCH_LOCK when it is set.
locked() {
  if [ -n "${STRATA_BENCH_LOCK:-}" ]; then flock "$STRATA_BENCH_LOCK" "$@"; else "$@"; fi
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    *) echo "unknown option $1; see the header of $0" >&2; exit 2 ;;
  esac
done

locked cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSTRATA_BUILD_TESTS=OFF >/dev/null
locked ninja -C "$build_dir" -j2 validate_bench generate_groupby

data="$root/bench/data/G1_${rows}_1e2_0_0.csv"
if [[ ! -f "$data" ]]; then
  locked "$build_dir/bench/generate_groupby" --rows "$rows" --output-dir "$root/bench/data" >/dev/null
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
thread_args=()
[[ -n "$threads" ]] && thread_args=(--threads "$threads")
echo "validating $data ($repeat runs each)" >&2
locked "$build_dir/bench/validate_bench" --data "$data" --repeat "$repeat" "${thread_args[@]}" >>"$results"
locked /usr/bin/python3 "$root/bench/peers/validate_pandas.py" --data "$data" --repeat "$repeat" >>"$results"

/usr/bin/python3 - "$results" <<'PY'
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
status = 0
print(f"{'task':<16}{'strata s':>10}{'pandas s':>10}{'pandas/strata':>15}  answers")
for task in ("validate", "validate+stats"):
    best, answers, threads = {}, {}, {}
    for line in lines:
        if line["task"] != task:
            continue
        engine = line["engine"]
        best[engine] = min(best.get(engine, float("inf")), line["seconds"])
        answers.setdefault(engine, line["failures"])
        threads[engine] = line["threads"]
        if line["failures"] != answers[engine]:
            print(f"{engine} gave different answers between runs of {task}", file=sys.stderr)
            status = 1
    same = answers.get("strata") == answers.get("pandas")
    if not same:
        status = 1
        print(f"{task}: strata {answers.get('strata')} != pandas {answers.get('pandas')}", file=sys.stderr)
    ratio = best["pandas"] / best["strata"]
    print(f"{task:<16}{best['strata']:>10.3f}{best['pandas']:>10.3f}{ratio:>14.1f}x  "
          f"{'same' if same else 'DIFFERENT'} (strata {threads['strata']} threads, pandas 1)")
print("failing rows found:", json.dumps(answers.get("strata")))
sys.exit(status)
PY
