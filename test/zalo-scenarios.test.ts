/**
 * The Zalo channel end to end against the fake platform (deleteWebhook answering 404, idle polls
 * held then 408, group messages delivered only on @mention or reply), on the same invented corpus
 * as the Telegram tests, so each scenario is answered as Telegram answers it: in a private chat
 * and in a group, with and without tone marks, follow-ups, "nguyên văn 1", off-topic questions,
 * markup in the question, a 3,000-character paste, stickers and images, /vanban, /help; then 200
 * questions answered in full with no error from the API.
 */
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { texts } from "../src/chat/texts.js";
import { WebhookServer } from "../src/channels/webhooks.js";
import { startZalo } from "../src/channels/zalo/start.js";
import { zaloTexts } from "../src/channels/zalo/texts.js";
import { loadConfig } from "../src/config/env.js";
import { MemoryStore } from "../src/store/memory.js";
import { buildChatCorpus, SAMPLE_QUESTIONS, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeZaloServer, mentionUpdate, messageUpdate, textUpdate, type FakeUpdate, type FakeZaloOptions } from "./fakes/zalo-server.js";
import { freePort } from "./helpers/instances.js";
import { until } from "./helpers/wait.js";

const log = pino({ level: "silent" });
const fast = { baseMs: 1, maxMs: 5 };
const DOC = "Quy chế 01/2099/QC-VƯ";

let corpus: ChatCorpus;
beforeAll(async () => {
  corpus = await buildChatCorpus();
});
afterAll(() => corpus?.cleanup());

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function run(env: Record<string, string> = {}, opts: FakeZaloOptions = {}) {
  const fake = await new FakeZaloServer(opts).start();
  const config = loadConfig({ ZALO_BOT_TOKEN: fake.token, ZALO_API_ROOT: fake.apiRoot, LOG_LEVEL: "silent", ...env });
  const store = new MemoryStore();
  const conversation = new Conversation({ engine: corpus.engine, store, log, config });
  const channel = (await startZalo({ config, conversation, log, store, webhooks: new WebhookServer(0, log) }, { apiBackoff: fast, pollBackoff: fast, setupBackoff: fast, pollMinGapMs: 10 }))!;
  cleanups.push(async () => {
    await channel.stop();
    await fake.stop();
  });
  const sent = (chatId: string) => fake.sent.filter((s) => s.chat_id === chatId).map((s) => s.text);
  let sentinels = 0;
  /**
   * A member's message (tagged in a group) and everything the bot sent to that chat in return:
   * a chat's messages are answered in order, so once the reply to a following unknown command
   * arrives, all replies to the message are in.
   */
  const exchange = async (chatId: string, group: boolean, message: string | FakeUpdate): Promise<string[]> => {
    const before = sent(chatId).length;
    const update = typeof message === "string" ? (group ? mentionUpdate(fake, message, { chatId }) : textUpdate(message, { chatId })) : message;
    expect(fake.push(update)).toBe(true);
    const command = `ping_${++sentinels}`;
    fake.push(group ? mentionUpdate(fake, `/${command}`, { chatId }) : textUpdate(`/${command}`, { chatId }));
    await until(() => sent(chatId).includes(texts.unknownCommand(command)), `the reply to «${String(typeof message === "string" ? message : message.event_name).slice(0, 40)}»`);
    return sent(chatId).slice(before, -1);
  };
  return { fake, sent, exchange, stop: () => channel.stop() };
}

