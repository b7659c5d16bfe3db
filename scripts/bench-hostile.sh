#!/usr/bin/env bash
# Prints how long, and how much memory, `postdesk get`, `render`, `check` and `list` take on
# every sample post and every hostile fixture (tests/fixtures/hostile, plus a FIFO, a link to
# /, and a 16 MiB + 1 byte post made here), and the worst case of each. The goal (issue 14):
# every run under 1 s and 200 MB RSS. A figure, not a timed test: it prints numbers.
#   scripts/bench-hostile.sh            # release build (made if missing)
#   POSTDESK_BIN=path scripts/bench-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/postdesk-target}"
bin="${POSTDESK_BIN:-$CARGO_TARGET_DIR/release/postdesk}"
if [[ -z "${POSTDESK_BIN:-}" ]]; then
  [[ -d ui/dist ]] || { npm ci --prefix ui --no-audit --no-fund && npm run --prefix ui build; }
  cargo build --release --locked >&2
fi
command -v /usr/bin/time >/dev/null || { echo "bench-hostile: needs GNU time (apt install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/hostile"
cp -r tests/fixtures/hostile "$site"
mkfifo "$site/pipe.md"
ln -s / "$site/disk"
truncate -s $((16 * 1024 * 1024 + 1)) "$site/huge.md"

printf '%-8s %-40s %8s %8s %5s\n' command file seconds MiB exit
worst_s=0; worst_m=0; worst_s_what=""; worst_m_what=""
run() { # run COMMAND LABEL ARGS...
  local what="$1" label="$2"; shift 2
  local code=0
  /usr/bin/time -o "$work/time" -f '%e %M' timeout 30 "$bin" "$@" >/dev/null 2>"$work/stderr" || code=$?
  local out
  out=$(tail -1 "$work/time")
  [[ "$out" =~ ^[0-9.]+\ [0-9]+$ ]] || { echo "bench-hostile: no figure for $what $label: $out" >&2; exit 2; }
  local secs=${out% *} kib=${out#* }
  local mib=$((kib / 1024))
  # 124 is timeout's: the run was killed at 30 s.
  ((code != 124)) || secs=30
  printf '%-8s %-40s %8s %8s %5s\n' "$what" "$label" "$secs" "$mib" "$code"
  if awk "BEGIN{exit !($secs > $worst_s)}"; then worst_s=$secs; worst_s_what="$what $label"; fi
  if ((mib > worst_m)); then worst_m=$mib; worst_m_what="$what $label"; fi
}
files=()
while IFS= read -r f; do files+=("$f"); done < <(find posts -name '*.md' | sort)
while IFS= read -r f; do files+=("$f"); done < <(find "$site" -maxdepth 1 -name '*.md' | sort)
for f in "${files[@]}"; do
  label=${f#"$work/"}
  for c in get render check; do run "$c" "$label" "$c" "$f"; done
done
for dir in posts "$site"; do
  run list "${dir#"$work/"}/" list "$dir"
  run check "${dir#"$work/"}/" check "$dir"
done
echo
echo "worst time: ${worst_s} s ($worst_s_what)"
echo "worst memory: ${worst_m} MiB max RSS ($worst_m_what)"
awk "BEGIN{exit !($worst_s < 1.0 && $worst_m < 200)}" && echo "goal met: every run under 1 s and 200 MB" || echo "GOAL NOT MET: a run took 1 s or more, or 200 MB or more"
