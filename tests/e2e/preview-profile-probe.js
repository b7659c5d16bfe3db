// Trial probes for e2e::measure::preview_stage_profile (POSTDESK_PROFILE_INJECT=this file): when
// the IPC fetch of render_preview resolves, when its JSON is parsed, when the first task after
// the send runs, and the first animation frame after the send (its rAF callbacks, and a task
// posted from it, which runs once that frame has been rendered). Not part of the app.
const P = (window.__probe = { fetches: [], frames: [] });
const now = () => performance.now();
const origFetch = window.fetch;
window.fetch = function (url, opts) {
  const p = origFetch.apply(this, arguments);
  if (String(url).includes("render_preview")) {
    const rec = { start: now(), task: 0, headers: 0, json: 0 };
    P.fetches.push(rec);
    setTimeout(() => (rec.task = now()), 0);
    p.then((r) => {
      rec.headers = now();
      r.__rec = rec;
    });
  }
  return p;
};
const origJson = Response.prototype.json;
Response.prototype.json = function () {
  const rec = this.__rec;
  const p = origJson.apply(this, arguments);
  if (rec) p.then(() => (rec.json = now()));
  return p;
};
const origRaf = window.requestAnimationFrame;
let frame = null;
window.requestAnimationFrame = function (cb) {
  return origRaf.call(window, (t) => {
    if (!frame || frame.t !== t) {
      frame = { t, start: now(), cbEnd: 0, done: 0 };
      P.frames.push(frame);
      const f = frame;
      setTimeout(() => (f.done = now()), 0);
    }
    try {
      cb(t);
    } finally {
      frame.cbEnd = now();
    }
  });
};
const fetchOf = (s) => P.fetches.find((f) => f.start >= s.sent - 0.5 && f.start <= s.sent + 1.5);
const frameAfter = (s) => P.frames.find((f) => f.start >= s.sent);
window.__probeRows = [
  ["probe: sent → first task after send", (s) => { const f = fetchOf(s); return f && f.task - s.sent; }],
  ["probe: sent → fetch resolved (headers)", (s) => { const f = fetchOf(s); return f && f.headers - s.sent; }],
  ["probe: headers → JSON parsed", (s) => { const f = fetchOf(s); return f && f.json - f.headers; }],
  ["probe: JSON parsed → reply in main", (s) => { const f = fetchOf(s); return f && s.replied - f.json; }],
  ["probe: sent → first rAF after send", (s) => { const f = frameAfter(s); return f && f.start - s.sent; }],
  ["probe:   its rAF callbacks (CodeMirror measure)", (s) => { const f = frameAfter(s); return f && f.cbEnd - f.start; }],
  ["probe:   rAF → task after its rendering (paint)", (s) => { const f = frameAfter(s); return f && f.done - f.cbEnd; }],
  ["probe: sent → that frame done", (s) => { const f = frameAfter(s); return f && f.done - s.sent; }],
  ["probe: reply after that frame (1) or before (0)", (s) => { const f = frameAfter(s); return f && (s.replied >= f.done ? 1 : 0); }],
];
return true;
