/**
 * The Zalo transport against the fake Bot API on 127.0.0.1: the client's replies, errors and
 * bounded retries that never send a message twice; set-up calls that take "no webhook" (404) as
 * done; long polling with its one-update and 408 behaviour and a least gap between idle polls;
 * the webhook's secret check; the bot's @mention found and removed however it is written.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZaloApi, ZaloApiError, type ZaloUpdate } from "../src/channels/zalo/api.js";
import { backoffCeiling, newBackoffStep, retryUntil } from "../src/channels/zalo/backoff.js";
import { stripMention } from "../src/channels/zalo/mention.js";
import { pollUpdates } from "../src/channels/zalo/poller.js";
import { parseWebhookBody, secretMatches, zaloWebhookHandler } from "../src/channels/zalo/webhook.js";
import { parseTypedCommand } from "../src/channels/zalo/commands.js";
import { FakeZaloServer, textUpdate } from "./fakes/zalo-server.js";
import { freePort } from "./helpers/instances.js";
import { until as waitUntil } from "./helpers/wait.js";

const log = pino({ level: "silent" });
const fast = { baseMs: 1, maxMs: 5 };

/** Waits for a condition the code under test brings about (no timing is asserted). */
const until = (cond: () => boolean, what: string, ms = 5000) => waitUntil(cond, what, ms);

let fake: FakeZaloServer;
let api: ZaloApi;

beforeEach(async () => {
  fake = await new FakeZaloServer().start();
  api = new ZaloApi({ token: fake.token, apiRoot: fake.apiRoot, retries: 3, backoff: fast, log });
});
afterEach(() => fake.stop());

