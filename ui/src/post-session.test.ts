// The open post's life against a fake backend and a fake clock: the fake disk refuses a save
// whose base hash it no longer has, as store::save does, so "nothing is lost" and "nothing is
// overwritten" are checked on what the disk ends up holding.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppError } from "./ipc/bindings/AppError";
import type { ExternalChange } from "./ipc/bindings/ExternalChange";
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import type { PostProblems } from "./ipc/bindings/PostProblems";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";
import type { FormEdits } from "./form/model";
import {
  AUTOSAVE_IDLE_MS,
  JOURNAL_IDLE_MS,
  PostSession,
  type NoticeAction,
  type Overlap,
  type SaveState,
  type SessionBuffer,
  type SessionCommands,
  type SessionView,
} from "./post-session";

const PATH = "notes.md";

function post(baseHash: string, body: string, path = PATH): PostDocument {
  return {
    path,
    baseHash,
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter: { title: "Notes" },
    frontMatterSource: "title: Notes\n",
    roles: { title: "title", date: null, summary: null, tags: null, draft: null },
    body,
    diagnostics: [],
    readOnlyReason: null,
  };
}

const PROBLEMS: PostProblems = { problems: [], frontMatterLine: 2, bodyLine: 4 };

/** One post on disk. Saves present a base hash and are refused when the file moved on. */
class FakeDisk {
  private n = 0;
  hash = "h0";
  readOnly = false;
  /** What the next save answers about problems (null while the first check pass runs). */
  problems: PostProblems | null = null;
  private gate: Promise<void> | null = null;

  constructor(public body: string) {}

  doc(): PostDocument {
    return post(this.hash, this.body);
  }

  /** Someone else (or a save) writes the file. */
  write(body: string): void {
    this.body = body;
    this.hash = `h${++this.n}`;
  }

  /** Holds the next save's answer until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise((resolve) => (release = resolve));
    return release;
  }

  async save(request: SaveRequest) {
    const gate = this.gate;
    this.gate = null;
    if (gate) await gate;
    if (this.readOnly) throw error("readOnly", `${PATH} is read-only; nothing was written.`);
    if (request.baseHash !== this.hash) throw error("conflict", `${PATH} changed on disk.`);
    if (request.body !== null) this.write(request.body);
    return { document: this.doc(), problems: this.problems };
  }
}

function error(kind: AppError["kind"], message: string): AppError {
  return { kind, message, path: PATH };
}

/** The editor and the form, as far as the session sees them. Changing the text reports back
 *  to the session, as CodeMirror's update listener does in the window. */
class FakeBuffer implements SessionBuffer {
  body = "";
  edits: FormEdits = { fields: [] };
  session!: PostSession;

  texts = 0;
  text = () => {
    this.texts += 1;
    return this.body;
  };
  length = () => this.body.length;
  formEdits = () => this.edits;
  formDirty = () => this.edits.fields.length > 0;
  formProblem = async () => null;
  load(doc: PostDocument): void {
    this.body = doc.body;
    this.edits = { fields: [] };
  }
  rebase(_doc: PostDocument, body: string, keep: FormEdits): void {
    this.edits = { fields: [...keep.fields] };
    this.replace(body);
  }
  saved(_doc: PostDocument, sent: FormEdits): void {
    this.edits = { fields: this.edits.fields.filter((f) => !sent.fields.includes(f)) };
  }
  restore(entry: JournalEntry): void {
    this.edits = { fields: [...entry.fields] };
    if (entry.body !== null) this.replace(entry.body);
  }
  /** The writer types: the body becomes `text`. */
  type(text: string): void {
    this.replace(text);
  }
  private replace(text: string): void {
    if (text === this.body) return;
    this.body = text;
    this.session.edited(text);
  }
}

/** What the page shows. */
class FakeView implements SessionView {
  state: SaveState = "saved";
  notices: (AppError | null)[] = [];
  noticeAction: NoticeAction | undefined;
  infos: (string | null)[] = [];
  conflicts: (Overlap | null)[] = [];
  deletedShown = false;
  openPath: string | null = null;
  shownProblems: (PostProblems | null)[] = [];
  recovering: JournalEntry | null = null;
  listed = new Set<string>([PATH]);

