/**
 * A fake Zalo Bot Platform API on 127.0.0.1 that behaves as the platform is documented and reported
 * to behave, not as our client expects. Sources, cited beside each behaviour:
 *   [docs]   bot.zaloplatforms.com/docs (copy in XuanNguyenNB/QuanLyThuChi_Bot_Telegram_Zalom,
 *            docs/ZALO_BOT_API.md): methods, bodies, sample replies, 1–2000 character texts, the
 *            X-Bot-Api-Secret-Token header, "getUpdates does not work while a webhook is set".
 *   [issue]  this project's issue 16 (clients that measured a real bot): 408 on an idle poll,
 *            getWebhookInfo 404 without a webhook, deleteWebhook 404 taken as "nothing to delete",
 *            group messages delivered only on an @mention of the bot or a reply to it.
 *   [hermes] moken627-hub/hermes-plugin-zalo zalo/adapter.py, a client run on real bots: a mention
 *            is "@<bot name>" inside the text; a reply carries `reply_to.from.id`.
 *   [openclaw] hanzobot/bot extensions/zalo/src/monitor.ts and api.ts: webhook events arrive
 *            unwrapped `{event_name, message}` although the docs show `{ok, result}`; error_code
 *            408 is the long poll's "no updates" (`isPollingTimeout`).
 * Failures can be injected per method, including a dropped connection after the platform took
 * the request (the outcome a client cannot know).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUpdate {
  event_name: string;
  message?: Record<string, unknown>;
}

interface Injected {
  /** HTTP status; 0 closes the connection without a reply, after the request was carried out. */
  status: number;
  /** A JSON reply, or a string sent as is (e.g. a proxy's HTML error page). */
  body?: object | string;
}

export interface FakeZaloOptions {
  token?: string;
  /** How long an idle long poll is held before the 408 reply [issue]; 0 answers 408 at once. */
  pollTimeoutMs?: number;
  /** deleteWebhook without a webhook: "404" as reported [issue], or "ok" as in the docs' sample [docs]. */
  deleteWithoutWebhook?: "404" | "ok";
  /** The bot's display name, the one members type after "@" in a group. */
  botName?: string;
  /** Put `display_name` in getMe (the docs' sample has only id, account_name, account_type, can_join_groups). */
  nameInGetMe?: boolean;
}

const BOT_ID = "1459232241454765289"; // [docs] getMe sample

/** Accent-, case- and space-blind form, for the fake's own mention test. */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, "");

export class FakeZaloServer {
  readonly token: string;
  readonly botId = BOT_ID;
  readonly botName: string;
  /** Every call received, in order. */
  readonly calls: Array<{ method: string; body: Record<string, unknown> }> = [];
  /** Messages accepted by sendMessage. */
  readonly sent: Array<{ chat_id: string; text: string }> = [];
  readonly chatActions: Array<{ chat_id: string; action: string }> = [];
  /** Every error reply (status ≥ 400) but the 408 of an idle poll: what a real bot would log. */
  readonly errors: Array<{ method: string; status: number; description: string }> = [];
  /** Group messages the platform did not deliver (no mention of the bot, no reply to it). */
  readonly undelivered: FakeUpdate[] = [];
  webhook?: { url: string; secret_token: string };

  private server = http.createServer((req, res) => this.route(req, res));
  private queue: FakeUpdate[] = [];
  private waiting: Array<(u: FakeUpdate) => boolean> = [];
  private injected = new Map<string, Injected[]>();
  private nextId = 1;
  private readonly opts: Required<Omit<FakeZaloOptions, "token" | "botName">>;

  constructor(opts: FakeZaloOptions = {}) {
    this.token = opts.token ?? "12345:fake-token";
    this.botName = opts.botName ?? "Hỏi Văn Bản";
    this.opts = { pollTimeoutMs: opts.pollTimeoutMs ?? 200, deleteWithoutWebhook: opts.deleteWithoutWebhook ?? "404", nameInGetMe: opts.nameInGetMe ?? false };
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return this;
  }

