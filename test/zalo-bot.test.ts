/**
 * The Zalo channel end to end: the real engine (a temp index of the user guide and an invented
 * legal-style document), the shared conversation layer, and the channel running against the fake
 * Zalo Bot API, in polling and in webhook mode — plus Telegram beside it in one process.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { texts } from "../src/chat/texts.js";
import { loadConfig, type Config } from "../src/config/env.js";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import type { ChannelDeps } from "../src/channels/start.js";
import { startTelegram } from "../src/channels/telegram/start.js";
import { WebhookServer } from "../src/channels/webhooks.js";
import { startZalo, type ZaloTuning } from "../src/channels/zalo/start.js";
import { zaloTexts } from "../src/channels/zalo/texts.js";
import { MemoryStore } from "../src/store/memory.js";
import { FakeTelegram } from "./fakes/telegram-server.js";
import { FakeZaloServer, mentionUpdate, messageUpdate, textUpdate } from "./fakes/zalo-server.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { until as waitUntil } from "./helpers/wait.js";
import { freePort } from "./helpers/instances.js";

/** An invented decree, in the layout of Vietnamese legal documents; no real text is imitated. */
const RECORD_ITEMS = Array.from(
  { length: 6 },
  (_, i) =>
    `${i + 1}. Ghi chép lần ${i + 1}: người chăm sóc ghi vào sổ số lượng cây giống còn sống, chiều cao trung bình của từng luống, tình trạng lá và rễ, độ ẩm của đất, loại phân bón đã dùng, lượng nước đã tưới và thời tiết trong ngày; ` +
    `trường hợp phát hiện sâu bệnh thì ghi rõ luống bị ảnh hưởng, số cây bị hại, biện pháp đã áp dụng và người thực hiện, rồi báo cho tổ trưởng tổ dân phố mẫu trong ngày để cùng theo dõi ở lần ghi chép kế tiếp.`,
);
const FIXTURE = `CHÍNH PHỦ MẪU
Số: 999/2099/NĐ-MAU
Thành phố Giả Định, ngày 01 tháng 01 năm 2099

NGHỊ ĐỊNH
về quản lý vườn ươm cây xanh trong khu dân cư mẫu

Văn bản này là tài liệu giả lập dùng để kiểm thử kênh Zalo, không phải văn bản thật.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc lập, chăm sóc và bàn giao vườn ươm cây xanh trong khu dân cư mẫu.

Điều 2. Đối tượng áp dụng
1. Tổ dân phố mẫu có vườn ươm cây xanh.
2. Người tình nguyện chăm sóc vườn ươm.

Chương II
CHĂM SÓC VƯỜN ƯƠM

Điều 3. Tưới nước cho cây giống
1. Cây giống trong vườn ươm được tưới nước hai lần mỗi ngày vào sáng sớm và chiều muộn.
2. Khi trời mưa to, người chăm sóc tạm dừng tưới và kiểm tra rãnh thoát nước của vườn ươm.

Điều 4. Sổ theo dõi vườn ươm
${RECORD_ITEMS.join("\n")}

Điều 5. Hiệu lực thi hành
Nghị định này có hiệu lực từ ngày ký ban hành.
`;

const DECREE = "Nghị định 999/2099/NĐ-MAU";
const WATERING = "cây giống được tưới nước mấy lần mỗi ngày?";
const log = pino({ level: "silent" });
const fast = { baseMs: 1, maxMs: 5 };
const tuning: ZaloTuning = { apiBackoff: fast, pollBackoff: fast, setupBackoff: fast, pollMinGapMs: 10 };

let tmp: string;
let engine: Engine;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), "hvb-zalo-"));
  const corpus = path.join(tmp, "corpus");
  mkdirSync(corpus);
  for (const f of ["huong-dan-su-dung.md", "manifest.json"]) copyFileSync(path.join(REPO_ROOT, "corpus", f), path.join(corpus, f));
  writeFileSync(path.join(corpus, "vuon-uom-mau.txt"), FIXTURE);
  const result = await ingest({ from: corpus, indexDir: path.join(tmp, "index"), embedder: null });
  expect(result.reports.every((r) => r.status === "ok")).toBe(true);
  engine = Engine.open({ indexDir: path.join(tmp, "index") });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Waits for what the channel brings about (no timing is asserted). */
