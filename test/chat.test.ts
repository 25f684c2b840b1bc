/** The channel-agnostic conversation layer over a real engine (no platform involved). */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { decodeAction, encodeAction } from "../src/chat/actions.js";
import { parseCommand } from "../src/chat/commands.js";
import { Conversation } from "../src/chat/conversation.js";
import { texts } from "../src/chat/texts.js";
import type { Action, ChatConfig, Incoming, Reply } from "../src/chat/types.js";
import { loadConfig } from "../src/config/env.js";
import { renderText } from "../src/render/text.js";
import { MemoryStore } from "../src/store/memory.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { Store } from "../src/store/store.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { captureLogger } from "./fakes/telegram-bot.js";

let corpus: ChatCorpus;
beforeAll(async () => {
  corpus = await buildChatCorpus();
});
afterAll(() => corpus?.cleanup());
afterEach(() => {
  vi.useRealTimers();
});

function setup(env: Record<string, string> = {}, store: Store = new MemoryStore()) {
  const config: ChatConfig = loadConfig(env);
  const { log, logs } = captureLogger();
  return { conv: new Conversation({ engine: corpus.engine, store, log, config }), logs, store };
}

const msg = (text: string, o: Partial<Incoming> = {}): Incoming => ({ channel: "test", chatId: "c1", userId: "u1", chatType: "private", text, addressed: true, ...o });
const text = (replies: Reply[]) => replies.map((r) => renderText(r.blocks)).join("\n\n");

describe("commands", () => {
  test("/start greets in Vietnamese and names the loaded documents only", async () => {
    const { conv } = setup();
    const out = text(await conv.handle(msg("/start")));
    expect(out).toContain("Xin chào");
    expect(out).toContain("Hướng dẫn sử dụng trợ lý Hỏi Văn Bản");
    expect(out).toContain("Quy chế 01/2099/QC-VƯ");
    expect(out).not.toContain("Nghị định 73");
  });

  test("/vanban lists number, title, date and status, including not loaded and superseded", async () => {
    const { conv } = setup();
    const out = text(await conv.handle(msg("/vanban")));
    expect(out).toMatch(/Nghị định 73\/2023\/NĐ-CP quy định về khuyến khích.*\(29\/09\/2023\) — chưa nạp; còn hiệu lực\./);
    expect(out).toMatch(/Quy định 124-QĐ\/TW .*chưa nạp; đã được thay thế bởi Quy định 366-QĐ\/TW \(30\.08\.2025\)/);
    expect(out).toContain("Quy chế 01/2099/QC-VƯ vận hành vườn ươm <thử nghiệm> & ghi sổ (văn bản mẫu hư cấu) (02/01/2099) — còn hiệu lực.");
    expect(out).toContain("Danh mục văn bản (6)");
  });

  test("/help, /hoi with and without a question, /hoi@bot, unknown commands", async () => {
    const { conv } = setup();
    expect(text(await conv.handle(msg("/help")))).toContain("còn khoản 3 thì sao?");
    expect(text(await conv.handle(msg("/hoi")))).toBe(texts.askUsage);
    const [answer] = await conv.handle(msg("/hoi@HoiVanBanBot điều 4 quy chế vườn ươm"));
    expect(answer.result?.citations[0].unitId).toBe("dieu-4");
    expect(text(await conv.handle(msg("/xoa")))).toBe(texts.unknownCommand("xoa"));
  });

  test("parseCommand", () => {
    expect(parseCommand("/hoi@bot  điều 5\nnd73")).toEqual({ name: "hoi", args: "điều 5\nnd73" });
    expect(parseCommand("/VanBan")).toEqual({ name: "vanban", args: "" });
    expect(parseCommand("điều 5 /hoi")).toBeUndefined();
  });
});

