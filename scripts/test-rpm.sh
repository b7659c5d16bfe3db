#!/usr/bin/env bash
# Checks the .rpm as far as this Debian machine can: rpm itself installs it into an empty root
# (its own database, file list and digests), `rpm -V` verifies every installed file, the
# package asks for WebKitGTK 4.1 and GTK 3 by soname (what dnf resolves on Fedora), the
# desktop entry validates, and the installed binary runs the CLI on the shipped posts.
# What it cannot check here: dnf resolving those sonames to Fedora packages, which needs
# Fedora's repositories (unreachable from this machine). Run after
#   npm --prefix ui exec -- tauri build --bundles rpm
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$HOME/.cache/postdesk-target}"
rpm_file=$(ls "$target"/release/bundle/rpm/Postdesk-*.x86_64.rpm 2>/dev/null | head -1)
[[ -n "$rpm_file" ]] || { echo "test-rpm: no .rpm under $target/release/bundle/rpm; build it first" >&2; exit 2; }
if ! command -v rpm >/dev/null; then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends rpm desktop-file-utils
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "== $(basename "$rpm_file") ($(du -h "$rpm_file" | cut -f1))"
requires=$(rpm -qpR "$rpm_file")
for lib in 'libwebkit2gtk-4.1.so.0()(64bit)' 'libgtk-3.so.0()(64bit)'; do
  grep -qxF "$lib" <<<"$requires" || { echo "test-rpm: the package does not require $lib" >&2; exit 1; }
done
echo "requires: $(tr '\n' ' ' <<<"$requires")"
rpm --root "$root" --initdb
# --nodeps: this root has no Fedora packages to satisfy the sonames; everything else is real.
rpm --root "$root" -i --nodeps "$rpm_file"
rpm --root "$root" -q postdesk
rpm --root "$root" -V --nodeps postdesk
echo "rpm -V: every installed file verified (size, digest, mode, owner)"
for f in usr/bin/postdesk usr/share/applications/Postdesk.desktop usr/share/icons/hicolor/128x128/apps/postdesk.png; do
  [[ -e "$root/$f" ]] || { echo "test-rpm: /$f not installed" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$root/usr/share/applications/Postdesk.desktop" && echo "desktop entry valid"; fi
"$root/usr/bin/postdesk" --version
posts=$(find "$root/usr/share/postdesk/posts" -name '*.md' | wc -l)
listed=$("$root/usr/bin/postdesk" list "$root/usr/share/postdesk/posts" | wc -l)
[[ "$posts" -eq "$listed" && "$posts" -gt 0 ]] || { echo "test-rpm: listed $listed of $posts shipped posts" >&2; exit 1; }
echo "the installed binary lists all $listed shipped posts"
rpm --root "$root" -e postdesk
[[ ! -e "$root/usr/bin/postdesk" ]] && echo "rpm -e removes it cleanly"
echo "test-rpm: ok"