describe("ZaloApi", () => {
  it("calls POST /bot<token>/<method> with JSON and returns the result", async () => {
    const me = await api.getMe();
    expect(me.account_name).toBe("bot.VDKyGxQvc");
    await api.sendMessage("c1", "Xin chào");
    expect(fake.sent).toEqual([{ chat_id: "c1", text: "Xin chào" }]);
    await api.sendChatAction("c1");
    expect(fake.chatActions).toEqual([{ chat_id: "c1", action: "typing" }]);
  });

  it("a wrong token is a 401 error, not retried", async () => {
    const bad = new ZaloApi({ token: "999:wrong", apiRoot: fake.apiRoot, backoff: fast });
    const err = await bad.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as ZaloApiError).code).toBe(401);
    expect((err as Error).message).not.toContain("999:wrong"); // the token never appears in errors
  });

  it("getUpdates returns one update (an object, not an array), then undefined on the 408 poll timeout", async () => {
    fake.push(textUpdate("một"));
    fake.push(textUpdate("hai"));
    const first = await api.getUpdates(30);
    expect(Array.isArray(first)).toBe(false);
    expect(first?.message?.text).toBe("một");
    expect((await api.getUpdates(30))?.message?.text).toBe("hai");
    expect(await api.getUpdates(30)).toBeUndefined();
    expect(fake.callsOf("getUpdates").at(-1)).toEqual({ timeout: "30" });
  });

  it("sendMessage refuses empty text and text over 2000 characters before sending", async () => {
    await expect(api.sendMessage("c1", "")).rejects.toThrow(RangeError);
    await expect(api.sendMessage("c1", "x".repeat(2001))).rejects.toThrow(RangeError);
    expect(fake.callsOf("sendMessage")).toHaveLength(0);
  });

  it("the fake API rejects text over 2000 characters with 400, which is not retried", async () => {
    const err = await api.call("sendMessage", { chat_id: "c1", text: "x".repeat(2001) }).catch((e: unknown) => e);
    expect((err as ZaloApiError).code).toBe(400);
    expect((err as ZaloApiError).retryable).toBe(false);
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    await api.sendMessage("c1", "x".repeat(2000)); // the limit itself is fine
    expect(fake.sent).toHaveLength(1);
  });

  it("retries a call that changes nothing when repeated (getMe) after a 500", async () => {
    fake.fail("getMe", { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
    expect((await api.getMe()).id).toBe(fake.botId);
    expect(fake.callsOf("getMe")).toHaveLength(2);
  });

  it("never retries sendMessage after a 500 or a dropped connection: the platform may have delivered it", async () => {
    fake.fail("sendMessage", { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
    await expect(api.sendMessage("c1", "sau lỗi máy chủ")).rejects.toMatchObject({ code: 500, unsent: false });
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    // The platform took the message, then the connection broke before its reply.
    fake.fail("sendMessage", { status: 0 });
    await expect(api.sendMessage("c1", "một lần thôi")).rejects.toMatchObject({ code: 0, unsent: false });
    expect(fake.callsOf("sendMessage")).toHaveLength(2);
    expect(fake.sent.map((s) => s.text)).toEqual(["một lần thôi"]); // delivered once, never doubled
  });

  it("retries sendMessage when the connection was refused (nothing reached the platform)", async () => {
    const port = await freePort();
    const late = new ZaloApi({ token: fake.token, apiRoot: `http://127.0.0.1:${port}`, retries: 20, backoff: { baseMs: 20, maxMs: 40 }, log });
    const sending = late.sendMessage("c1", "khi máy chủ lên");
    // The first attempt finds nothing listening; the platform comes up while the client waits.
    const upLater = new FakeZaloServer({ token: fake.token });
    await new Promise((r) => setTimeout(r, 30));
    await upLater.start(port);
    try {
      await sending;
      expect(upLater.sent.map((s) => s.text)).toEqual(["khi máy chủ lên"]);
    } finally {
      await upLater.stop();
    }
  });

  it("retries a 429 (also when only the body says so) and then succeeds", async () => {
    fake.fail(
      "sendMessage",
      { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests" } },
      { status: 200, body: { ok: false, error_code: 429, description: "Too Many Requests" } },
    );
    await api.sendMessage("c1", "chậm lại");
    expect(fake.callsOf("sendMessage")).toHaveLength(3);
    expect(fake.sent).toHaveLength(1);
  });

  it("does not retry a 400", async () => {
    fake.fail("sendMessage", { status: 400, body: { ok: false, error_code: 400, description: "chat_id is invalid" } });
    await expect(api.sendMessage("c1", "x")).rejects.toMatchObject({ code: 400, retryable: false });
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
  });

  it("gives up after the bounded number of retries", async () => {
    const down = { status: 503, body: { ok: false, error_code: 503, description: "Service Unavailable" } };
    fake.fail("getMe", down, down, down, down, down);
    await expect(api.getMe()).rejects.toMatchObject({ code: 503 });
    expect(fake.callsOf("getMe")).toHaveLength(4); // 1 + 3 retries
  });

  it("a reply that is not JSON (a proxy's error page) is an error, retried when the status is 5xx", async () => {
    fake.fail("getMe", { status: 502, body: "<html>Bad Gateway</html>" });
    expect((await api.getMe()).account_name).toBe("bot.VDKyGxQvc");
    expect(fake.callsOf("getMe")).toHaveLength(2);
  });

  it("a network failure is retried and reported without the URL", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offline = new ZaloApi({ token: "42:secret-token", apiRoot: `http://127.0.0.1:${port}`, retries: 2, backoff: fast });
    const err = (await offline.getMe().catch((e: unknown) => e)) as ZaloApiError;
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.code).toBe(0);
    expect(err.unsent).toBe(true);
    expect(err.message).not.toContain("secret-token");
  });

  it("setWebhook, getWebhookInfo and deleteWebhook; without a webhook both answer 404, taken as 'none'", async () => {
    expect(await api.getWebhookInfo()).toBeUndefined();
    await expect(api.call("getWebhookInfo")).rejects.toMatchObject({ code: 404 }); // what the platform says
    await api.setWebhook("https://example.test/zalo", "bi-mat-123");
    expect(fake.webhook).toEqual({ url: "https://example.test/zalo", secret_token: "bi-mat-123" });
    expect((await api.getWebhookInfo())?.url).toBe("https://example.test/zalo");
    await api.deleteWebhook();
    expect(fake.webhook).toBeUndefined();
    expect(await api.deleteWebhook()).toEqual({ url: "" }); // the platform's 404: nothing to delete
    fake.fail("deleteWebhook", { status: 200, body: { ok: false, error_code: -1, description: "No webhook to delete" } });
    expect(await api.deleteWebhook()).toEqual({ url: "" });
    expect(fake.callsOf("deleteWebhook")).toHaveLength(3);
  });

  it("has no file method: sendDocument is unknown to the platform", async () => {
    await expect(api.call("sendDocument", { chat_id: "c1" })).rejects.toMatchObject({ code: 404, retryable: false });
  });
});

describe("pollUpdates", () => {
  it("hands over each update in order, keeps polling through 408s, and stops on abort", async () => {
    const got: ZaloUpdate[] = [];
    const stop = new AbortController();
    const done = pollUpdates(api, (u) => got.push(u), { signal: stop.signal, minGapMs: 20, log });
    fake.push(textUpdate("câu 1"));
    await until(() => got.length === 1, "the first update");
    // Let at least one poll run out (408) before the next update arrives.
    const polls = fake.callsOf("getUpdates").length;
    await until(() => fake.callsOf("getUpdates").length >= polls + 2, "a timed-out poll and a new one");
    fake.push(textUpdate("câu 2"));
    await until(() => got.length === 2, "the second update");
    expect(got.map((u) => u.message?.text)).toEqual(["câu 1", "câu 2"]);
    stop.abort();
    await done;
  });

  it("backs off after errors and carries on", async () => {
    const got: ZaloUpdate[] = [];
    const stop = new AbortController();
    fake.fail("getUpdates", { status: 500, body: { ok: false, error_code: 500, description: "boom" } }, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } });
    const done = pollUpdates(api, (u) => got.push(u), { signal: stop.signal, backoff: fast, minGapMs: 0, log });
    fake.push(textUpdate("vẫn tới"));
    await until(() => got.length === 1, "the update after the errors");
    expect(fake.callsOf("getUpdates").length).toBeGreaterThanOrEqual(3);
    stop.abort();
    await done;
  });

  it("keeps a least gap between polls when the platform answers 408 at once (no spinning)", async () => {
    const instant = await new FakeZaloServer({ pollTimeoutMs: 0 }).start();
    const quick = new ZaloApi({ token: instant.token, apiRoot: instant.apiRoot, log });
    const stop = new AbortController();
    const done = pollUpdates(quick, () => {}, { signal: stop.signal, minGapMs: 200, log });
    await new Promise((r) => setTimeout(r, 1000));
    stop.abort();
    await done;
    await instant.stop();
    // Without the gap this loop makes hundreds of calls a second; with it, about five.
    expect(instant.callsOf("getUpdates").length).toBeGreaterThanOrEqual(2);
    expect(instant.callsOf("getUpdates").length).toBeLessThanOrEqual(8);
  });

  it("logs a failing poll once per backoff step, not once per attempt", async () => {
    const lines: string[] = [];
    const capture = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    const down = { status: 503, body: { ok: false, error_code: 503, description: "Service Unavailable" } };
    fake.fail("getUpdates", ...Array(12).fill(down));
    const got: ZaloUpdate[] = [];
    const stop = new AbortController();
    const done = pollUpdates(api, (u) => got.push(u), { signal: stop.signal, backoff: { baseMs: 1, maxMs: 4 }, minGapMs: 0, log: capture });
    fake.push(textUpdate("sau sự cố"));
    await until(() => got.length === 1, "the update after the outage");
    stop.abort();
    await done;
    // 12 failures, steps of 1, 2 and 4 ms: three error lines, then one saying it works again.
    expect(lines.filter((l) => l.includes("getUpdates failed"))).toHaveLength(3);
    expect(lines.filter((l) => l.includes("works again"))).toHaveLength(1);
  });

  it("a handler that throws does not stop polling", async () => {
    const got: string[] = [];
    const stop = new AbortController();
    const done = pollUpdates(
      api,
      (u) => {
        got.push(u.message?.text ?? "");
        if (got.length === 1) throw new Error("handler bug");
      },
      { signal: stop.signal, log },
    );
    fake.push(textUpdate("a"));
    fake.push(textUpdate("b"));
    await until(() => got.length === 2, "both updates");
    stop.abort();
    await done;
  });
});