describe("questions", () => {
  test("an answer carries the engine result, blocks and actions", async () => {
    const { conv } = setup();
    const [r] = await conv.handle(msg("Điều 6 quy chế vườn ươm"));
    expect(r.result?.status).toBe("unit");
    expect(r.blocks.some((b) => b.kind === "quote")).toBe(true);
    const kinds = r.actions.map((a) => a.kind);
    // The quote of Điều 6 is clipped, so its full text is offered; no related passages for a lookup.
    expect(kinds).toEqual(["full", "feedback", "feedback"]);
  });

  test("groups: silence unless addressed", async () => {
    const { conv } = setup();
    expect(await conv.handle(msg("điều 4 quy chế vườn ươm", { chatType: "group", addressed: false }))).toEqual([]);
    expect(await conv.handle(msg("điều 4 quy chế vườn ươm", { chatType: "group", addressed: true }))).toHaveLength(1);
  });

  test("odd input: emoji, empty, tone-less, very short, 5,000 characters, media", async () => {
    const { conv } = setup({ ADMIN_IDS: "admin" });
    expect(text(await conv.handle(msg("😀🙏👍")))).toBe(texts.noText);
    expect(text(await conv.handle(msg("   ")))).toBe(texts.noText);
    const [toneless] = await conv.handle(msg("luong xuong rong tuoi may lan"));
    expect(toneless.result?.citations[0].unitId).toBe("dieu-4/khoan-2");
    const [short] = await conv.handle(msg("nd73?"));
    expect(text([short])).toContain("chưa được nạp");
    const [paste] = await conv.handle(msg("vườn ươm ".repeat(600)));
    expect(paste.result?.warnings.map((w) => w.code)).toContain("question_truncated");
    expect(text(await conv.handle(msg("", { media: "sticker" })))).toBe(texts.media("sticker"));
    expect(text(await conv.handle(msg("", { media: "document" })))).toBe(texts.media("document"));
    expect(text(await conv.handle(msg("", { media: "document", userId: "admin" })))).toBe(texts.adminUpload);
  });

  test("per-user rate limit: one polite message, then silence; others unaffected", async () => {
    const { conv } = setup({ RATE_LIMIT_PER_MINUTE: "2" });
    await conv.handle(msg("điều 1 quy chế vườn ươm"));
    await conv.handle(msg("điều 2 quy chế vườn ươm"));
    expect(text(await conv.handle(msg("điều 3 quy chế vườn ươm")))).toBe(texts.rateLimited(2));
    expect(await conv.handle(msg("điều 4 quy chế vườn ươm"))).toEqual([]);
    expect(await conv.handle(msg("điều 4 quy chế vườn ươm", { userId: "u2" }))).toHaveLength(1);
  });

  test("restricted access lets only allowed chats and admins in", async () => {
    const { conv } = setup({ ACCESS_MODE: "restricted", ALLOWED_CHATS: "c9", ADMIN_IDS: "boss" });
    expect(text(await conv.handle(msg("điều 1 quy chế vườn ươm")))).toBe(texts.restricted);
    expect((await conv.handle(msg("điều 1 quy chế vườn ươm", { chatId: "c9" })))[0].result).toBeDefined();
    expect((await conv.handle(msg("điều 1 quy chế vườn ươm", { userId: "boss" })))[0].result).toBeDefined();
    // Buttons and inline lookups are held to the same rule.
    expect(await conv.act(msg(""), { kind: "related", answerId: "abc" })).toEqual({ replies: [], toast: texts.restricted });
    expect(await conv.lookup(msg(""), "điều 1 quy chế vườn ươm")).toEqual([]);
    expect((await conv.lookup(msg("", { userId: "boss" }), "điều 1 quy chế vườn ươm")).length).toBeGreaterThan(0);
  });
});

describe("follow-ups", () => {
  test("refer to the chat's last answer, per chat, until the context expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { conv } = setup({ CONTEXT_TTL_MINUTES: "30" });
    await conv.handle(msg("điều 3 quy chế vườn ươm"));
    const [next] = await conv.handle(msg("điều tiếp theo"));
    expect(next.result?.citations[0].unitId).toBe("dieu-4");
    const [k2] = await conv.handle(msg("còn khoản 2 thì sao?"));
    expect(k2.result?.citations[0].unitId).toBe("dieu-4/khoan-2");
    const [more] = await conv.handle(msg("nói rõ hơn"));
    expect(more.result?.citations[0].unitId).toBe("dieu-4"); // the whole article around the clause
    // Another chat has its own (empty) context.
    const [other] = await conv.handle(msg("điều tiếp theo", { chatId: "c2" }));
    expect(other.result?.citations[0]?.unitId).not.toBe("dieu-4/khoan-3");
    vi.setSystemTime(Date.now() + 31 * 60_000);
    const [late] = await conv.handle(msg("điều tiếp theo"));
    expect(late.result?.citations[0]?.unitId).not.toBe("dieu-4/khoan-3");
  });
});

