// A question about the editor's text, asked off the keystroke path once typing stops, whose
// answer is placed on the text it describes. It owns the timer, the sequence number that lets
// a newer question (or a cancel) supersede an answer still in flight, and the edits made to the
// text since the question left, so the caller maps the answer through them. The git gutter's
// marks and the spelling lints ask this way; each decides what to ask and how to show it.
import { ChangeSet, type Text } from "@codemirror/state";

/** An answer still wanted, with the text it was asked about and the edits made since. */
export type Answered<A> = { answer: A; doc: Text; since: ChangeSet };

export class BufferQuestion {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The question in flight: the text as sent and the edits made to it since. */
  private asked: { seq: number; doc: Text; since: ChangeSet } | null = null;
  private seq = 0;
  private alive = true;

  /** `ask` runs when a scheduled pause ends, while the question is alive. */
  constructor(private readonly ask: () => void) {}

  get live(): boolean {
    return this.alive;
  }

  /** Asks after `delay` ms, unless something asks for a later time first. */
  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.alive) this.ask();
    }, delay);
  }

  /** The text changed: the question in flight carries the edits, for mapping its answer. */
  edited(changes: ChangeSet): void {
    if (this.asked) this.asked.since = this.asked.since.compose(changes);
  }

  /** An answer in flight is no longer wanted (no post, the feature turned off). */
  cancel(): void {
    this.seq++;
    this.asked = null;
  }

  /** Sends a question about `doc`. Resolves to the answer with the text it describes and the
   *  edits since, or null when a newer question or a cancel superseded it, or it failed (then
   *  `failed`, when given, stands in for the answer). `wanted` is asked again on arrival. */
  async send<A>(doc: Text, fetch: () => Promise<A>, wanted: () => boolean, failed?: () => A): Promise<Answered<A> | null> {
    const seq = ++this.seq;
    this.asked = { seq, doc, since: ChangeSet.empty(doc.length) };
    let answer: A;
    try {
      answer = await fetch();
    } catch {
      if (!failed) {
        if (this.asked?.seq === seq) this.asked = null;
        return null;
      }
      answer = failed();
    }
    const asked = this.asked;
    if (!this.alive || asked?.seq !== seq || !wanted()) return null;
    this.asked = null;
    return { answer, doc: asked.doc, since: asked.since };
  }

  destroy(): void {
    this.alive = false;
    clearTimeout(this.timer);
  }
}
