import { ChangeSet, Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { BufferQuestion } from "./buffer-question";

const doc = Text.of(["hello"]);

describe("a question about the buffer", () => {
  it("answers with the text asked about and the edits made while it was in flight", async () => {
    const q = new BufferQuestion(() => undefined);
    let reply!: (n: number) => void;
    const pending = q.send(doc, () => new Promise<number>((r) => (reply = r)), () => true);
    const typed = ChangeSet.of({ from: 0, insert: "Oh, " }, doc.length);
    q.edited(typed);
    reply(7);
    const answered = await pending;
    expect(answered?.answer).toBe(7);
    expect(answered?.doc).toBe(doc);
    expect(answered?.since.mapPos(0, 1)).toBe(4);
  });

  it("drops an answer a newer question or a cancel superseded, or one no longer wanted", async () => {
    const q = new BufferQuestion(() => undefined);
    const first = q.send(doc, async () => 1, () => true);
    const second = q.send(doc, async () => 2, () => true);
    expect(await first).toBeNull();
    expect((await second)?.answer).toBe(2);
    const third = q.send(doc, async () => 3, () => true);
    q.cancel();
    expect(await third).toBeNull();
    expect(await q.send(doc, async () => 4, () => false)).toBeNull();
  });

  it("a failure is no answer, or the stand-in the caller gives", async () => {
    const q = new BufferQuestion(() => undefined);
    const boom = () => Promise.reject(new Error("git is gone"));
    expect(await q.send(doc, boom, () => true)).toBeNull();
    expect((await q.send<number[]>(doc, boom, () => true, () => []))?.answer).toEqual([]);
  });

  it("asks once after the last pause, and never after it is destroyed", async () => {
    let asked = 0;
    const q = new BufferQuestion(() => asked++);
    q.schedule(5);
    q.schedule(10);
    await new Promise((r) => setTimeout(r, 30));
    expect(asked).toBe(1);
    q.schedule(5);
    q.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toBe(1);
    expect(q.live).toBe(false);
  });
});
