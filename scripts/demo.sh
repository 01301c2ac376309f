#!/usr/bin/env bash
# One command: install what is missing, then start the demo room (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# The same V8 flag as the bin/roomctl.js shebang (see there).
exec node --max-semi-space-size=2 bin/roomctl.js start "$@"
