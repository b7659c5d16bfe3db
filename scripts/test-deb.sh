#!/usr/bin/env bash
# Builds the .deb and installs it on a fresh Debian 12: a minimal root made by debootstrap,
# where apt must find every library the package needs from its Depends line alone. Then, in
# that root:
#   - the CLI lists and checks the sample posts the package ships;
#   - the desktop entry is valid and opens .md files and folders;
#   - `postdesk` opens its window under Xvfb, on the writer's own copy of the sample posts,
#     and stays up.
# Needs root (debootstrap, chroot, mount). About 6 minutes after a release build.
#   scripts/test-deb.sh              build the package, then test it
#   scripts/test-deb.sh FILE.deb     test a package built before
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  echo "postdesk: scripts/test-deb.sh needs root for debootstrap and chroot; run it with sudo" >&2
  exit 2
fi
source scripts/deps.sh
for tool in debootstrap; do
  command -v "$tool" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$tool"
done

deb="${1:-}"
if [[ -z "$deb" ]]; then
  npm ci --prefix ui --no-audit --no-fund
  npm run --prefix ui build
  npm --prefix ui exec -- tauri build --bundles deb
  deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
fi
echo "postdesk: testing $deb ($(du -h "$deb" | cut -f1))"

root=$(mktemp -d /var/tmp/postdesk-deb.XXXXXX)
cleanup() {
  # Anything still running inside the root (Xvfb, the app after a failure) goes first.
  for p in /proc/[0-9]*; do
    [[ "$(readlink "$p/root" 2>/dev/null)" == "$root" ]] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  for m in dev proc sys; do umount -l -R "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

echo "== a fresh Debian 12 (debootstrap --variant=minbase bookworm)"
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 ||
  { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"

echo "== apt install ./$(basename "$deb")"
cp "$deb" "$root/tmp/postdesk.deb"
in_root apt-get update -q >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/postdesk.deb \
  | tail -3

echo "== the command line"
in_root postdesk --version
missing=$(in_root ldd /usr/bin/postdesk | grep 'not found' || true)
[[ -z "$missing" ]] || { echo "postdesk: libraries missing after install: $missing" >&2; exit 1; }
in_root postdesk list /usr/share/postdesk/posts | tee /tmp/postdesk-deb-list.txt
listed=$(wc -l </tmp/postdesk-deb-list.txt)
shipped=$(find "$root/usr/share/postdesk/posts" -name '*.md' | wc -l)
[[ "$listed" -eq "$shipped" ]] || { echo "postdesk: listed $listed posts of $shipped shipped" >&2; exit 1; }
# The sample posts carry deliberate problems, so `check` exits 1 (errors found), not 2.
set +e
in_root postdesk check /usr/share/postdesk/posts >/dev/null
status=$?
set -e
[[ $status -eq 1 ]] || { echo "postdesk: check exited $status on the sample posts, expected 1" >&2; exit 1; }

echo "== the desktop entry"
entry="$root/usr/share/applications/postdesk.desktop"
[[ -f "$entry" ]] || entry=$(ls "$root"/usr/share/applications/*.desktop | head -1)
cat "$entry"
grep -q '^Exec=postdesk %f$' "$entry" || { echo "postdesk: the desktop entry does not pass a file" >&2; exit 1; }
grep -q '^MimeType=.*text/markdown' "$entry" || { echo "postdesk: the desktop entry opens no Markdown" >&2; exit 1; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  desktop-file-utils xvfb xauth x11-utils >/dev/null
in_root desktop-file-validate "/usr/share/applications/$(basename "$entry")"
icon=$(sed -n 's/^Icon=//p' "$entry")
find "$root/usr/share/icons" -name "$icon.png" | grep -q . || { echo "postdesk: icon $icon not installed" >&2; exit 1; }

echo "== the window, under Xvfb"
cat >"$root/tmp/window.sh" <<'EOF'
set -eu
export HOME=/root
Xvfb :7 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=:7 WEBKIT_DISABLE_COMPOSITING_MODE=1 postdesk >/tmp/postdesk.out 2>&1 &
app=$!
for _ in $(seq 1 40); do
  if DISPLAY=:7 xwininfo -root -tree | grep -q '"Postdesk"'; then break; fi
  sleep 0.25
done
sleep 3
DISPLAY=:7 xwininfo -root -tree | grep '"Postdesk"' || { echo "no Postdesk window"; cat /tmp/postdesk.out; exit 1; }
kill -0 "$app" || { echo "postdesk exited"; cat /tmp/postdesk.out; exit 1; }
ls /root/.local/share/postdesk/sample-posts/*.md | wc -l
kill "$app" "$xvfb"
EOF
in_root sh /tmp/window.sh >"$root/tmp/window.out"
cat "$root/tmp/window.out"
copies=$(tail -1 "$root/tmp/window.out")
[[ "$copies" -eq "$shipped" ]] || { echo "postdesk: the writer's copy has $copies posts of $shipped" >&2; exit 1; }

echo "postdesk: the package installs on a fresh Debian 12 and runs: CLI, desktop entry, window"
