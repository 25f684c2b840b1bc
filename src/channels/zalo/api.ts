/**
 * Typed client of the Zalo Bot Platform API: `POST {root}/bot{token}/{method}` with a JSON body,
 * replies `{ok, result, error_code, description}`. Rate limiting (429), server errors (5xx) and
 * network failures are retried a bounded number of times with backoff; other errors (a 4xx means
 * the request itself is wrong) are thrown at once. Errors name the method, never the URL: the
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
    readonly retryable: boolean,
  ) {
    super(`Zalo ${method} failed (${code || "network"}): ${description}`);
    this.name = "ZaloApiError";
  }
}

const isRetryable = (code: number) => code === 429 || code >= 500;

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
}

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
    return this.call("getMe");
  }

  /** One long poll: the next update, or undefined when the poll timed out with none (408). */
  async getUpdates(timeoutSec: number, signal?: AbortSignal): Promise<ZaloUpdate | undefined> {
    try {
      // The poller owns the pace after failures, so no retries here.
      const update = await this.call<ZaloUpdate | null>("getUpdates", { timeout: String(timeoutSec) }, { signal, timeoutMs: timeoutSec * 1000 + this.timeoutMs, retries: 0 });
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
    return this.call("setWebhook", { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<ZaloWebhookInfo> {
    return this.call("deleteWebhook");
  }

  async call<T>(method: string, body: object = {}, opts: CallOptions = {}): Promise<T> {
    const retries = opts.retries ?? this.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, body, opts);
      } catch (e) {
        if (!(e instanceof ZaloApiError) || !e.retryable || attempt >= retries || opts.signal?.aborted) throw e;
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
      throw new ZaloApiError(method, 0, timeout.aborted ? "request timed out" : (e as Error).name, true);
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
    throw new ZaloApiError(method, code, reply.description ?? `HTTP ${status}`, isRetryable(code) || isRetryable(status));
  }
}
