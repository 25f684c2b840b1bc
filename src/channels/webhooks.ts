/**
 * The one HTTP server that receives webhooks (WEBHOOK_PORT), shared by every channel in webhook
 * mode: each registers a path. It listens only when some channel registered one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../log.js";

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
    const server = createServer((req, res) => {
      const handler = req.method === "POST" ? this.routes.get(new URL(req.url ?? "/", "http://x").pathname) : undefined;
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      Promise.resolve(handler(req, res)).catch((err: unknown) => {
        this.log.error({ err, path: req.url }, "webhook handler failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, host, () => resolve());
    });
    this.log.info({ port: this.boundPort(), paths: [...this.routes.keys()] }, "webhook server listening");
    return this.boundPort();
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
