import { describe, expect, it } from "vitest";
import { commitMessage, titleOf, type MessageFile } from "./commit-message";

const post = (title: string | null, state: MessageFile["state"] = "modified", path = "blog/post.md"): MessageFile => ({ path, state, kind: "post", title });
const image = (state: MessageFile["state"] = "new", path = "public/img/a.png"): MessageFile => ({ path, state, kind: "image", title: null });

describe("commitMessage", () => {
  it("names one post by what happened to it", () => {
    expect(commitMessage([post("Hello world", "new")])).toBe("Add: Hello world");
    expect(commitMessage([post("Hello world", "modified")])).toBe("Update: Hello world");
    expect(commitMessage([post("Hello world", "staged")])).toBe("Update: Hello world");
    expect(commitMessage([post("Hello world", "renamed")])).toBe("Update: Hello world");
    expect(commitMessage([post("Old", "deleted")])).toBe("Remove: Old");
  });

  it("groups several posts by kind: added first, then updated", () => {
    expect(commitMessage([post("C"), post("A", "new"), post("B", "new")])).toBe("Add: A, B; Update: C");
    expect(commitMessage([post("A"), post("B"), post("C")])).toBe("Update: A, B, C");
  });

  it("counts and cuts a kind with more than three titles", () => {
    const five = ["A", "B", "C", "D", "E"].map((t) => post(t));
    expect(commitMessage(five)).toBe("Update 5 posts: A, B, C, …");
    expect(commitMessage([post("N", "new"), ...five])).toBe("Add: N; Update 5 posts: A, B, C, …");
  });

  it("lets images ride along with posts, and names them alone", () => {
    expect(commitMessage([post("A", "new"), image()])).toBe("Add: A");
    expect(commitMessage([image("new"), image("new")])).toBe("Add images");
    expect(commitMessage([image("new"), image("modified")])).toBe("Update images");
    expect(commitMessage([image("modified")])).toBe("Update images");
  });

  it("is empty when nothing is ticked", () => {
    expect(commitMessage([])).toBe("");
  });
});

describe("titleOf", () => {
  it("uses the title on one line, else the file's name", () => {
    expect(titleOf({ path: "a.md", title: "  Two\n lines " })).toBe("Two lines");
    expect(titleOf({ path: "blog/hello-world.md", title: null })).toBe("hello-world");
    expect(titleOf({ path: "blog/hello-world.md", title: "  " })).toBe("hello-world");
    expect(titleOf({ path: ".hidden", title: null })).toBe(".hidden");
  });
});
