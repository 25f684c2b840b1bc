/**
 * Typed client of the Zalo Bot Platform API: `POST {root}/bot{token}/{method}` with a JSON body,
 * replies `{ok, result, error_code, description}`. Transient failures are retried a bounded
 * number of times with backoff, but a message is never sent twice: a call that changes nothing
 * when repeated (getMe, setWebhook, …) is retried after any transient failure, while sendMessage
 * is retried only when the platform surely did not take it — the connection was never made, or
 * the platform answered 429 (refused, so nothing was sent). After a 5xx, a timeout or a dropped
 * connection the platform may already have delivered the text, and the API has no idempotency
 * key to ask, so that reply is given up and logged. Other errors (a 4xx means the request itself
 * is wrong, or a quota is spent) are thrown at once. Errors name the method, never the URL: the
 * token is in the path.
 */
import { errorSummary, type Logger } from "../../log.js";
import { backoffDelay, sleep, type BackoffOptions } from "./backoff.js";

/** sendMessage accepts 1–2000 characters of text. */
export const MAX_TEXT = 2000;
/** error_code of getUpdates when the long poll ended with no message: the normal idle outcome. */
export const POLL_TIMEOUT_CODE = 408;

export interface ZaloUser {
  id: string;
  display_name?: string;
  is_bot?: boolean;
}

export interface ZaloChat {
  id: string;
  chat_type: "PRIVATE" | "GROUP";
}

export interface ZaloMessage {
  message_id: string;
  from: ZaloUser;
  chat: ZaloChat;
  /** Milliseconds since the epoch. */
  date: number;
  text?: string;
}

/** One event; `message` is absent on some (e.g. message.unsupported.received from protected users). */
export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  display_name?: string;
  can_join_groups?: boolean;
}

export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
}

interface Envelope<T> {
  ok: boolean;
  result?: T;
  error_code?: number | string;
  description?: string;
}

export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    /** error_code of the reply, else the HTTP status; 0 for a network failure. */
    readonly code: number,
    readonly description: string,
    /** Worth trying again later (429, 5xx, network). */
    readonly retryable: boolean,
    /** The platform surely did not carry the request out (no connection made, or a refusal). */
    readonly unsent = false,
  ) {
    super(`Zalo ${method} failed (${code || "network"}): ${description}`);
    this.name = "ZaloApiError";
  }
}

const isRetryable = (code: number) => code === 429 || code >= 500;

/** Connection errors raised before a byte of the request left (Node's fetch puts them in `cause.code`). */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

export interface ZaloApiOptions {
  token: string;
  /** API base, e.g. https://bot-api.zaloplatforms.com (a fake server's address in tests). */
  apiRoot: string;
  /** Further attempts after a retryable failure. */
  retries?: number;
  backoff?: BackoffOptions;
  /** Per-request timeout (long polls get their poll time on top). */
  timeoutMs?: number;
  log?: Logger;
}

interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
  /** Repeating the call changes nothing, so it may be retried whatever happened to the first. */
  idempotent?: boolean;
}

/** A set-up method's "there is no webhook" (HTTP 404, or a description saying so). */
const noWebhook = (e: unknown) => e instanceof ZaloApiError && (e.code === 404 || /no webhook|webhook (?:is )?not (?:found|set|exist)/i.test(e.description));

