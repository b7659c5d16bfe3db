#!/usr/bin/env bash
# Installs what is missing, builds the UI and the app, and opens Postdesk on the sample posts/
# (or on the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
npm ci --prefix ui --no-audit --no-fund
npm run --prefix ui build
exec cargo run --bin postdesk -- "${1:-posts}"
