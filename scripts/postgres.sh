#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for tests, benches and the demo (never the system service).
#   scripts/postgres.sh start [PORT] [DIR]   prints PGHOST=… PGPORT=… PGUSER=… PGDATABASE=… PG_DIR=…
#   scripts/postgres.sh stop DIR             stops that server and removes DIR
# PORT: a free one when omitted or 0. DIR: a fresh mktemp folder when omitted.
# Trust authentication on 127.0.0.1 only, fsync off: a test database, fast, thrown away after.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
set -euo pipefail
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PG_BIN/postgres" ] || { echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; exit 1; }
PG_DB="${PG_DB:-n8n}"
PG_USER="${PG_USER:-n8n}"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cmd="${1:-}"
case "$cmd" in
  start)
    port="${2:-0}"; dir="${3:-}"
    [ "$port" = "0" ] && port="$(free_port)"
    [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/numnum-pg-XXXXXX")"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir" && chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$PG_BIN/initdb" -D "$dir/data" -U "$PG_USER" -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB" >/dev/null \
      || { tail -20 "$dir/postgres.log" >&2; exit 1; }
    if ! as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -Atc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1; then
      as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$PG_DB"
    fi
    echo "PGHOST=127.0.0.1"; echo "PGPORT=$port"; echo "PGUSER=$PG_USER"; echo "PGDATABASE=$PG_DB"; echo "PG_DIR=$dir"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
        || as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    case "$dir" in */numnum-pg-*|*/.tmp/*) rm -rf "$dir" ;; esac
    ;;
  *)
    echo "usage: scripts/postgres.sh start [PORT] [DIR] | stop DIR" >&2; exit 2 ;;
esac
