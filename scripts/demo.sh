#!/usr/bin/env bash
# npm start: build the package, then run the demo (scripts/demo.ts): real n8n with the package,
# a local SMTP inbox with a web view, the example workflows, a sample event. Ctrl-C stops it all.
# Options: npm start -- --fresh   (forget the demo's n8n data and inbox)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "[demo] building the package…"
npm run build >/dev/null
exec node_modules/.bin/tsx scripts/demo.ts "$@"