  saveState = (state: SaveState) => void (this.state = state);
  notice = (e: AppError | null, action?: NoticeAction) => {
    this.notices.push(e);
    this.noticeAction = action;
  };
  info = (message: string | null) => void this.infos.push(message);
  conflict = (overlap: Overlap | null) => void this.conflicts.push(overlap);
  deleted = (shown: boolean) => void (this.deletedShown = shown);
  opened = (path: string) => void (this.openPath = path);
  renamed = (_from: string, to: string) => void (this.openPath = to);
  closed = () => void (this.openPath = null);
  reveal = () => {};
  problems = (p: PostProblems | null) => void this.shownProblems.push(p);
  recovery = (entry: JournalEntry | null) => void (this.recovering = entry);
  exists = (path: string) => this.listed.has(path);
  get lastNotice(): AppError | null {
    return this.notices[this.notices.length - 1] ?? null;
  }
}

function setup(body: string) {
  const disk = new FakeDisk(body);
  const buffer = new FakeBuffer();
  const view = new FakeView();
  const commands = {
    openPost: vi.fn(async (_path: string) => disk.doc()),
    savePost: vi.fn((request: SaveRequest) => disk.save(request)),
    externalChange: vi.fn(async (_request: SaveRequest): Promise<ExternalChange> => ({ outcome: "unchanged" })),
    recreatePost: vi.fn(async (request: SaveRequest) => post("copy", request.body ?? "", request.path)),
    journalWrite: vi.fn(async (_entry: JournalEntry) => {}),
    journalClear: vi.fn(async (_path: string) => {}),
    recoveryEntries: vi.fn(async (): Promise<JournalEntry[]> => []),
    recoveryBase: vi.fn(async (_path: string): Promise<PostDocument | null> => null),
    checkPost: vi.fn(async (_request: SaveRequest) => PROBLEMS),
    fixPost: vi.fn(),
    undoFix: vi.fn(),
  } satisfies SessionCommands;
  const session = new PostSession(commands, buffer, view);
  buffer.session = session;
  return { disk, buffer, view, commands, session };
}

const last = <T>(list: T[]): T | undefined => list[list.length - 1];

/** Lets every answer that is due arrive (and timers due now fire). */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("saving", () => {
  it("saves the buffer on its base and is clean after", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    await session.open(PATH);
    buffer.type("One. Two.\n");
    expect(view.state).toBe("unsaved");
    expect(await session.save()).toBe(true);
    expect(commands.savePost).toHaveBeenCalledWith(expect.objectContaining({ baseHash: "h0", body: "One. Two.\n" }));
    expect(disk.body).toBe("One. Two.\n");
    expect(session.doc?.baseHash).toBe(disk.hash);
    expect(view.state).toBe("saved");
  });

  it("tells typing from the saved body by its length, without building the whole text", async () => {
    const { buffer, view, session } = setup("One.\n");
    await session.open(PATH);
    const before = buffer.texts;
    buffer.body = "One. Two.\n";
    session.edited();
    expect(view.state).toBe("unsaved");
    expect(buffer.texts).toBe(before);
    // Same length, other text: only then is the text compared.
    buffer.body = "Two.\n";
    session.edited();
    buffer.body = "One.\n";
    session.edited();
    expect(view.state).toBe("saved");
    expect(buffer.texts).toBeGreaterThan(before);
  });

  it("runs a save asked for during a save after it, on the base it wrote, and loses nothing", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    await session.open(PATH);
    buffer.type("One. Two.\n");
    const release = disk.hold();
    const first = session.save();
    await settle();
    expect(view.state).toBe("saving");
    // Typed while the first save is on its way, then saved again (Ctrl+S during an autosave),
    // twice: the second and third ask for the same one save.
    buffer.type("One. Two. Three.\n");
    expect(view.state).toBe("saving");
    const second = session.save();
    const third = session.save();
    await settle();
    expect(commands.savePost).toHaveBeenCalledTimes(1);

    release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(await third).toBe(true);
    expect(commands.savePost).toHaveBeenCalledTimes(2);
    const [sent1, sent2] = commands.savePost.mock.calls.map(([request]) => request);
    expect(sent1).toMatchObject({ baseHash: "h0", body: "One. Two.\n" });
    expect(sent2).toMatchObject({ baseHash: "h1", body: "One. Two. Three.\n" });
    expect(disk.body).toBe("One. Two. Three.\n");
    expect(session.doc?.baseHash).toBe(disk.hash);
    expect(view.state).toBe("saved");
    // Never mistaken for someone else's change.
    expect(commands.externalChange).not.toHaveBeenCalled();
    expect(view.infos).toEqual([]);
  });