  /** Value for ZALO_API_ROOT. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the next calls of `method` fail with these replies, in order. */
  fail(method: string, ...replies: Injected[]): void {
    this.injected.set(method, [...(this.injected.get(method) ?? []), ...replies]);
  }

  callsOf(method: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  /**
   * A user sends a message: queued for getUpdates (handed to a waiting poll at once). A group
   * message reaches the bot only when it mentions the bot or replies to it [issue][hermes];
   * returns whether it was delivered.
   */
  push(update: FakeUpdate): boolean {
    if (!this.delivers(update)) return void this.undelivered.push(update), false;
    while (this.waiting.length) if (this.waiting.shift()!(update)) return true;
    this.queue.push(update);
    return true;
  }

  /**
   * Webhook mode: POSTs the event to the registered URL with the secret header [docs]; wrapped as
   * in the docs or unwrapped as bots report [openclaw]. Returns the HTTP status, or 0 when the
   * platform would not deliver the event (a group message without a mention or reply).
   */
  async deliver(update: FakeUpdate, opts: { secret?: string | null; wrapped?: boolean } = {}): Promise<number> {
    if (!this.webhook) throw new Error("no webhook set");
    if (!this.delivers(update)) return void this.undelivered.push(update), 0;
    const secret = opts.secret === undefined ? this.webhook.secret_token : opts.secret;
    const res = await fetch(this.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-bot-api-secret-token": secret }) },
      body: JSON.stringify(opts.wrapped === false ? update : { ok: true, result: update }),
    });
    await res.text();
    return res.status;
  }

