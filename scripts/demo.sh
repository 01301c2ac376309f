#!/usr/bin/env bash
# One command: install what is missing, then start the demo room (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
exec node bin/roomctl.js start "$@"
