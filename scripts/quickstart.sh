#!/usr/bin/env bash
# Installs what is missing, builds rectifyd, and runs it on its embedded default: the documented
# default configuration, a SQLite file in the current directory and the demo ledger. Messages go
# to the log channel (standard output) so you see what it would send. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset run >/dev/null
cmake --build --preset run -j "$(nproc)" --target rectifyd rectifyctl
exec build/run/daemon/app/rectifyd --demo "$@"
