#!/usr/bin/env bash
# Installs every build and test dependency of Strata from Debian 12 packages.
# Idempotent: packages already present are left alone, and apt is only
# consulted when something is missing.
set -euo pipefail

packages=(
  build-essential   # g++ 12, the primary compiler
  clang             # second compiler, checked warning-free in CI
  cmake ninja-build # build system
  ccache            # makes repeated builds cheap
  libgtest-dev libgmock-dev # unit tests
  libbenchmark-dev  # micro-benchmarks in bench/
  libre2-dev        # linear-time regular expressions for str.contains(regex)
  tzdata            # IANA time zone files read by TimeZone (time-window partitions)
  libclang-rt-14-dev # sanitizer runtimes for the ASan+UBSan test build
  # Parquet compression codecs
  libsnappy-dev libzstd-dev liblz4-dev libbrotli-dev zlib1g-dev
  # Orchestration: run storage, config, command line
  libsqlite3-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libpq-dev         # PostgreSQL run storage (shared deployments)
  postgresql        # a real server the storage tests start on 127.0.0.1
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "All dependencies present."
fi
