#!/usr/bin/env bash
# Starts a private PostgreSQL server for the storage tests and prints its URL
# on stdout (everything else goes to stderr):
#
#   url=$(scripts/start-postgres.sh)        # start, or reuse the running one
#   scripts/start-postgres.sh --stop        # stop it
#
# Idempotent: installs the server package when missing (as root), creates a
# cluster in build/postgres on first use, and reuses a server already
# running there. It listens on 127.0.0.1 only, on its own port
# (STRATA_POSTGRES_PORT, else the first free port from 55432), with trust
# authentication - a throw-away instance for tests, never for real data.
set -euo pipefail
cd "$(dirname "$0")/.."

action=start
[ "${1:-}" = "--stop" ] && action=stop

log() { echo "start-postgres: $*" >&2; }


# PostgreSQL refuses to run as root: as root, the cluster belongs to "postgres".
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

bin=$(find_bin || true)

if [ -z "$bin" ] && [ "$action" = start ]; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed; run: sudo apt-get install -y postgresql"
    exit 1
  fi
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bin=$(find_bin)
fi

# The cluster lives in build/postgres, unless the checkout is in a folder
# the postgres user cannot enter (running as root from a private home): then
# in a folder of the system's temporary directory named after the checkout.
data_dir="${STRATA_POSTGRES_DIR:-}"
if [ -z "$data_dir" ]; then
  data_dir="$PWD/build/postgres"
  if [ "$(id -u)" = 0 ] && id postgres > /dev/null 2>&1 && ! runuser -u postgres -- test -x "$PWD"; then
    data_dir="$(dirname "$(mktemp -u)")/strata-postgres-$(echo "$PWD" | cksum | cut -d' ' -f1)"
  fi
fi

if [ "$action" = stop ]; then
  if [ -n "$bin" ] && [ -f "$data_dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data_dir" status > /dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data_dir" -m fast -w stop >&2
  fi
  exit 0
fi


port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

url_for() { echo "postgresql://postgres@127.0.0.1:$1/postgres"; }

if [ -f "$data_dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data_dir" status > /dev/null 2>&1; then
  port=$(cat "$data_dir/strata-port")
  log "reusing the server running in $data_dir on port $port"
  url_for "$port"
  exit 0
fi

if [ ! -f "$data_dir/PG_VERSION" ]; then
  log "creating a cluster in $data_dir"
  rm -rf "$data_dir"
  mkdir -p "$data_dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
  chmod 700 "$data_dir"
  as_owner "$bin/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 --locale=C > "$data_dir.initdb.log" 2>&1 ||
    { cat "$data_dir.initdb.log" >&2; exit 1; }
fi

port="${STRATA_POSTGRES_PORT:-}"
if [ -z "$port" ]; then
  port=55432
  while port_in_use "$port"; do port=$((port + 1)); done
fi
echo "$port" | as_owner tee "$data_dir/strata-port" > /dev/null

log "starting on 127.0.0.1:$port"
as_owner "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$data_dir' -c fsync=off" start >&2 ||
  { tail -n 20 "$data_dir/server.log" >&2; exit 1; }

for _ in $(seq 1 60); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { log "the server did not become ready"; exit 1; }
url_for "$port"
