#!/usr/bin/env bash
# The one test command (npm test): build the package (e2e tests load dist/ into real n8n),
# then every jest project: unit, integration, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npx jest --ci "$@"
