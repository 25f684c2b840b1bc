/**
 * The one HTTP server that receives webhooks (WEBHOOK_PORT), shared by every channel in webhook
 * mode: each registers a path. It listens only when some channel registered one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash, timingSafeEqual } from "node:crypto";
import { errorSummary, type Logger } from "../log.js";

const MAX_URL_CHARS = 2048;
const MAX_HEADER_BYTES = 16 * 1024;
/** Telegram and Zalo updates are a few KB; anything near this is not an update. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Constant-time comparison; hashing first gives equal-length buffers and hides the secret's length. */
export function secretMatches(given: string, secret: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** The request body, or undefined when it grows past `max` bytes (the rest is discarded). */
export async function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size <= max ? Buffer.concat(chunks) : undefined;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export class WebhookServer {
  private routes = new Map<string, WebhookHandler>();
  private server?: Server;

  constructor(
    private readonly port: number,
    private readonly log: Logger,
  ) {}

  /** Path of a webhook URL ("https://host/tg/hook" → "/tg/hook"), or the fallback. */
  static pathOf(url: string | undefined, fallback: string): string {
    return url ? new URL(url).pathname : fallback;
  }

  route(path: string, handler: WebhookHandler): void {
    if (this.routes.has(path)) throw new Error(`Webhook path ${path} registered twice`);
    this.routes.set(path, handler);
  }

  /** Starts listening when some route exists; resolves with the bound port (0 picks a free one). */
  async listen(host?: string): Promise<number | undefined> {
    if (!this.routes.size || this.server) return this.server ? this.boundPort() : undefined;
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 15_000 }, (req, res) => {
      let handler: WebhookHandler | undefined;
      try {
        handler = this.handlerFor(req);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      // A handler that throws synchronously or rejects must not take the process down.
      Promise.resolve()
        .then(() => handler(req, res))
        .catch((err: unknown) => {
          this.log.error({ err: errorSummary(err) }, "webhook handler failed");
          if (!res.headersSent) res.writeHead(500).end();
        });
    });
    // Malformed request lines and oversized headers end here with 400/431, never as an exception.
    server.on("clientError", (_err, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      else socket.destroy();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, host, () => resolve());
    });
    this.log.info({ port: this.boundPort(), paths: [...this.routes.keys()] }, "webhook server listening");
    return this.boundPort();
  }

  /**
   * The route of a request: POST only, a short URL and a declared body under the cap. The path is
   * matched as sent (never parsed as a URL: "//" or "//[/../x" would throw or name a host); throws
   * on what is too large, and the caller answers 400.
   */
  private handlerFor(req: IncomingMessage): WebhookHandler | undefined {
    if (req.method !== "POST") return undefined;
    const raw = req.url ?? "/";
    if (raw.length > MAX_URL_CHARS) throw new Error("URL too long");
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) throw new Error("body too large");
    // Only the path matters: a raw "//host/..." must not be read as an authority.
    const path = raw.split("?")[0]!;
    return this.routes.get(path);
  }

  private boundPort(): number {
    const addr = this.server?.address();
    return typeof addr === "object" && addr ? addr.port : this.port;
  }

  /** Stops accepting requests; open connections finish. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
