#!/usr/bin/env bash
# One command: install what is missing, then type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mkdir -p test-artifacts
echo "==> type-check"
npx tsc -p tsconfig.json --noEmit
echo "==> lint"
npx biome check
echo "==> tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
node scripts/test-summary.mjs test-artifacts/vitest.json "$status" || true
exit $status
