#!/usr/bin/env bash
# A throwaway Redis on loopback for tests, benches and the demo (never the system service).
#   scripts/redis.sh start [PORT] [DIR]   prints REDIS_PORT=…, REDIS_DIR=…, REDIS_PID=…
#   scripts/redis.sh stop DIR             stops that Redis and removes DIR
# PORT: a free one when omitted or 0. DIR: a fresh mktemp folder when omitted.
# Append-only file, fsync on every write: a claim or delivery record acknowledged by Redis
# survives a Redis restart (the queue-mode send-once guarantee rests on it; docs/queue-mode.md).
set -euo pipefail
REDIS_SERVER="${REDIS_SERVER:-/usr/bin/redis-server}"
REDIS_CLI="${REDIS_CLI:-/usr/bin/redis-cli}"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cmd="${1:-}"
case "$cmd" in
  start)
    port="${2:-0}"; dir="${3:-}"
    [ "$port" = "0" ] && port="$(free_port)"
    [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/numnum-redis-XXXXXX")"
    mkdir -p "$dir"
    "$REDIS_SERVER" --bind 127.0.0.1 --port "$port" --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
      --save '' --appendonly yes --appendfsync always \
      --protected-mode yes --databases 4 >/dev/null
    for _ in $(seq 1 100); do
      if "$REDIS_CLI" -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        echo "REDIS_PORT=$port"; echo "REDIS_DIR=$dir"; echo "REDIS_PID=$(cat "$dir/redis.pid")"
        exit 0
      fi
      sleep 0.1
    done
    echo "redis.sh: Redis on 127.0.0.1:$port did not answer; log:" >&2
    tail -20 "$dir/redis.log" >&2 || true
    exit 1
    ;;
  stop)
    dir="${2:?usage: redis.sh stop DIR}"
    if [ -f "$dir/redis.pid" ]; then
      pid="$(cat "$dir/redis.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    case "$dir" in */numnum-redis-*|*/.tmp/*) rm -rf "$dir" ;; esac
    ;;
  *)
    echo "usage: scripts/redis.sh start [PORT] [DIR] | stop DIR" >&2; exit 2 ;;
esac
