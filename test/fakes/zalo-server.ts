/**
 * A fake Zalo Bot Platform API on 127.0.0.1, speaking the real protocol: POST /bot<token>/<method>
 * with a JSON body, replies {ok, result} or {ok: false, error_code, description}. getUpdates hands
 * out ONE queued update per call, or holds the poll open and answers HTTP 200 with error_code 408
 * when it runs out (the real API does so after the requested seconds; here after `pollTimeoutMs`).
 * sendMessage rejects empty text and text over 2000 characters with 400, as the real API does.
 * Failures can be injected per method; in webhook mode `deliver` POSTs an event to the bot.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUpdate {
  event_name: string;
  message?: Record<string, unknown>;
}

interface Injected {
  status: number;
  /** A JSON reply, or a string sent as is (e.g. a proxy's HTML error page). */
  body: object | string;
}

export class FakeZaloServer {
  /** Every call received, in order. */
  readonly calls: Array<{ method: string; body: Record<string, unknown> }> = [];
  /** Messages accepted by sendMessage. */
  readonly sent: Array<{ chat_id: string; text: string }> = [];
  readonly chatActions: Array<{ chat_id: string; action: string }> = [];
  webhook?: { url: string; secret_token: string };

  private server = http.createServer((req, res) => this.route(req, res));
  private queue: FakeUpdate[] = [];
  private waiting: Array<(u: FakeUpdate) => boolean> = [];
  private injected = new Map<string, Injected[]>();
  private nextId = 1;

  constructor(
    readonly token = "12345:fake-token",
    /** How long an empty long poll is held before the 408 reply. */
    readonly pollTimeoutMs = 200,
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
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

  /** Queues an update for getUpdates (handed to a waiting poll at once). */
  push(update: FakeUpdate): void {
    while (this.waiting.length) if (this.waiting.shift()!(update)) return;
    this.queue.push(update);
  }

  /** Webhook mode: POSTs the event to the registered URL the way the platform does; returns the HTTP status. */
  async deliver(update: FakeUpdate, opts: { secret?: string | null; wrapped?: boolean } = {}): Promise<number> {
    if (!this.webhook) throw new Error("no webhook set");
    const secret = opts.secret === undefined ? this.webhook.secret_token : opts.secret;
    const res = await fetch(this.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-bot-api-secret-token": secret }) },
      body: JSON.stringify(opts.wrapped === false ? update : { ok: true, result: update }),
    });
    await res.text();
    return res.status;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      const send = (status: number, body: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.method !== "POST" || !m) return send(404, { ok: false, error_code: 404, description: "Not Found" });
      if (m[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
      let body: Record<string, unknown>;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      } catch {
        return send(400, { ok: false, error_code: 400, description: "Invalid JSON" });
      }
      const method = m[2];
      this.calls.push({ method, body });
      const injected = this.injected.get(method)?.shift();
      if (typeof injected?.body === "string") return res.writeHead(injected.status, { "content-type": "text/html" }).end(injected.body);
      if (injected) return send(injected.status, injected.body);
      this.handle(method, body, res, send);
    });
  }

  private handle(method: string, body: Record<string, unknown>, res: http.ServerResponse, send: (status: number, body: object) => void): void {
    const ok = (result: unknown) => send(200, { ok: true, result });
    const bad = (description: string) => send(400, { ok: false, error_code: 400, description });
    switch (method) {
      case "getMe":
        return ok({ id: "1459232241454765289", account_name: "bot.FakeHoiVanBan", account_type: "BASIC", can_join_groups: false });
      case "getUpdates": {
        if (this.webhook) return bad("Webhook is set: getUpdates is unavailable until deleteWebhook");
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
        const timer = setTimeout(() => {
          open = false;
          this.waiting = this.waiting.filter((w) => w !== take);
          send(200, { ok: false, error_code: 408, description: "Request timeout" });
        }, this.pollTimeoutMs);
        // A poll whose client went away must not swallow the next update.
        res.once("close", () => {
          open = false;
          clearTimeout(timer);
        });
        this.waiting.push(take);
        return;
      }
      case "sendMessage": {
        const { chat_id, text } = body;
        if (typeof chat_id !== "string" || !chat_id) return bad("chat_id is required");
        if (typeof text !== "string" || text.length < 1 || text.length > 2000) return bad("text must be between 1 and 2000 characters");
        this.sent.push({ chat_id, text });
        return ok({ message_id: `m${this.nextId++}`, date: Date.now() });
      }
      case "sendChatAction": {
        const { chat_id, action } = body;
        if (typeof chat_id !== "string" || action !== "typing") return bad("invalid chat_id or action");
        this.chatActions.push({ chat_id, action });
        return send(200, { ok: true });
      }
      case "setWebhook": {
        const { url, secret_token } = body;
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) return bad("url is invalid");
        if (typeof secret_token !== "string" || secret_token.length < 8 || secret_token.length > 256) return bad("secret_token must be 8-256 characters");
        this.webhook = { url, secret_token };
        return ok({ url, updated_at: Date.now() });
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return ok({ url: "", updated_at: Date.now() });
      case "getWebhookInfo":
        return ok({ url: this.webhook?.url ?? "", updated_at: Date.now() });
      default:
        return send(404, { ok: false, error_code: 404, description: `Unknown method ${method}` });
    }
  }
}

/** A text message event as the platform sends it. */
export function textUpdate(text: string, opts: { chatId?: string; userId?: string; group?: boolean; id?: string } = {}): FakeUpdate {
  return messageUpdate("message.text.received", { text }, opts);
}

export function messageUpdate(event: string, fields: Record<string, unknown>, opts: { chatId?: string; userId?: string; group?: boolean; id?: string } = {}): FakeUpdate {
  const userId = opts.userId ?? "u-1";
  return {
    event_name: event,
    message: {
      message_id: opts.id ?? `in-${Math.random().toString(36).slice(2)}`,
      from: { id: userId, display_name: "Người dùng thử", is_bot: false },
      chat: { id: opts.chatId ?? userId, chat_type: opts.group ? "GROUP" : "PRIVATE" },
      date: Date.now(),
      ...fields,
    },
  };
}
