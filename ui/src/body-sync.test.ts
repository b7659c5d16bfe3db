import { ChangeSet, Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { BodyUpdate } from "./ipc/bindings/BodyUpdate";
import { BodySync } from "./body-sync";

/** What the backend does with an update (content::render::incremental::BodyMirror). */
function applyUpdate(text: string, update: BodyUpdate): string {
  if (update.kind === "full") return update.text;
  let out = "";
  let copied = 0;
  for (const e of update.edits) {
    out += text.slice(copied, e.from) + e.insert;
    copied = e.to;
  }
  return out + text.slice(copied);
}

function change(doc: Text, from: number, to: number, insert: string): { changes: ChangeSet; doc: Text } {
  const changes = ChangeSet.of({ from, to, insert }, doc.length);
  return { changes, doc: changes.apply(doc) };
}

describe("BodySync", () => {
  it("sends the whole body first, then only edits, composed across keystrokes", () => {
    const sync = new BodySync();
    let doc = Text.of(["Hello world"]);
    let mirror = "";
    let update = sync.take(() => doc.toString());
    expect(update.kind).toBe("full");
    mirror = applyUpdate(mirror, update);
    sync.acknowledge(1);

    for (const [from, to, insert] of [[5, 5, ","], [12, 12, "!"], [0, 1, "J"]] as const) {
      const step = change(doc, from, to, insert);
      doc = step.doc;
      sync.note(step.changes);
    }
    update = sync.take(() => {
      throw new Error("the whole text is not read for edits");
    });
    expect(update.kind).toBe("edits");
    if (update.kind === "edits") expect(update.version).toBe(1);
    mirror = applyUpdate(mirror, update);
    expect(mirror).toBe("Jello, world!");
    expect(mirror).toBe(doc.toString());
  });

  it("goes back to the whole body when the backend lost step", () => {
    const sync = new BodySync();
    const doc = Text.of(["abc"]);
    sync.take(() => doc.toString());
    sync.acknowledge(1);
    sync.note(change(doc, 0, 0, "x").changes);
    sync.take(() => "unused");
    sync.acknowledge(null);
    expect(sync.take(() => "xabc")).toEqual({ kind: "full", text: "xabc" });
  });

  it("a new document resets to a whole-body update", () => {
    const sync = new BodySync();
    sync.take(() => "first");
    sync.acknowledge(4);
    sync.reset();
    expect(sync.take(() => "second")).toEqual({ kind: "full", text: "second" });
  });

  it("no change since the last update is an empty edit list", () => {
    const sync = new BodySync();
    sync.take(() => "same");
    sync.acknowledge(2);
    expect(sync.take(() => "unused")).toEqual({ kind: "edits", version: 2, edits: [] });
  });
});