/** Each scenario in a private chat and in a group (by @mention), as Telegram answers it. */
describe.each([
  ["private chat", false],
  ["group, by @mention", true],
])("Zalo scenarios: %s", (_name, group) => {
  let n = 0;
  const chat = () => `${group ? "g" : "p"}-${++n}`;

  it("with or without tone marks, then follow-ups, then 'nguyên văn 1' of a long article", async () => {
    const bot = await run();
    const c = chat();
    expect((await bot.exchange(c, group, "luống xương rồng được tưới mấy lần?")).join("\n")).toContain(`📌 [1] Khoản 2 Điều 4 — ${DOC}\n«Luống xương rồng được tưới một lần mỗi tuần.»`);
    expect((await bot.exchange(c, group, "luong xuong rong tuoi may lan")).join("\n")).toContain(`Khoản 2 Điều 4 — ${DOC}`);
    await bot.exchange(c, group, "điều 3 quy chế vườn ươm");
    expect((await bot.exchange(c, group, "điều tiếp theo"))[0]).toMatch(new RegExp(`^📌 \\[1\\] Điều 4 — ${DOC}`));
    expect((await bot.exchange(c, group, "còn khoản 3 thì sao?"))[0]).toMatch(/^📌 \[1\] Khoản 3 Điều 4 —[^]*trời mưa liên tục/);
    const [answer] = await bot.exchange(c, group, "Điều 6 quy chế vườn ươm");
    expect(answer).toContain(group ? "'@Hỏi Văn Bản nguyên văn 1'" : "'nguyên văn 1'");
    const full = await bot.exchange(c, group, "nguyên văn 1");
    expect(full.length).toBeGreaterThan(1);
    expect(full.every((t) => t.length >= 1 && t.length <= 2000)).toBe(true);
    expect(full[0]).toMatch(new RegExp(`^📌 \\[1\\] Điều 6 — ${DOC}\\n«1\\. Tuần thứ 1,`));
    expect(full.join("\n")).toContain("30. Tuần thứ 30,");
  });

  it("off-topic questions are refused with the engine's reason and no citation", async () => {
    const bot = await run();
    for (const q of ["giá vàng hôm nay bao nhiêu?", "đội nào vô địch bóng đá năm nay"]) {
      const reply = await bot.exchange(chat(), group, q);
      const { reason } = await corpus.engine.ask(q);
      expect(reply).toHaveLength(1);
      expect(reply[0].startsWith(reason!)).toBe(true);
      expect(reply[0]).not.toContain("📌");
    }
  });

  it("markup in the question is read as words; a 3,000-character paste is answered, clipped", async () => {
    const bot = await run();
    const c = chat();
    const markup = await bot.exchange(c, group, "ký hiệu <b> & <unclosed trong sổ vườn");
    expect(markup.join("\n")).toContain("Sổ vườn ghi ký hiệu <b> cho luống bón phân đạm và ký hiệu & cho luống tưới kép.");
    const paste = "Sổ vườn ghi ký hiệu gì? " + "x ".repeat(1488);
    expect(paste.length).toBeGreaterThanOrEqual(3000);
    const reply = await bot.exchange(c, group, paste);
    expect(reply.join("\n")).toContain("Câu hỏi quá dài");
    expect(reply.every((t) => t.length <= 2000)).toBe(true);
  });

  it("stickers and images get a polite Vietnamese reply", async () => {
    const bot = await run();
    const c = chat();
    // In a group a sticker or image reaches the bot only as a reply to it.
    const opts = { chatId: c, group, ...(group ? { replyTo: bot.fake.botId } : {}) };
    expect(await bot.exchange(c, group, messageUpdate("message.sticker.received", { sticker: "0e078a2fb66a5f34067b" }, opts))).toEqual([texts.media("sticker")]);
    expect(await bot.exchange(c, group, messageUpdate("message.image.received", { photo: "https://example.test/a.jpg", caption: "" }, opts))).toEqual([texts.media("photo")]);
  });

  it("/vanban and /help", async () => {
    const bot = await run();
    const c = chat();
    const catalog = (await bot.exchange(c, group, "/vanban")).join("\n");
    expect(catalog).toContain("vận hành vườn ươm <thử nghiệm> & ghi sổ");
    expect(catalog).toContain(texts.notLoaded);
    expect((await bot.exchange(c, group, "/help")).join("\n\n")).toBe(zaloTexts.help("Hỏi Văn Bản").join("\n\n"));
  });
});