  it("shows that typing during a save is unsaved once the save lands", async () => {
    const { disk, buffer, view, session } = setup("One.\n");
    await session.open(PATH);
    buffer.type("One. Two.\n");
    const release = disk.hold();
    const saving = session.save();
    await settle();
    buffer.type("One. Two. Three.\n");
    release();
    expect(await saving).toBe(true);
    expect(disk.body).toBe("One. Two.\n");
    expect(buffer.body).toBe("One. Two. Three.\n");
    expect(view.state).toBe("unsaved");
  });

  it("gives the save's problems to the panel without another check, unless typed meanwhile", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    await session.open(PATH);
    await settle(); // The check on open.
    commands.checkPost.mockClear();
    view.shownProblems = [];
    const saved: PostProblems = { problems: [], frontMatterLine: 2, bodyLine: 5 };
    disk.problems = saved;
    buffer.type("One. Two.\n");
    await session.save();
    await vi.advanceTimersByTimeAsync(1000);
    expect(view.shownProblems).toEqual([saved]);
    expect(commands.checkPost).not.toHaveBeenCalled();

    // Typed while saving: the save's problems are of the text before, so the buffer is checked.
    buffer.type("One. Two. Three.\n");
    const release = disk.hold();
    const saving = session.save();
    await settle();
    commands.checkPost.mockClear();
    view.shownProblems = [];
    buffer.type("One. Two. Three. Four.\n");
    release();
    await saving;
    await settle();
    expect(commands.checkPost).toHaveBeenCalledTimes(1);
    expect(view.shownProblems).toEqual([PROBLEMS]);
  });
});

describe("a conflict while saving", () => {
  const mine = "One, mine.\n\nTwo.\n";
  const theirs = "One.\n\nTwo, theirs.\n";

  it("merges what fits and saves nothing until asked", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n\nTwo.\n");
    await session.open(PATH);
    buffer.type(mine);
    disk.write(theirs); // Someone else, just before the save.
    commands.externalChange.mockImplementationOnce(async () => ({ outcome: "merged", theirs: disk.doc(), body: "One, mine.\n\nTwo, theirs.\n" }));

    expect(await session.save()).toBe(false);
    expect(commands.externalChange).toHaveBeenCalledWith(expect.objectContaining({ baseHash: "h0", body: mine }));
    expect(disk.body).toBe(theirs);
    expect(buffer.body).toBe("One, mine.\n\nTwo, theirs.\n");
    expect(session.doc?.baseHash).toBe(disk.hash);
    expect(view.state).toBe("unsaved");
    expect(last(view.infos)).toMatch(/merged with yours; nothing is saved yet/);

    expect(await session.save()).toBe(true);
    expect(disk.body).toBe("One, mine.\n\nTwo, theirs.\n");
  });

  it("stops at an overlap: the conflict banner, no save until the writer chooses", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n\nTwo.\n");
    await session.open(PATH);
    buffer.type("One.\n\nTwo, mine.\n");
    disk.write(theirs);
    const overlap: Overlap = { outcome: "overlap", theirs: disk.doc(), fields: [], body: true, diff: "--- disk\n+++ yours\n" };
    commands.externalChange.mockImplementationOnce(async () => overlap);

    expect(await session.save()).toBe(false);
    expect(view.state).toBe("conflict");
    expect(last(view.conflicts)).toBe(overlap);
    expect(buffer.body).toBe("One.\n\nTwo, mine.\n");

    // Neither Ctrl+S nor autosave writes over the disk while the banner is up.
    buffer.type("One.\n\nTwo, mine!\n");
    expect(await session.save()).toBe(false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS * 5);
    expect(commands.savePost).toHaveBeenCalledTimes(1);
    expect(disk.body).toBe(theirs);
    expect(view.state).toBe("conflict");

    // Keep mine: saved on top of the disk's version, as the writer chose.
    await session.keepMine();
    expect(last(view.conflicts)).toBeNull();
    expect(last(commands.savePost.mock.calls)?.[0]).toMatchObject({ baseHash: overlap.theirs.baseHash });
    expect(disk.body).toBe("One.\n\nTwo, mine!\n");
    expect(view.state).toBe("saved");
  });

  it("takes theirs as one change and forgets the journal entry", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n\nTwo.\n");
    await session.open(PATH);
    buffer.type("One.\n\nTwo, mine.\n");
    disk.write(theirs);
    commands.externalChange.mockImplementationOnce(async () => ({ outcome: "overlap", theirs: disk.doc(), fields: [], body: true, diff: "" }));
    await session.save();
    session.takeTheirs();
    expect(buffer.body).toBe(theirs);
    expect(session.doc?.baseHash).toBe(disk.hash);
    expect(view.state).toBe("saved");
    expect(commands.journalClear).toHaveBeenCalledWith(PATH);
  });
});

