#!/usr/bin/env bash
# Installs what is missing and prints Postdesk's benchmark table (scripts/bench.py says what
# each row measures). About 30 minutes on 2 cores, most of it the release builds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh --test
npm ci --prefix ui --no-audit --no-fund
npm run --prefix ui build
exec python3 scripts/bench.py