describe("webhook handler", () => {
  const secret = "bi-mat-webhook-123";
  let server: http.Server;
  let url: string;
  let got: ZaloUpdate[];

  beforeEach(async () => {
    got = [];
    server = http.createServer(zaloWebhookHandler({ secret, onUpdate: (u) => got.push(u), log }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
    await api.setWebhook(url, secret);
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it("accepts the right secret, wrapped or flat, with 200", async () => {
    expect(await fake.deliver(textUpdate("bọc"))).toBe(200);
    expect(await fake.deliver(textUpdate("phẳng"), { wrapped: false })).toBe(200);
    expect(got.map((u) => u.message?.text)).toEqual(["bọc", "phẳng"]);
  });

  it("rejects a missing secret with 401 and a wrong one with 403, processing nothing", async () => {
    expect(await fake.deliver(textUpdate("x"), { secret: null })).toBe(401);
    expect(await fake.deliver(textUpdate("x"), { secret: "" })).toBe(401);
    expect(await fake.deliver(textUpdate("x"), { secret: "sai-bi-mat-456" })).toBe(403);
    expect(await fake.deliver(textUpdate("x"), { secret: secret + "x" })).toBe(403);
    expect(got).toHaveLength(0);
  });

  it("only takes POST", async () => {
    expect((await fetch(url, { headers: { "x-bot-api-secret-token": secret } })).status).toBe(405);
  });

  it("rejects a body that is not an event with 400", async () => {
    const post = (body: string) => fetch(url, { method: "POST", headers: { "x-bot-api-secret-token": secret }, body }).then((r) => r.status);
    expect(await post("not json")).toBe(400);
    expect(await post(JSON.stringify({ ok: true, result: {} }))).toBe(400);
    expect(got).toHaveLength(0);
  });

  it("compares secrets of any length", () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches("short", secret)).toBe(false);
    expect(parseWebhookBody({ ok: true, result: { event_name: "message.text.received" } })?.event_name).toBe("message.text.received");
  });
});

describe("set-up retries", () => {
  it("retryUntil reports once per backoff step and stops on success", async () => {
    const backoff = { baseMs: 1, maxMs: 8 };
    expect([0, 1, 2, 3, 4, 5].map((a) => newBackoffStep(a, backoff))).toEqual([true, true, true, true, false, false]);
    expect(backoffCeiling(10, backoff)).toBe(8);
    let calls = 0;
    const reports: number[] = [];
    const ok = await retryUntil(
      async () => {
        if (++calls < 10) throw new Error("404");
      },
      new AbortController().signal,
      (_e, attempt) => reports.push(attempt),
      backoff,
    );
    expect(ok).toBe(true);
    expect(calls).toBe(10);
    expect(reports).toEqual([1, 2, 3, 4]);
  });
});

describe("group @mentions", () => {
  const bot = { id: "b1", names: ["Hỏi Văn Bản", "bot.VDKyGxQvc"] };
  it("removes the mention however the name is written (accents, spaces, case, place)", () => {
    for (const text of ["@Hỏi Văn Bản điều 3 quy định gì?", "@hoi van ban điều 3 quy định gì?", "@HỎI VĂN BẢN điều 3 quy định gì?", "@HoiVanBan  điều 3 quy định gì?", "điều 3 quy định gì? @Hỏi Văn Bản", "@Hỏi Văn Bản, điều 3 quy định gì?"])
      expect(stripMention(text, bot)).toEqual({ text: "điều 3 quy định gì?", mentioned: true });
    // Decomposed accents (NFD, as some keyboards send them) too.
    expect(stripMention("@Hỏi Văn Bản điều 3".normalize("NFD"), bot).text.normalize("NFC")).toBe("điều 3");
    expect(stripMention("@bot.VDKyGxQvc /vanban", bot)).toEqual({ text: "/vanban", mentioned: true });
    // Zalo Bot Creator names start with "Bot".
    expect(stripMention("@Bot Hỏi Văn Bản điều 3", bot)).toEqual({ text: "điều 3", mentioned: true });
  });

  it("leaves other people's mentions and longer names alone", () => {
    expect(stripMention("@Lan hỏi giúp điều 3", bot)).toEqual({ text: "@Lan hỏi giúp điều 3", mentioned: false });
    expect(stripMention("@Hỏi Văn Bảnxyz điều 3", bot).mentioned).toBe(false);
    expect(stripMention("@Lan @Hỏi Văn Bản điều 3", bot).text).toBe("@Lan điều 3");
  });

  it("uses mention data pointing at the bot when the update carries it", () => {
    const text = "@Trợ lý điều 3 quy định gì?";
    expect(stripMention(text, bot, [{ uid: "b1", pos: 0, length: 7 }])).toEqual({ text: "điều 3 quy định gì?", mentioned: true });
    expect(stripMention(text, bot, [{ user_id: "other", offset: 0, length: 7 }]).mentioned).toBe(false);
  });
});

describe("typed commands", () => {
  it("reads 'nguyên văn N' and 'liên quan' with or without accents and quotes", () => {
    expect(parseTypedCommand("nguyên văn 2")).toEqual({ kind: "full", n: 2 });
    expect(parseTypedCommand("'Nguyen van 1'")).toEqual({ kind: "full", n: 1 });
    expect(parseTypedCommand("nguyên văn")).toEqual({ kind: "full", n: 1 });
    expect(parseTypedCommand("liên quan")).toEqual({ kind: "related" });
    expect(parseTypedCommand("Văn bản liên quan.")).toEqual({ kind: "related" });
    expect(parseTypedCommand("nguyên văn điều 5 nghị định 73")).toBeUndefined();
    expect(parseTypedCommand("văn bản nào liên quan đến cán bộ?")).toBeUndefined();
  });
});