export class ZaloApi {
  private readonly base: string;
  private readonly retries: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ZaloApiOptions) {
    this.base = `${opts.apiRoot.replace(/\/+$/, "")}/bot${opts.token}/`;
    this.retries = opts.retries ?? 3;
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 8000 };
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe", {}, { idempotent: true });
  }

  /** One long poll: the next update, or undefined when the poll timed out with none (408). */
  async getUpdates(timeoutSec: number, signal?: AbortSignal): Promise<ZaloUpdate | undefined> {
    try {
      // The poller owns the pace after failures, so no retries here.
      const update = await this.call<ZaloUpdate | null>("getUpdates", { timeout: String(timeoutSec) }, { signal, timeoutMs: timeoutSec * 1000 + this.timeoutMs, retries: 0 });
      // Some clients report `result` as an array; take its first update if so.
      if (Array.isArray(update)) return (update as ZaloUpdate[]).find((u) => u?.event_name);
      return update?.event_name ? update : undefined;
    } catch (e) {
      if (e instanceof ZaloApiError && e.code === POLL_TIMEOUT_CODE) return undefined;
      throw e;
    }
  }

  async sendMessage(chatId: string, text: string): Promise<{ message_id: string; date: number }> {
    // Callers split long answers; an out-of-range text here is a bug, not something to retry.
    if (text.length < 1 || text.length > MAX_TEXT) throw new RangeError(`sendMessage text must be 1–${MAX_TEXT} characters, got ${text.length}`);
    return this.call("sendMessage", { chat_id: chatId, text });
  }

  /** Not retried: the indicator is cosmetic, and retrying it would only delay the answer. */
  sendChatAction(chatId: string, action: "typing" = "typing"): Promise<unknown> {
    return this.call("sendChatAction", { chat_id: chatId, action }, { retries: 0 });
  }

  setWebhook(url: string, secretToken: string): Promise<ZaloWebhookInfo> {
    return this.call("setWebhook", { url, secret_token: secretToken }, { idempotent: true });
  }

  /** Removes the webhook; done too when there is none (the platform then answers 404). */
  async deleteWebhook(): Promise<ZaloWebhookInfo> {
    try {
      return await this.call("deleteWebhook", {}, { idempotent: true });
    } catch (e) {
      if (noWebhook(e)) return { url: "" };
      throw e;
    }
  }

  /** The registered webhook, or undefined when there is none (the platform answers 404). */
  async getWebhookInfo(): Promise<ZaloWebhookInfo | undefined> {
    try {
      const info = await this.call<ZaloWebhookInfo>("getWebhookInfo", {}, { idempotent: true });
      return info?.url ? info : undefined;
    } catch (e) {
      if (noWebhook(e)) return undefined;
      throw e;
    }
  }

  async call<T>(method: string, body: object = {}, opts: CallOptions = {}): Promise<T> {
    const retries = opts.retries ?? this.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, body, opts);
      } catch (e) {
        if (!(e instanceof ZaloApiError) || !e.retryable || !(opts.idempotent || e.unsent) || attempt >= retries || opts.signal?.aborted) throw e;
        this.opts.log?.warn({ err: errorSummary(e), attempt: attempt + 1 }, "zalo: retrying after a transient error");
        await sleep(backoffDelay(attempt, this.backoff), opts.signal);
      }
    }
  }

  private async once<T>(method: string, body: object, opts: CallOptions): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let status: number;
    let text: string;
    try {
      const res = await fetch(this.base + method, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (opts.signal?.aborted) throw e; // stopped on purpose: not an API failure
      // The fetch error's message may carry the URL (and so the token): keep only its kind.
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      const unsent = !timeout.aborted && cause !== undefined && NOT_CONNECTED.has(cause);
      throw new ZaloApiError(method, 0, timeout.aborted ? "request timed out" : (cause ?? (e as Error).name), true, unsent);
    }
    let reply: Envelope<T> | undefined;
    try {
      reply = JSON.parse(text) as Envelope<T>;
    } catch {
      reply = undefined;
    }
    // A proxy in front of the API may answer with an HTML error page.
    if (!reply || typeof reply !== "object") throw new ZaloApiError(method, status, `HTTP ${status}, reply is not a JSON object`, isRetryable(status));
    if (status < 300 && reply.ok === true) return reply.result as T;
    // The code may come as a number or a string; the HTTP status stands in when it is missing.
    const code = Number(reply.error_code) || status;
    // A JSON refusal means the platform read the request and did not carry it out, except for a
    // 5xx, whose outcome is unknown.
    const unknown = code >= 500 || status >= 500;
    throw new ZaloApiError(method, code, reply.description ?? `HTTP ${status}`, isRetryable(code) || isRetryable(status), !unknown);
  }
}