describe("follow-ups with an LLM rewriter", () => {
  test("hand the engine the chat's previous question", async () => {
    const seen: Array<string | undefined> = [];
    const engine = corpus.engine;
    // The real engine, observed: what the conversation passes is what a rewriter would get.
    const observed = {
      ask: (q: string, o?: Parameters<typeof engine.ask>[1]) => (seen.push(o?.previousQuestion), engine.ask(q, o)),
      catalog: () => engine.catalog(),
      unitText: (d: string, u: number) => engine.unitText(d, u),
    };
    const { log } = captureLogger();
    const conv = new Conversation({ engine: observed, store: new MemoryStore(), log, config: loadConfig({}) });
    await conv.handle(msg("điều 3 quy chế vườn ươm"));
    await conv.handle(msg("còn khoản 2 thì sao?"));
    expect(seen).toEqual([undefined, "điều 3 quy chế vườn ươm"]);
  });
});

describe("actions", () => {
  test("full text, related passages, one vote per user with a tally, expired answers", async () => {
    const { conv, store } = setup();
    const origin = msg("");
    const [lookup] = await conv.handle(msg("Điều 6 quy chế vườn ươm"));
    const full = lookup.actions.find((a) => a.kind === "full")!;
    const { replies } = await conv.act(origin, full);
    const quote = replies[0].blocks[0];
    expect(quote.kind === "quote" && quote.text.length).toBeGreaterThan(5000);
    expect(quote.kind === "quote" && quote.clipped).toBe(false);

    const [answer] = await conv.handle(msg("luống xương rồng tưới mấy lần"));
    const related = answer.actions.find((a) => a.kind === "related")!;
    const rel = await conv.act(origin, related);
    expect(renderText(rel.replies[0].blocks)).toContain(texts.relatedTitle);

    const up: Action = { kind: "feedback", answerId: related.answerId, value: "up" };
    expect(await conv.act(origin, up)).toEqual({ replies: [], toast: texts.feedbackThanks, votes: { up: 1, down: 0 } });
    expect(await conv.act(origin, up)).toEqual({ replies: [], toast: texts.feedbackAgain });
    expect((await conv.act({ ...origin, userId: "u2" }, { ...up, value: "down" })).votes).toEqual({ up: 1, down: 1 });
    const feedback = await store.recent<{ value: string; status: string; question?: string }>("feedback", 10);
    expect(feedback.map((f) => f.value)).toEqual(["down", "up"]);
    expect(feedback[0].status).toBe("answer");
    expect(feedback[0].question).toBeUndefined();

    expect(await conv.act(origin, { kind: "related", answerId: "zzzz" })).toEqual({ replies: [{ blocks: [{ kind: "notice", text: texts.expired }], actions: [] }] });
  });

  test("encoded actions fit Telegram's callback_data (64 bytes) and round-trip; anything else decodes to nothing", () => {
    const actions: Action[] = [
      { kind: "full", answerId: "abcdefghij12", n: 3 },
      { kind: "related", answerId: "abcdefghij12" },
      { kind: "feedback", answerId: "abcdefghij12", value: "down" },
    ];
    for (const a of actions) {
      expect(Buffer.byteLength(encodeAction(a))).toBeLessThanOrEqual(64);
      expect(decodeAction(encodeAction(a))).toEqual(a);
    }
    for (const bad of ["", "f:abc", "x:abc:1", "f:ABC:1", "v:abc:x", "r:abc:1"]) expect(decodeAction(bad)).toBeUndefined();
  });
});

describe("logs", () => {
  test("one log line per question, no text unless LOG_QUESTIONS; question log in the store", async () => {
    for (const on of [false, true]) {
      const { conv, logs, store } = setup({ LOG_QUESTIONS: on ? "1" : "0" }, new SqliteStore(":memory:"));
      await conv.handle(msg("điều 5 quy chế vườn ươm", { chatType: "group" }));
      await conv.handle(msg("nd73?"));
      await conv.handle(msg("/vanban"));
      const lines = logs.filter((l) => l.msg === "question");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ channel: "test", chatType: "group", status: "unit", citations: 1, notFound: false });
      expect(lines[1]).toMatchObject({ chatType: "private", status: "not_found", citations: 0, notFound: true });
      expect(typeof lines[0].ms).toBe("number");
      const stored = await store.recent<{ text?: string; status: string }>("questions", 10);
      expect(stored.map((s) => s.status)).toEqual(["not_found", "unit"]);
      if (on) {
        expect(lines[0].text).toBe("điều 5 quy chế vườn ươm");
        expect(stored[1].text).toBe("điều 5 quy chế vườn ươm");
      } else {
        expect(JSON.stringify(logs)).not.toContain("vườn ươm");
        expect(stored[1].text).toBeUndefined();
      }
      await store.close();
    }
  });
});
