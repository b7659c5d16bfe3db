#!/usr/bin/env bash
# Retakes the README's screenshots from the real window (tests/e2e/screenshots.rs) and copies
# them to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh --test
npm ci --prefix ui --no-audit --no-fund
npm run --prefix ui build
cargo test --locked --test integration e2e::screenshots -- --test-threads=1
mkdir -p docs/screenshots
cp e2e-artifacts/desk-light.png e2e-artifacts/desk-dark.png e2e-artifacts/problems.png docs/screenshots/
echo "postdesk: docs/screenshots/ updated"