describe("a refused read-only save", () => {
  it("keeps the buffer and the journal, offers a copy, and autosave waits for the next edit", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    disk.readOnly = true;
    await session.open(PATH);
    buffer.type("One. Two.\n");
    await vi.advanceTimersByTimeAsync(JOURNAL_IDLE_MS);
    expect(commands.journalWrite).toHaveBeenCalledTimes(1);
    expect(commands.journalWrite).toHaveBeenCalledWith(expect.objectContaining({ path: PATH, baseHash: "h0", body: "One. Two.\n" }));

    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS);
    expect(commands.savePost).toHaveBeenCalledTimes(1);
    expect(view.state).toBe("error");
    expect(view.lastNotice?.kind).toBe("readOnly");
    expect(view.noticeAction?.label).toBe("Save a copy");
    expect(buffer.body).toBe("One. Two.\n");
    expect(session.isDirty()).toBe(true);
    expect(commands.journalClear).not.toHaveBeenCalled();
    expect(disk.body).toBe("One.\n");

    // No retry every two seconds for an answer that will not change.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS * 30);
    expect(commands.savePost).toHaveBeenCalledTimes(1);
    expect(view.state).toBe("error");

    // The next edit is journalled and tries again.
    buffer.type("One. Two. Three.\n");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS);
    expect(commands.journalWrite).toHaveBeenCalledTimes(2);
    expect(commands.savePost).toHaveBeenCalledTimes(2);
    expect(view.state).toBe("error");
    expect(commands.journalClear).not.toHaveBeenCalled();
  });

  it("does not let the autosave armed by an edit ask again after Ctrl+S was refused", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    disk.readOnly = true;
    await session.open(PATH);
    buffer.type("One. Two.\n");
    expect(await session.save()).toBe(false);
    expect(view.state).toBe("error");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS * 2);
    expect(commands.savePost).toHaveBeenCalledTimes(1);
    expect(view.state).toBe("error");
  });

  it("saves a copy beside the post under the first free name and goes on with the copy", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    disk.readOnly = true;
    view.listed.add("notes-copy.md");
    await session.open(PATH);
    buffer.type("One. Two.\n");
    await session.save();
    view.noticeAction!.run();
    await settle();
    expect(commands.recreatePost).toHaveBeenCalledTimes(1);
    expect(commands.recreatePost).toHaveBeenCalledWith(expect.objectContaining({ path: "notes-copy-2.md", baseHash: "h0", body: "One. Two.\n" }));
    expect(session.doc?.path).toBe("notes-copy-2.md");
    expect(view.openPath).toBe("notes-copy-2.md");
    expect(view.state).toBe("saved");
    expect(view.lastNotice).toBeNull();
    expect(commands.journalClear).toHaveBeenCalledWith(PATH);
    expect(disk.body).toBe("One.\n");
  });
});

