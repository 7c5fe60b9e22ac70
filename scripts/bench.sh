#!/usr/bin/env bash
# npm run bench: every benchmark under bench/, each printing our figure beside its peer's and the ratio.
# Pass names to run some only: npm run bench -- ubl send
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
names=("$@")
for f in bench/*.bench.ts; do
  name="$(basename "$f" .bench.ts)"
  if [ ${#names[@]} -gt 0 ] && [[ ! " ${names[*]} " == *" $name "* ]]; then continue; fi
  echo "== bench: $name"
  npx tsx "$f"
done
