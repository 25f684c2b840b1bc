/**
 * The webhook endpoint. Zalo sends each event as a POST with the secret given to setWebhook in
 * the X-Bot-Api-Secret-Token header; anything without it (401) or with another value (403) is
 * rejected before its body is read. A valid event is acknowledged with 200 once `onUpdate` has
 * stored it (the inbox) and processed afterwards, so a slow answer never makes the platform time
 * out and re-send, and a crash after the 200 loses nothing; a failed store answers 500.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorSummary, type Logger } from "../../log.js";
import type { ZaloUpdate } from "./api.js";

export const SECRET_HEADER = "x-bot-api-secret-token";
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  secret: string;
  /** Resolves once the update is stored; the 200 waits for it. */
  onUpdate: (update: ZaloUpdate) => unknown;
  log?: Logger;
}

/** Constant-time comparison; hashing first gives equal-length buffers and hides the secret's length. */
export function secretMatches(given: string, secret: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * The documentation shows the event wrapped as `{ok: true, result: {event_name, message}}`; bots
 * in production report receiving `{event_name, message}` unwrapped. Both are accepted.
 */
export function parseWebhookBody(body: unknown): ZaloUpdate | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as { ok?: unknown; result?: unknown; event_name?: unknown };
  const update = (record.ok === true && record.result && typeof record.result === "object" ? record.result : record) as Partial<ZaloUpdate>;
  return typeof update.event_name === "string" ? (update as ZaloUpdate) : undefined;
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function zaloWebhookHandler({ secret, onUpdate, log }: WebhookOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== "POST") return reply(res.setHeader("allow", "POST"), 405, { ok: false });
    const given = req.headers[SECRET_HEADER];
    const token = Array.isArray(given) ? given[0] : given;
    if (!token || !secretMatches(token, secret)) {
      log?.warn({ status: token ? 403 : 401 }, "zalo: webhook request with a missing or wrong secret");
      req.resume(); // discard the body unread
      return reply(res, token ? 403 : 401, { ok: false });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return reply(res, 413, { ok: false });
      let update: ZaloUpdate | undefined;
      try {
        update = parseWebhookBody(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        update = undefined;
      }
      if (!update) return reply(res, 400, { ok: false });
      const received = update;
      Promise.resolve()
        .then(() => onUpdate(received))
        .then(
          () => reply(res, 200, { ok: true }),
          (e: unknown) => {
            log?.error({ err: errorSummary(e) }, "zalo: update not stored");
            reply(res, 500, { ok: false });
          },
        );
    });
  };
}
