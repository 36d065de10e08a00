#!/usr/bin/env bash
# Builds and runs the whole test suite: a Release build with g++ and an
# ASan+UBSan build with clang, both warning-free (-Werror), then the
# benchmark harness in smoke mode (tiny data) so it keeps working, a check
# that the committed cross-check answers are still DuckDB's and Polars', and
# the TPC-H queries of the lazy engine at a tiny scale against DuckDB's
# answers.
# Fails when any test fails or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

# The storage suite runs against a real PostgreSQL server: a private one on
# 127.0.0.1, stopped when this script exits, unless a URL is given.
if [ -z "${STRATA_TEST_POSTGRES_URL:-}" ]; then
  echo "==> starting PostgreSQL for the storage tests"
  STRATA_TEST_POSTGRES_URL=$(./scripts/start-postgres.sh)
  trap './scripts/start-postgres.sh --stop || true' EXIT
fi
export STRATA_TEST_POSTGRES_URL

run_suite() {
  local preset=$1
  echo "==> [$preset] configure and build"
  cmake --preset "$preset" > /dev/null
  cmake --build --preset "$preset"
  echo "==> [$preset] tests"
  ctest --preset "$preset"
}

run_suite release
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_suite asan

if [ -x scripts/bench.sh ] && [ "${STRATA_SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "==> benchmark harness smoke run"
  ./scripts/bench.sh --smoke
  echo "==> cross-check answers: DuckDB recomputes them, Polars confirms"
  node scripts/crosscheck.mjs --check
  echo "==> TPC-H smoke run: the 22 queries at SF 0.01, answers checked against DuckDB's"
  ./scripts/tpch.sh --smoke
fi
echo "==> all test suites passed"
