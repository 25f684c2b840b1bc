/**
 * A fake OpenAI-compatible API on 127.0.0.1, as vLLM, Ollama or LM Studio expose it:
 * - POST /v1/chat/completions: each test scripts the reply (content, HTTP error, or a hang);
 *   with `stream: true` the content is sent as SSE chunks, then a usage chunk when
 *   stream_options.include_usage asks for it, then `data: [DONE]`.
 * - POST /v1/embeddings: deterministic vectors from the text (float or base64, as requested).
 * Every request body is recorded so tests can check what was sent.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  temperature?: number;
}

export type ChatReply =
  | {
      content: string;
      usage?: { prompt_tokens: number; completion_tokens: number };
      /** Streams the first half of the content, then goes silent without ending the response. */
      stall?: boolean;
    }
  | { status: number; body?: unknown }
  /** Never answers: the client must give up on its own. */
  | { hang: true };

export const EMBEDDING_DIMENSIONS = 16;

export class FakeOpenAIServer {
  readonly chatRequests: ChatRequest[] = [];
  readonly embeddingRequests: Array<{ model: string; input: string[]; encoding_format?: string }> = [];
  /** Decides the reply to each chat request; "not found" until a test sets it. */
  script: (req: ChatRequest) => ChatReply = () => ({ content: '{"not_found": true}' });

  private server = http.createServer((req, res) => void this.route(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  /** Value for OPENAI_BASE_URL. */
  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : {};
    if (req.method === "POST" && req.url === "/v1/chat/completions") return this.chat(body as ChatRequest, res);
    if (req.method === "POST" && req.url === "/v1/embeddings") return this.embeddings(body, res);
    json(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error" } });
  }

  private chat(body: ChatRequest, res: http.ServerResponse): void {
    this.chatRequests.push(body);
    const reply = this.script(body);
    if ("hang" in reply) return; // the socket stays open until the client aborts or stop()
    if ("status" in reply) return json(res, reply.status, reply.body ?? { error: { message: `scripted ${reply.status}`, type: "server_error" } });
    const usage = reply.usage ?? { prompt_tokens: 120, completion_tokens: 40 };
    const usageBody = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const base = { id: "chatcmpl-fake", created: Math.floor(Date.now() / 1000), model: body.model };
    if (reply.stall && !body.stream) return;
    if (!body.stream) {
      return json(res, 200, {
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
        usage: usageBody,
      });
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: object, finish: string | null = null) => send({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] });
    chunk({ role: "assistant", content: "" });
    const end = reply.stall ? Math.floor(reply.content.length / 2) : reply.content.length;
    for (let i = 0; i < end; i += 12) chunk({ content: reply.content.slice(i, Math.min(i + 12, end)) });
    if (reply.stall) return;
    chunk({}, "stop");
    if (body.stream_options?.include_usage) send({ ...base, object: "chat.completion.chunk", choices: [], usage: usageBody });
    res.end("data: [DONE]\n\n");
  }

  private embeddings(body: { model: string; input: string | string[]; encoding_format?: string }, res: http.ServerResponse): void {
    const input = Array.isArray(body.input) ? body.input : [body.input];
    this.embeddingRequests.push({ model: body.model, input, encoding_format: body.encoding_format });
    const data = input.map((text, index) => {
      const v = fakeVector(text);
      const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v;
      return { object: "embedding", index, embedding };
    });
    json(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: input.length, total_tokens: input.length } });
  }
}

/** A unit vector derived from the text's hash: stable, so identical texts embed identically. */
export function fakeVector(text: string): number[] {
  const h = createHash("sha256").update(text).digest();
  const v = Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => h[i] / 255 - 0.5);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
