/** Blocks → Telegram HTML: escaping and splitting, checked with the fake server's HTML parser. */
import { describe, expect, test } from "vitest";
import type { Block } from "../src/render/plan.js";
import { blockHtml, escapeHtml, renderTelegram, TELEGRAM_LIMIT } from "../src/render/telegram-html.js";
import { parseTelegramHtml } from "./fakes/telegram-server.js";

const HOSTILE = 'Ký hiệu <b> & "<unclosed" a < b > c, R&D, &amp; đã thoát, </blockquote> giả';
type Quote = Extract<Block, { kind: "quote" }>;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const quote = (text: string, n = 1): Quote => ({ kind: "quote", n, label: "Khoản 1 Điều 3 — Quy chế <mẫu> & thử", text, clipped: false });

describe("the fake server's HTML check behaves like Telegram's", () => {
  test.each(["<b>x", "a < b", "R&D", "<foo>x</foo>", "<b><i>x</b></i>", "<blockquote><blockquote>x</blockquote></blockquote>", "x</b>", "&nbsp;"])("rejects %s", (html) => {
    expect(() => parseTelegramHtml(html)).toThrow(/can't parse entities/);
  });
  test("accepts allowed tags and entities", () => {
    expect(parseTelegramHtml('<b>a</b> <i>b</i> <blockquote expandable>c &lt;&gt;&amp;&quot;&#39;</blockquote> <a href="https://x">d</a>')).toBe("a b c <>&\"' d");
  });
});

describe("rendering", () => {
  test("escapes document and user text in every kind of block", () => {
    const blocks: Block[] = [
      { kind: "answer", text: HOSTILE, sources: ["điểm a khoản 2 Điều 5 — <Nghị định> & co"] },
      quote(HOSTILE),
      { kind: "warning", text: HOSTILE },
      { kind: "notice", text: HOSTILE },
    ];
    for (const b of blocks) expect(parseTelegramHtml(blockHtml(b))).toContain(HOSTILE);
    expect(escapeHtml("<&>")).toBe("&lt;&amp;&gt;");
  });

  test("a quote shows its citation in bold above a blockquote", () => {
    expect(blockHtml(quote("Nội dung."))).toBe("<b>[1] Khoản 1 Điều 3 — Quy chế &lt;mẫu&gt; &amp; thử</b>\n<blockquote>Nội dung.</blockquote>");
    expect(blockHtml({ ...quote("x"), n: 0 })).toMatch(/^<b>Khoản 1/);
  });

  test("splits only between blocks, never separating a quote from its citation", () => {
    const blocks = Array.from({ length: 12 }, (_, i) => quote(`đoạn ${i} ` + "lời văn & <dấu> ".repeat(60), i + 1));
    const messages = renderTelegram(blocks);
    expect(messages.length).toBeGreaterThan(1);
    const seen: number[] = [];
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      const plain = parseTelegramHtml(m);
      for (const match of plain.matchAll(/\[(\d+)\] Khoản 1 Điều 3 — Quy chế <mẫu> & thử\nđoạn (\d+) /g)) {
        expect(match[1]).toBe(String(Number(match[2]) + 1));
        seen.push(Number(match[2]));
      }
    }
    expect(seen).toEqual([...Array(12).keys()]);
  });

  test("an over-long quote is cut between words; each piece is well-formed and keeps its citation", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `từ${i}&<>`);
    const messages = renderTelegram([quote(words.join(" "))]);
    expect(messages.length).toBeGreaterThan(3);
    const body: string[] = [];
    for (const [i, m] of messages.entries()) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      const plain = parseTelegramHtml(m);
      const [head, ...rest] = plain.split("\n");
      expect(head).toBe(`[1] Khoản 1 Điều 3 — Quy chế <mẫu> & thử${i ? " (tiếp)" : ""}`);
      body.push(rest.join("\n"));
    }
    expect(body.join(" ").split(" ")).toEqual(words);
  });

  test("text without spaces is cut hard, never inside an entity or a surrogate pair", () => {
    for (const text of ["&".repeat(9000), "😀".repeat(5000), "<".repeat(3000) + "x".repeat(6000)]) {
      const messages = renderTelegram([{ kind: "notice", text }, quote(text)]);
      let total = "";
      for (const m of messages) {
        expect(m.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
        expect(m).not.toMatch(LONE_SURROGATE);
        total += parseTelegramHtml(m);
      }
      expect(total.replace(/\[1\].*\n|\s/g, "")).toBe(text.repeat(2));
    }
  });
});