describe("Zalo groups", () => {
  it("the name from getMe and from ZALO_BOT_NAME are both recognised and stripped", async () => {
    const shown = await run({}, { botName: "Trợ Lý Pháp Chế", nameInGetMe: true });
    const reply = await shown.exchange("g-a", true, "luống xương rồng được tưới mấy lần?");
    expect(reply[0]).toContain(`Khoản 2 Điều 4 — ${DOC}`);
    expect(reply[0]).toContain("'@Trợ Lý Pháp Chế liên quan'");
    const configured = await run({ ZALO_BOT_NAME: "Sổ Tay Chi Bộ" }, { botName: "Sổ Tay Chi Bộ" });
    expect((await configured.exchange("g-b", true, mentionUpdate(configured.fake, "/vanban", { chatId: "g-b", as: "so tay chi bo" }))).join("\n")).toContain("vận hành vườn ươm");
  });

  it("a name the bot does not know (renamed, no ZALO_BOT_NAME) still gets an answer", async () => {
    const renamed = await run({}, { botName: "Bot Vườn Ươm Xã" });
    const reply = await renamed.exchange("g-c", true, mentionUpdate(renamed.fake, "luống xương rồng được tưới mấy lần?", { chatId: "g-c" }));
    expect(reply[0]).toContain(`Khoản 2 Điều 4 — ${DOC}`);
  });

  it("webhook mode: an unwrapped group event with a mention is answered", async () => {
    const p = await freePort();
    const fake = await new FakeZaloServer().start();
    const config = loadConfig({ ZALO_BOT_TOKEN: fake.token, ZALO_API_ROOT: fake.apiRoot, ZALO_MODE: "webhook", ZALO_WEBHOOK_SECRET: "bi-mat-webhook-123", ZALO_WEBHOOK_URL: `http://127.0.0.1:${p}/zalo/webhook`, WEBHOOK_PORT: String(p) });
    const store = new MemoryStore();
    const webhooks = new WebhookServer(p, log);
    const channel = (await startZalo({ config, store, log, webhooks, conversation: new Conversation({ engine: corpus.engine, store, log, config }) }, { setupBackoff: fast }))!;
    await webhooks.listen("127.0.0.1");
    cleanups.push(async () => {
      await webhooks.close();
      await channel.stop();
      await fake.stop();
    });
    await until(() => fake.webhook !== undefined, "setWebhook");
    expect(await fake.deliver(textUpdate("luống xương rồng tưới mấy lần", { chatId: "g-w", group: true }))).toBe(0); // not delivered
    expect(await fake.deliver(mentionUpdate(fake, "luống xương rồng tưới mấy lần", { chatId: "g-w" }), { wrapped: false })).toBe(200);
    await until(() => fake.sent.some((s) => s.chat_id === "g-w"), "the answer");
    expect(fake.sent[0].text).toContain(`Khoản 2 Điều 4 — ${DOC}`);
  });
});

describe("Zalo under load", () => {
  it("answers 200 questions from 50 users, in private chats and groups, in full and with no API error", { timeout: 120_000 }, async () => {
    const bot = await run();
    const asked = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const user = `u-${i % 50}`;
      const group = i % 4 === 3;
      const chatId = group ? `g-load-${i % 5}` : user;
      const q = SAMPLE_QUESTIONS[i % SAMPLE_QUESTIONS.length];
      bot.fake.push(group ? mentionUpdate(bot.fake, q, { chatId, userId: user }) : textUpdate(q, { chatId, userId: user }));
      asked.set(chatId, (asked.get(chatId) ?? 0) + 1);
    }
    // Each of these questions is answered in one message (see SAMPLE_QUESTIONS).
    await until(() => [...asked].every(([chatId, n]) => bot.sent(chatId).length >= n), "200 answers", 100_000);
    expect(bot.fake.sent).toHaveLength(200);
    expect(bot.fake.sent.every((s) => s.text.length <= 2000 && !s.text.startsWith(texts.error))).toBe(true);
    expect(bot.fake.sent.filter((s) => s.text.includes("📌")).length).toBeGreaterThan(150);
    // The only error is the documented "no webhook" of start-up.
    expect(bot.fake.errors).toEqual([{ method: "deleteWebhook", status: 404, description: "Webhook not found" }]);
  });
});

describe("Zalo monthly quota", () => {
  it("stops sending at ZALO_MONTHLY_MESSAGES, never half a reply", async () => {
    const bot = await run({ ZALO_MONTHLY_MESSAGES: "3" });
    bot.fake.push(textUpdate("luống xương rồng được tưới mấy lần?", { chatId: "q1" }));
    await until(() => bot.sent("q1").length === 1, "the first answer");
    // "nguyên văn 1" of Điều 6 needs two messages: with one left, the reply is not started.
    bot.fake.push(textUpdate("Điều 6 quy chế vườn ươm", { chatId: "q1" }));
    await until(() => bot.sent("q1").length === 2, "the second answer");
    bot.fake.push(textUpdate("nguyên văn 1", { chatId: "q1" }));
    bot.fake.push(textUpdate("/start", { chatId: "q2" }));
    await until(() => bot.sent("q2").length === 1, "the last message of the month");
    await bot.stop(); // waits for every queued reply
    expect(bot.fake.sent).toHaveLength(3);
    expect(bot.sent("q1").some((t) => t.includes("Tuần thứ 30"))).toBe(false);
  });
});