describe("recovery", () => {
  const entry: JournalEntry = { root: "/blog", path: PATH, baseHash: "base", fields: [], body: "Mine.\n\nOne.\n", savedAtMs: 1 };

  function changedSinceTheCrash() {
    const t = setup("One.\n\nTwo (outside).\n");
    t.commands.recoveryEntries.mockResolvedValueOnce([entry]);
    t.commands.recoveryBase.mockResolvedValueOnce(post("base", "One.\n"));
    return t;
  }

  it("puts the buffer back on its own base and reconciles it with the changed file, never saving over it", async () => {
    const { disk, buffer, view, commands, session } = changedSinceTheCrash();
    const merged = "Mine.\n\nOne.\n\nTwo (outside).\n";
    commands.externalChange.mockImplementationOnce(async () => ({ outcome: "merged", theirs: disk.doc(), body: merged }));
    await session.offerRecovery();
    expect(view.recovering).toBe(entry);

    await session.restoreRecovered();
    expect(view.recovering).toBeNull();
    expect(commands.recoveryBase).toHaveBeenCalledWith(PATH);
    // Reconciled as the entry's changes on the entry's base, not pasted over the new text.
    expect(commands.externalChange).toHaveBeenCalledWith(expect.objectContaining({ baseHash: "base", body: entry.body }));
    expect(buffer.body).toBe(merged);
    expect(session.doc?.baseHash).toBe(disk.hash);
    expect(view.state).toBe("unsaved");
    expect(commands.savePost).not.toHaveBeenCalled();
    expect(disk.body).toBe("One.\n\nTwo (outside).\n");
  });

  it("shows an overlap in the conflict banner, and nothing saves over the file", async () => {
    const { disk, buffer, view, commands, session } = changedSinceTheCrash();
    const overlap: Overlap = { outcome: "overlap", theirs: disk.doc(), fields: [], body: true, diff: "" };
    commands.externalChange.mockImplementationOnce(async () => overlap);
    await session.offerRecovery();
    await session.restoreRecovered();
    expect(view.state).toBe("conflict");
    expect(last(view.conflicts)).toBe(overlap);
    expect(buffer.body).toBe(entry.body);
    expect(await session.save()).toBe(false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS * 5);
    expect(commands.savePost).not.toHaveBeenCalled();
    expect(disk.body).toBe("One.\n\nTwo (outside).\n");
  });

  it("puts the changes straight back when the file still holds their base", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    disk.hash = "base";
    commands.recoveryEntries.mockResolvedValueOnce([entry]);
    await session.offerRecovery();
    await session.restoreRecovered();
    expect(commands.recoveryBase).not.toHaveBeenCalled();
    expect(commands.externalChange).not.toHaveBeenCalled();
    expect(buffer.body).toBe(entry.body);
    expect(view.state).toBe("unsaved");
    expect(await session.save()).toBe(true);
    expect(disk.body).toBe(entry.body);
  });

  it("discards an entry with its journal file and offers the next", async () => {
    const { view, commands, session } = setup("One.\n");
    const other = { ...entry, path: "other.md" };
    commands.recoveryEntries.mockResolvedValueOnce([entry, other]);
    await session.offerRecovery();
    session.discardRecovered();
    expect(commands.journalClear).toHaveBeenCalledWith(PATH);
    expect(view.recovering).toBe(other);
  });
});

describe("outside changes", () => {
  const delta = (over: { external?: string[]; removed?: string[] }): LibraryDelta => ({
    seq: 1,
    origin: "disk",
    changedAtMs: 0,
    upserted: [],
    removed: over.removed ?? [],
    renamed: [],
    external: over.external ?? [],
    progress: { done: 1, total: 1, finished: true },
    problems: [],
  });

  it("keeps a dirty post whose file was deleted, and autosave does not recreate it", async () => {
    const { buffer, view, commands, session } = setup("One.\n");
    await session.open(PATH);
    buffer.type("One. Two.\n");
    session.libraryChanged(delta({ removed: [PATH] }));
    expect(view.deletedShown).toBe(true);
    expect(view.state).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_IDLE_MS * 2);
    expect(commands.savePost).not.toHaveBeenCalled();
    await session.recreate();
    expect(commands.recreatePost).toHaveBeenCalledWith(expect.objectContaining({ path: PATH, body: "One. Two.\n" }));
    expect(view.deletedShown).toBe(false);
  });

  it("reloads a clean post silently", async () => {
    const { disk, buffer, view, commands, session } = setup("One.\n");
    await session.open(PATH);
    disk.write("One, outside.\n");
    commands.externalChange.mockImplementationOnce(async () => ({ outcome: "merged", theirs: disk.doc(), body: disk.body }));
    session.libraryChanged(delta({ external: [PATH] }));
    await settle();
    expect(buffer.body).toBe("One, outside.\n");
    expect(view.state).toBe("saved");
    expect(view.infos).toEqual([]);
  });
});
