#!/usr/bin/env bash
# Installs what Postdesk needs on Debian 12 and is not there yet. Sourced by run.sh and test.sh.
#   deps.sh            build and run dependencies
#   deps.sh --test     plus what the real-window tests need (WebKitWebDriver, Xvfb, D-Bus)
set -euo pipefail

BUILD_PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libgtk-3-dev
  libxdo-dev libssl-dev librsvg2-dev)
TEST_PACKAGES=(webkit2gtk-driver xvfb xauth dbus at-spi2-core procps python3 python3-venv jekyll git)

want=("${BUILD_PACKAGES[@]}")
if [[ "${1:-}" == "--test" ]]; then want+=("${TEST_PACKAGES[@]}"); fi
command -v node >/dev/null 2>&1 || want+=(nodejs npm)

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "postdesk: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "postdesk: Rust is missing. Install rustup (https://rustup.rs) and Rust 1.90 or newer, then run this again." >&2
  exit 2
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "postdesk: Node.js $(node --version) is too old for Vite 7; install Node.js 20 or newer." >&2
  exit 2
fi

# One build directory outside the clone, reused across clones and CI runs, kept under 12 GiB.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/postdesk-target}"
if [[ -d "$CARGO_TARGET_DIR" ]] && (($(du -sm "$CARGO_TARGET_DIR" | cut -f1) > 12288)); then
  echo "postdesk: $CARGO_TARGET_DIR is over 12 GiB; cleaning it"
  rm -rf "$CARGO_TARGET_DIR"
fi