  private delivers(update: FakeUpdate): boolean {
    const m = update.message as { chat?: { chat_type?: string }; text?: string; reply_to?: { from?: { id?: string } } } | undefined;
    if (m?.chat?.chat_type !== "GROUP") return true;
    return fold(m.text ?? "").includes(`@${fold(this.botName)}`) || m.reply_to?.from?.id === this.botId;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      const method = m?.[2] ?? req.url ?? "";
      const send = (status: number, body: object) => {
        if (status >= 400 && !(status === 408 && method === "getUpdates")) this.errors.push({ method, status, description: String((body as { description?: unknown }).description ?? "") });
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      };
      if (req.method !== "POST" || !m) return send(404, { ok: false, error_code: 404, description: "Not Found" });
      if (m[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
      let body: Record<string, unknown>;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      } catch {
        return send(400, { ok: false, error_code: 400, description: "Invalid JSON" });
      }
      this.calls.push({ method, body });
      const injected = this.injected.get(method)?.shift();
      if (injected?.status === 0) {
        // The platform carried the request out, then the connection broke before the reply.
        this.handle(method, body, () => {}, () => {});
        return res.destroy();
      }
      if (typeof injected?.body === "string") return res.writeHead(injected.status, { "content-type": "text/html" }).end(injected.body);
      if (injected) return send(injected.status, injected.body ?? { ok: false, error_code: injected.status, description: "injected" });
      this.handle(method, body, send, (fn) => res.once("close", fn));
    });
  }

  private handle(method: string, body: Record<string, unknown>, send: (status: number, body: object) => void, onClose: (fn: () => void) => void): void {
    const ok = (result: unknown) => send(200, { ok: true, result });
    const bad = (description: string) => send(400, { ok: false, error_code: 400, description });
    const notFound = (description: string) => send(404, { ok: false, error_code: 404, description });
    switch (method) {
      case "getMe": // [docs] sample reply
        return ok({ id: BOT_ID, account_name: "bot.VDKyGxQvc", account_type: "BASIC", can_join_groups: true, ...(this.opts.nameInGetMe ? { display_name: this.botName } : {}) });
      case "getUpdates": {
        // [docs] polling does not work while a webhook is set.
        if (this.webhook) return bad("Webhook is set: getUpdates is unavailable until deleteWebhook");
        // [docs] ONE update object per call, no offset: the platform dequeues what it returns.
        const queued = this.queue.shift();
        if (queued) return ok(queued);
        let open = true;
        const take = (u: FakeUpdate) => {
          if (!open) return false;
          open = false;
          clearTimeout(timer);
          ok(u);
          return true;
        };
        // [issue][openclaw] an idle poll is held for its timeout, then answered 408.
        const timer = setTimeout(() => {
          open = false;
          this.waiting = this.waiting.filter((w) => w !== take);
          send(408, { ok: false, error_code: 408, description: "Request timeout" });
        }, this.opts.pollTimeoutMs);
        // A poll whose client went away must not swallow the next update.
        onClose(() => {
          open = false;
          clearTimeout(timer);
        });
        this.waiting.push(take);
        return;
      }
      case "sendMessage": {
        const { chat_id, text } = body;
        if (typeof chat_id !== "string" || !chat_id) return bad("chat_id is required");
        // [docs] text of 1 to 2000 characters.
        if (typeof text !== "string" || text.length < 1 || text.length > 2000) return bad("text must be between 1 and 2000 characters");
        this.sent.push({ chat_id, text });
        return ok({ message_id: `m${this.nextId++}`, date: Date.now() });
      }
      case "sendChatAction": {
        const { chat_id, action } = body;
        if (typeof chat_id !== "string" || action !== "typing") return bad("invalid chat_id or action");
        this.chatActions.push({ chat_id, action });
        return send(200, { ok: true }); // [docs] sample reply has no result
      }
      case "setWebhook": {
        const { url, secret_token } = body;
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) return bad("url is invalid");
        // [docs] secret_token of 8 to 256 characters.
        if (typeof secret_token !== "string" || secret_token.length < 8 || secret_token.length > 256) return bad("secret_token must be 8-256 characters");
        this.webhook = { url, secret_token };
        return ok({ url, updated_at: Date.now() });
      }
      case "deleteWebhook":
        // [issue] 404 when there is no webhook; [docs] sample reply otherwise.
        if (!this.webhook && this.opts.deleteWithoutWebhook === "404") return notFound("Webhook not found");
        this.webhook = undefined;
        return ok({ url: "", updated_at: Date.now() });
      case "getWebhookInfo":
        // [issue] 404 without a webhook; [docs] sample reply with one.
        return this.webhook ? ok({ url: this.webhook.url, updated_at: Date.now() }) : notFound("Webhook not found");
      default:
        // [docs] no sendDocument (nor any file method): an unknown method is a 404.
        return notFound(`Unknown method ${method}`);
    }
  }
}

export interface UpdateOptions {
  chatId?: string;
  userId?: string;
  group?: boolean;
  id?: string;
  /** Display name of the sender. */
  name?: string;
  /** The message replies to this sender's message (`reply_to`, [hermes]). */
  replyTo?: string;
}

/** A text message event as the platform sends it [docs]. */
export function textUpdate(text: string, opts: UpdateOptions = {}): FakeUpdate {
  return messageUpdate("message.text.received", { text }, opts);
}

/** "@<bot name> text": a group message as a member writes it when tagging the bot [hermes]. */
export function mentionUpdate(fake: FakeZaloServer, text: string, opts: UpdateOptions & { as?: string } = {}): FakeUpdate {
  return textUpdate(`@${opts.as ?? fake.botName} ${text}`, { group: true, ...opts });
}

export function messageUpdate(event: string, fields: Record<string, unknown>, opts: UpdateOptions = {}): FakeUpdate {
  const userId = opts.userId ?? "u-1";
  return {
    event_name: event,
    message: {
      message_id: opts.id ?? `in-${Math.random().toString(36).slice(2)}`,
      from: { id: userId, display_name: opts.name ?? "Người dùng thử", is_bot: false },
      chat: { id: opts.chatId ?? userId, chat_type: opts.group ? "GROUP" : "PRIVATE" },
      date: Date.now(),
      ...(opts.replyTo ? { reply_to: { message_id: "m-earlier", from: { id: opts.replyTo } } } : {}),
      ...fields,
    },
  };
}
