// The stage report of `e2e::measure::preview_stage_profile`, run in the page: arguments[0] is
// the backend's POSTDESK_PROFILE lines, arguments[1] the label. Returns the text to print.
const [backendText, label] = arguments;
const backend = new Map();
for (const line of backendText.split("\n")) {
  const f = Object.fromEntries(line.split(/\s+/).filter((w) => w.includes("=")).map((w) => w.split("=")));
  if (f.version) backend.set(Number(f.version), f);
}
const rows = [
  ["key event → editor change noted (CodeMirror)", (s) => s.noted - s.key],
  ["(a) change noted → update taken (queue)", (s) => s.taken - s.noted],
  ["(a) update taken → IPC sent (request built)", (s) => s.sent - s.taken],
  ["(b+c) IPC round trip (sent → reply)", (s) => s.replied - s.sent],
  ["(b) request: sent → command entered", (s, b) => b && b.enter_us / 1000 - s.sentWall],
  ["(c) render_preview in Rust, total", (s, b) => b && b.total_us / 1000],
  ["(c)   preview header", (s, b) => b && b.header_us / 1000],
  ["(c)   BodyMirror apply", (s, b) => b && b.mirror_us / 1000],
  ["(c)   window/whole render", (s, b) => b && b.render_us / 1000],
  ["(c)   PreviewSession patch", (s, b) => b && b.patch_us / 1000],
  ["(b) reply: command returned → JS has it", (s, b) => b && s.repliedWall - b.exit_us / 1000],
  ["(e) reply → patch starts (main.ts)", (s) => s.applyStart - s.replied],
  ["(d) patch applied in frame (preview.ts)", (s) => s.applyEnd - s.applyStart],
  ["(e) same keystroke's sync work after send", (s) => s.afterSend],
  ["change noted → DOM patched (= inputToPreviewDom)", (s) => s.applyEnd - s.noted],
  ["key event → DOM patched", (s) => s.applyEnd - s.key],
  ...(window.__probeRows || []),
];
const samples = (window.postdeskPreviewProfile || []).filter((s) => s.kind === "edits" && s.applyEnd > 0);
const pct = (v, p) => v[Math.min(v.length - 1, Math.round((v.length - 1) * p))];
let windowed = 0;
for (const s of samples) if (backend.get(s.version)?.windowed === "true") windowed++;
const out = [`stage profile, ${label}: ${samples.length} keystrokes (${windowed} windowed renders), ms`];
for (const [name, f] of rows) {
  const v = samples
    .map((s) => f(s, backend.get(s.version) && Object.fromEntries(Object.entries(backend.get(s.version)).map(([k, x]) => [k, Number(x)]))))
    .filter((x) => typeof x === "number" && Number.isFinite(x))
    .sort((a, b) => a - b);
  out.push(`  ${name.padEnd(52)} p50 ${v.length ? pct(v, 0.5).toFixed(2).padStart(7) : "    n/a"}  p95 ${v.length ? pct(v, 0.95).toFixed(2).padStart(7) : "    n/a"}  (n=${v.length})`);
}
return out.join("\n");
