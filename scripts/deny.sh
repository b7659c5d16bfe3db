#!/usr/bin/env bash
# Checks the dependency tree against deny.toml with cargo-deny (installed from crates.io when
# missing): licences, bans and sources, then the RustSec advisories. The advisory database is
# cloned from GitHub; when that fails the script says so and exits 3, never a silent pass.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked
cargo deny --version
cargo deny check bans licenses sources
if ! out=$(cargo deny check advisories 2>&1); then
  echo "$out"
  if grep -qiE "failed to (fetch|clone|open)|could not resolve|network|github" <<<"$out"; then
    echo "postdesk: advisories NOT checked: the RustSec database could not be fetched (above)" >&2
    exit 3
  fi
  exit 1
fi
echo "$out"