const until = (cond: () => boolean, what: string, ms = 10_000) => waitUntil(cond, what, ms);


interface Running {
  fake: FakeZaloServer;
  deps: ChannelDeps;
  /** Texts sent to a chat so far. */
  sent(chatId: string): string[];
  /**
   * Sends a user's message and waits for a reply (one containing `waitFor` when given, for replies
   * of several messages); returns what was sent to that chat since.
   */
  say(text: string, opts?: { chatId?: string; group?: boolean }, waitFor?: string): Promise<string[]>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function run(env: Record<string, string> = {}, fake?: FakeZaloServer): Promise<Running> {
  const zalo = fake ?? (await new FakeZaloServer().start());
  const config: Config = loadConfig({ ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.apiRoot, LOG_LEVEL: "silent", ...env });
  const store = new MemoryStore();
  const webhooks = new WebhookServer(config.WEBHOOK_PORT, log);
  const deps: ChannelDeps = { engine, config, store, log, conversation: new Conversation({ engine, store, log, config }), webhooks };
  const channel = (await startZalo(deps, tuning))!;
  await webhooks.listen("127.0.0.1");
  cleanups.push(async () => {
    await webhooks.close();
    await channel.stop();
    await zalo.stop();
  });
  const sent = (chatId: string) => zalo.sent.filter((s) => s.chat_id === chatId).map((s) => s.text);
  const say = async (text: string, opts: { chatId?: string; group?: boolean } = {}, waitFor?: string) => {
    const chatId = opts.chatId ?? "chat-1";
    const before = sent(chatId).length;
    const update = textUpdate(text, { chatId, group: opts.group });
    if (config.ZALO_MODE === "webhook") expect(await zalo.deliver(update)).toBe(200);
    else zalo.push(update);
    await until(() => sent(chatId).slice(before).some((t) => waitFor === undefined || t.includes(waitFor)), `a reply to «${text}»`);
    return sent(chatId).slice(before);
  };
  return { fake: zalo, deps, sent, say };
}

describe("Zalo channel, long polling", () => {
  it("removes any webhook (a 404 'none' counts as removed), then answers with its citation after 'typing'", async () => {
    const bot = await run();
    const [answer] = await bot.say(WATERING);
    const methods = bot.fake.calls.map((c) => c.method);
    expect(methods.slice(0, 3)).toEqual(["getMe", "deleteWebhook", "getUpdates"]);
    expect(bot.fake.callsOf("deleteWebhook")).toHaveLength(1); // answered 404 once, not retried
    expect(methods.indexOf("sendChatAction")).toBeLessThan(methods.indexOf("sendMessage"));
    expect(answer).toContain(`📌 [1] Khoản 1 Điều 3 — ${DECREE}\n«Cây giống trong vườn ươm được tưới nước hai lần mỗi ngày`);
    expect(answer).toContain("👉 Gõ 'liên quan' để xem văn bản liên quan.");
    const [related] = await bot.say("liên quan");
    expect(related).toContain(texts.relatedTitle);
    expect(related).toMatch(/📌 \[1\] /);
  });

  it("'nguyên văn 1' sends the full unit, split under 2000 characters between lines", async () => {
    const bot = await run();
    const [answer] = await bot.say(`Điều 4 ${DECREE}`);
    expect(answer).toContain(`📌 [1] Điều 4 — ${DECREE}`);
    expect(answer).toContain("👉 Gõ 'nguyên văn 1' để xem toàn văn đoạn 1.");
    bot.fake.push(textUpdate("Nguyên văn 1", { chatId: "chat-1" }));
    await until(() => bot.sent("chat-1").some((t) => t.includes(RECORD_ITEMS[5])), "the end of the article");
    const sent = bot.sent("chat-1").slice(1);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((t) => t.length <= 2000)).toBe(true);
    expect(sent[0].startsWith(`📌 [1] Điều 4 — ${DECREE}\n«1. Ghi chép lần 1`)).toBe(true);
    // Every item of the article arrives whole, in one message, in order.
    const joined = sent.join("\n");
    for (const item of RECORD_ITEMS) expect(sent.some((t) => t.includes(item))).toBe(true);
    expect(joined.indexOf(RECORD_ITEMS[0])).toBeLessThan(joined.indexOf(RECORD_ITEMS[5]));
  });

  it("follow-up questions use the chat's context; a long answer is split under 2000 characters", async () => {
    const bot = await run();
    await bot.say(`Điều 3 ${DECREE}`);
    const [next] = await bot.say("điều tiếp theo");
    expect(next).toContain(`📌 [1] Điều 4 — ${DECREE}`);
    // "nói rõ hơn" quotes much more of the article than an answer does: several messages.
    const before = bot.sent("chat-1").length;
    await bot.say("nói rõ hơn", {}, RECORD_ITEMS[5].slice(0, 40));
    const longer = bot.sent("chat-1").slice(before);
    expect(longer.length).toBeGreaterThan(1);
    expect(longer.every((t) => t.length <= 2000)).toBe(true);
    expect(longer[0].startsWith(`📌 [1] Điều 4 — ${DECREE}`)).toBe(true);
  });

  it("'nguyên văn 1' before any answer explains what to do", async () => {
    const bot = await run();
    expect(await bot.say("nguyên văn 1")).toEqual([zaloTexts.noAnswerYet]);
  });

  it("/start, /help and /vanban", async () => {
    const bot = await run();
    expect((await bot.say("/start")).join("\n")).toContain("Xin chào!");
    const help = (await bot.say("/help", {}, "Các lệnh gõ")).join("\n");
    // Zalo's own help: typed commands, @tên in groups; not the shared one's buttons and /hoi.
    expect(help).toContain(zaloTexts.help("Hỏi Văn Bản").join("\n\n"));
    expect(help).toContain("gọi bot bằng @tên");
    for (const line of texts.help.filter((l) => /nút|Trong nhóm/.test(l))) expect(help).not.toContain(line);
    const catalog = (await bot.say("/vanban", {}, DECREE)).join("\n");
    expect(catalog).toContain(DECREE);
    expect(catalog).toContain("Nghị định 73/2023/NĐ-CP");
    expect(catalog).toContain(texts.notLoaded);
  });

  it("answers stickers and images politely, ignores bots and events without a chat", async () => {
    const bot = await run();
    bot.fake.push(messageUpdate("message.sticker.received", { sticker: "abc" }));
    bot.fake.push(messageUpdate("message.image.received", { photo_url: "https://example.test/a.jpg", caption: "" }));
    bot.fake.push({ event_name: "message.unsupported.received" });
    bot.fake.push(messageUpdate("message.unsupported.received", {}));
    bot.fake.push({ ...textUpdate("tôi là bot khác"), message: { ...textUpdate("x").message, from: { id: "b", is_bot: true } } });
    await until(() => bot.sent("u-1").length >= 3, "three polite replies");
    // A later question in the same chat is answered after them, so nothing else was sent before it.
    await bot.say(WATERING, { chatId: "u-1" });
    const sent = bot.sent("u-1");
    expect(sent.slice(0, 3)).toEqual([texts.media("sticker"), texts.media("photo"), texts.media("other")]);
    expect(sent).toHaveLength(4);
    expect(bot.fake.sent.filter((s) => s.chat_id !== "u-1")).toHaveLength(0);
  });

  it("in a group, answers an @mention (stripped from the question) and replies to the bot; the platform delivers nothing else", async () => {
    const bot = await run();
    const group = { chatId: "g-1", group: true };
    // Not delivered by the platform: no mention, no reply — even a command.
    expect(bot.fake.push(textUpdate(WATERING, group))).toBe(false);
    expect(bot.fake.push(textUpdate(`/hoi ${WATERING}`, group))).toBe(false);
    bot.fake.push(mentionUpdate(bot.fake, WATERING, group));
    await until(() => bot.sent("g-1").length === 1, "the answer to the mention");
    const [answer] = bot.sent("g-1");
    expect(answer).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
    // Hints tag the bot, or the platform would not pass the typed command on.
    expect(answer).toContain("'@Hỏi Văn Bản liên quan'");
    // Tagged without accents, in capitals; then a reply to the bot without a tag.
    bot.fake.push(mentionUpdate(bot.fake, "nguyên văn 1", { ...group, as: "HOI VAN BAN" }));
    await until(() => bot.sent("g-1").length === 2, "the full text");
    expect(bot.sent("g-1")[1]).toContain(`📌 [1] Khoản 1 Điều 3 — ${DECREE}`);
    bot.fake.push(textUpdate("liên quan", { ...group, replyTo: bot.fake.botId }));
    await until(() => bot.sent("g-1").length === 3, "the related passages");
    expect(bot.sent("g-1")[2]).toContain(texts.relatedTitle);
    expect(bot.fake.undelivered).toHaveLength(2);
  });

  it("retries a refused send (429), never one whose outcome is unknown (500), and survives a 400", async () => {
    const bot = await run();
    bot.fake.fail("sendChatAction", { status: 500, body: { ok: false, error_code: 500, description: "down" } });
    bot.fake.fail("sendMessage", { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests" } });
    const [answer] = await bot.say(WATERING);
    expect(answer).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
    expect(bot.fake.callsOf("sendMessage")).toHaveLength(2);
    // A 500 may hide a delivered message: the reply is given up, not sent twice.
    bot.fake.fail("sendMessage", { status: 500, body: { ok: false, error_code: 500, description: "down" } }, { status: 400, body: { ok: false, error_code: 400, description: "rejected" } });
    bot.fake.push(textUpdate("/vanban", { chatId: "chat-1" }));
    bot.fake.push(textUpdate("/help", { chatId: "chat-1" }));
    await until(() => bot.fake.callsOf("sendMessage").length >= 4, "the two failed sends");
    // The channel keeps answering.
    const [next] = await bot.say(`Điều 3 ${DECREE}`);
    expect(next).toContain(`Điều 3 — ${DECREE}`);
    expect(bot.fake.callsOf("sendMessage")).toHaveLength(5);
    expect(bot.fake.sent).toHaveLength(2);
  });
});

describe("Zalo channel, webhook", () => {
  const secret = "bi-mat-webhook-zalo-123";

  async function runWebhook(): Promise<Running> {
    const port = await freePort();
    const bot = await run({ ZALO_MODE: "webhook", ZALO_WEBHOOK_SECRET: secret, ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo/hook`, WEBHOOK_PORT: String(port) });
    await until(() => bot.fake.webhook !== undefined, "setWebhook");
    return bot;
  }

  it("registers the URL and secret, never polls, and answers delivered events", async () => {
    const bot = await runWebhook();
    expect(bot.fake.webhook).toEqual({ url: expect.stringMatching(/\/zalo\/hook$/), secret_token: secret });
    const [answer] = await bot.say(WATERING);
    expect(answer).toContain(`📌 [1] Khoản 1 Điều 3 — ${DECREE}`);
    const [full] = await bot.say("nguyên văn 1");
    expect(full).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
    expect(bot.fake.callsOf("getUpdates")).toHaveLength(0);
  });

  it("rejects a missing (401) or wrong (403) secret and processes nothing", async () => {
    const bot = await runWebhook();
    const chat = { chatId: "chat-1" };
    expect(await bot.fake.deliver(textUpdate(WATERING, chat), { secret: null })).toBe(401);
    expect(await bot.fake.deliver(textUpdate(WATERING, chat), { secret: "mot-bi-mat-khac" })).toBe(403);
    expect(await bot.fake.deliver(messageUpdate("message.sticker.received", {}, chat), { secret: secret.slice(0, -1) })).toBe(403);
    // A valid event afterwards in the same chat is the first and only thing answered.
    await bot.say("/start");
    expect(bot.fake.sent).toHaveLength(1);
    expect(bot.fake.callsOf("sendChatAction")).toHaveLength(1);
  });

  it("without ZALO_WEBHOOK_URL, serves the default path for a webhook registered by hand", async () => {
    const port = await freePort();
    const bot = await run({ ZALO_MODE: "webhook", ZALO_WEBHOOK_SECRET: secret, WEBHOOK_PORT: String(port) });
    await until(() => bot.fake.callsOf("getMe").length > 0, "the token check");
    expect(bot.fake.callsOf("setWebhook")).toHaveLength(0);
    bot.fake.webhook = { url: `http://127.0.0.1:${port}/zalo/webhook`, secret_token: secret }; // as set in Zalo Bot Creator
    expect((await bot.say(WATERING))[0]).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
  });

  it("accepts the event unwrapped, as production bots report receiving it", async () => {
    const bot = await runWebhook();
    expect(await bot.fake.deliver(textUpdate(WATERING, { chatId: "flat" }), { wrapped: false })).toBe(200);
    await until(() => bot.sent("flat").length === 1, "the answer");
  });
});

describe("Zalo beside Telegram", () => {
  it("a dead Zalo API neither fails start-up nor stops Telegram answering from the same engine", async () => {
    const telegram = await new FakeTelegram().start();
    const deadZalo = await new FakeZaloServer().start();
    const down = { status: 503, body: { ok: false, error_code: 503, description: "Service Unavailable" } };
    deadZalo.fail("deleteWebhook", ...Array(5).fill(down));
    deadZalo.fail("getUpdates", ...Array(5).fill(down));
    const bot = await run({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot }, deadZalo);
    const tg = (await startTelegram(bot.deps, { botInfo: telegram.botInfo }))!;
    cleanups.push(async () => {
      await tg.stop();
      await telegram.close();
    });
    const user = { id: 42, is_bot: false, first_name: "Lan" };
    telegram.send({ chat: { id: 42, type: "private", first_name: "Lan" }, from: user, text: WATERING });
    const reply = await telegram.waitFor((c) => c.method === "sendMessage" && !c.error);
    expect(String(reply.result.text)).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
    // Zalo kept retrying through the outage and then answers too, from the same engine.
    const [zaloAnswer] = await bot.say(WATERING);
    expect(zaloAnswer).toContain(`Khoản 1 Điều 3 — ${DECREE}`);
    expect(deadZalo.callsOf("deleteWebhook").length).toBeGreaterThan(5);
  });

  it("set-up failures are retried with backoff and logged once per backoff step, then polling starts", async () => {
    const zalo = await new FakeZaloServer().start();
    const down = { status: 503, body: { ok: false, error_code: 503, description: "Service Unavailable" } };
    zalo.fail("getMe", ...Array(40).fill(down));
    const lines: string[] = [];
    const capture = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const config = loadConfig({ ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.apiRoot, LOG_LEVEL: "silent" });
    const store = new MemoryStore();
    const deps = { config, log: capture, store, webhooks: new WebhookServer(0, capture), conversation: new Conversation({ engine, store, log, config }) };
    const channel = (await startZalo(deps, { ...tuning, apiBackoff: { baseMs: 1, maxMs: 1 }, setupBackoff: { baseMs: 1, maxMs: 4 } }))!;
    cleanups.push(async () => {
      await channel.stop();
      await zalo.stop();
    });
    zalo.push(textUpdate(WATERING, { chatId: "after" }));
    await until(() => zalo.sent.some((s) => s.chat_id === "after"), "the answer once Zalo is back");
    // 40 failed getMe calls (4 per set-up attempt: 1 + 3 retries) = 10 attempts, in 3 backoff steps.
    expect(lines.filter((l) => l.includes("set-up failed"))).toHaveLength(3);
    expect(lines.filter((l) => l.includes("zalo: connected"))).toHaveLength(1);
  });

  it("a Zalo API that is unreachable never throws out of the channel", async () => {
    const port = await freePort(); // nothing listens there
    const errors: string[] = [];
    const capture = pino({ level: "error" }, { write: (line: string) => void errors.push(line) });
    const config = loadConfig({ ZALO_BOT_TOKEN: "1:x", ZALO_API_ROOT: `http://127.0.0.1:${port}`, LOG_LEVEL: "silent" });
    const store = new MemoryStore();
    const deps = { config, log: capture, webhooks: new WebhookServer(0, capture), conversation: new Conversation({ engine, store, log, config }) };
    const channel = (await startZalo(deps, tuning))!;
    await until(() => errors.filter((l) => l.includes("set-up failed")).length >= 3, "repeated failures");
    await channel.stop();
    expect(errors.every((l) => !l.includes("1:x"))).toBe(true);
  });
});
