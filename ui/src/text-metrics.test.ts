import { describe, expect, it } from "vitest";
import { countAsciiWords, countText, formatCount, readingMinutes, TextCounter } from "./text-metrics";

describe("countText", () => {
  it("counts English words, not Markdown syntax", () => {
    expect(countText("One two  three.\n\nFour")).toEqual({ words: 4, cjk: 0 });
    expect(countText("## Heading - with * bullets\n> quoted | cell |")).toEqual({ words: 5, cjk: 0 });
    expect(countText("café naïve 2024")).toEqual({ words: 3, cjk: 0 });
    expect(countText("Don't stop: 3.14 is pi, e.g. snake_case")).toEqual({ words: 7, cjk: 0 });
  });

  it("counts each Chinese character, not the sentence as one word", () => {
    const sentence = "我们今天在公园里散步的时候看到了很多美丽的花朵还有一些正在唱歌的小鸟真是非常开心";
    expect([...sentence].length).toBe(40);
    expect(countText(sentence)).toEqual({ words: 0, cjk: 40 });
    expect(countText(`# 标题\n\n${sentence}。`)).toEqual({ words: 0, cjk: 42 });
  });

  it("counts Japanese kana and kanji as characters and an English word in it as a word", () => {
    // 私(1) は(1) JavaScript が(1) 大好き(3) です(2): 8 characters and 1 word.
    expect(countText("私はJavaScriptが大好きです。")).toEqual({ words: 1, cjk: 8 });
    // カタカナ counts its 4 characters.
    expect(countText("カタカナとひらがな")).toEqual({ words: 0, cjk: 9 });
    // The long-vowel and iteration marks are characters too (as the backend counts them), the
    // middle dot is punctuation.
    expect(countText("コーヒー")).toEqual({ words: 0, cjk: 4 });
    expect(countText("時々ジョン・スミス")).toEqual({ words: 0, cjk: 8 });
    expect(countText("GPT模型")).toEqual({ words: 1, cjk: 2 });
  });

  it("counts Korean by words, as it is spaced", () => {
    expect(countText("안녕하세요 세계, 한국어를 배웁니다.")).toEqual({ words: 4, cjk: 0 });
  });

  it("counts mixed text both ways", () => {
    expect(countText("Tokyo は東京 (2024年) and Seoul 서울.")).toEqual({ words: 5, cjk: 4 });
  });

  it("counts nothing in empty or syntax-only text", () => {
    expect(countText("")).toEqual({ words: 0, cjk: 0 });
    expect(countText("\n\n---\n* * *\n___\n——")).toEqual({ words: 0, cjk: 0 });
  });

  it("gives the counts of asking each segment of the whole text", () => {
    const text = [
      "第一行的文字\nSecond line here.\r\n第三行 with words",
      "## 見出し\n\n東京タワーは333メートルです。コーヒーを飲みながら、Tauriのdocsを読みました。",
      "- 項目「ひらがな」とカタカナ、漢字2024年、ABCと全角ＡＢＣ\n> 引用：iPhone 15 Pro",
      "Καλημέρα κόσμε · Привет, мир · مرحبا بالعالم · שלום עולם · 안녕 세계 · สวัสดีชาวโลก",
      "中文，English，中文。“Quoted” text—with dashes… and café’s 1,000.50 items",
    ].join("\n\n");
    const seg = new (Intl as unknown as { Segmenter: new (l: undefined, o: object) => { segment(s: string): Iterable<{ segment: string; isWordLike?: boolean }> } }).Segmenter(undefined, { granularity: "word" });
    // The rule as the backend has it: each word-like segment is a word, or its CJK characters
    // (and a word if it also holds another letter or digit).
    const expected = { words: 0, cjk: 0 };
    const cjk = /(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]/gu;
    for (const s of seg.segment(text)) {
      if (!s.isWordLike || !/[\p{L}\p{N}]/u.test(s.segment)) continue;
      const n = s.segment.match(cjk)?.length ?? 0;
      if (n === 0) expected.words++;
      else {
        expected.cjk += n;
        if (/[\p{L}\p{N}]/u.test(s.segment.replace(cjk, ""))) expected.words++;
      }
    }
    expect(expected.cjk).toBeGreaterThan(50);
    expect(countText(text)).toEqual(expected);
  });
});

describe("countAsciiWords", () => {
  it("agrees with Intl.Segmenter's word-like segments holding a letter or digit, on random ASCII", () => {
    const seg = new (Intl as unknown as { Segmenter: new (l: undefined, o: object) => { segment(s: string): Iterable<{ segment: string; isWordLike?: boolean }> } }).Segmenter(undefined, { granularity: "word" });
    const alphabet = "aZq09_:.',;\"-@#*` \t\r/()[]!?";
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let t = 0; t < 5000; t++) {
      let s = "";
      const len = 1 + Math.floor(random() * 12);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      let expected = 0;
      for (const x of seg.segment(s)) if (x.isWordLike && /[A-Za-z0-9]/.test(x.segment)) expected++;
      expect(countAsciiWords(s), JSON.stringify(s)).toBe(expected);
    }
  });
});

describe("TextCounter", () => {
  it("gives the same counts as countText across edits", () => {
    const counter = new TextCounter();
    const texts = ["", "日本語の文章です。\nEnglish words.", "日本語の文章です。\nEnglish words, more.\n中文", "中文\n中文\n"];
    for (const t of texts) expect(counter.count(t)).toEqual(countText(t));
    counter.reset();
    expect(counter.count(texts[2])).toEqual(countText(texts[2]));
  });
});

describe("readingMinutes", () => {
  it("reads 230 words and 500 characters a minute, at least one", () => {
    expect(readingMinutes({ words: 0, cjk: 0 })).toBe(1);
    expect(readingMinutes({ words: 2300, cjk: 0 })).toBe(10);
    expect(readingMinutes({ words: 0, cjk: 5000 })).toBe(10);
    expect(readingMinutes({ words: 230, cjk: 500 })).toBe(2);
  });
});

describe("formatCount", () => {
  it("shows words, characters or both", () => {
    expect(formatCount({ words: 1234, cjk: 0 })).toBe("1,234 words · 5 min read");
    expect(formatCount({ words: 1, cjk: 0 })).toBe("1 word · 1 min read");
    expect(formatCount({ words: 0, cjk: 0 })).toBe("0 words · 1 min read");
    expect(formatCount({ words: 12, cjk: 3475 })).toBe("3,475 characters · 7 min read");
    expect(formatCount({ words: 120, cjk: 800 })).toBe("120 words · 800 characters · 2 min read");
    // A few Han characters in an English post: words only.
    expect(formatCount({ words: 1000, cjk: 20 })).toBe("1,000 words · 4 min read");
  });
});
