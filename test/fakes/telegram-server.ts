/**
 * A fake Telegram Bot API server on 127.0.0.1 speaking the real protocol: POST
 * /bot<token>/<method> with a JSON or form body, replies {ok, result} or {ok: false, error_code,
 * description}. It rejects what Telegram would reject — text outside 1–4096 characters, HTML that
 * does not parse (unknown or unclosed tags, unescaped "<" or "&"), callback_data over 64 bytes,
 * bad inline results — and records every call so tests can check what the bot sent.
 * It is stricter than Telegram in one way: a raw ">" in HTML text is rejected too. Files added with
 * `addFile` are served by getFile and the download endpoint /file/bot<token>/<file_path>. sendPoll
 * and sendDocument (multipart uploads) are checked as Telegram does (telegram-media.ts); `vote`
 * sends a poll_answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Document, InlineKeyboardMarkup, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { BadRequest, checkPoll, parseMultipart, sentPoll, type Upload } from "./telegram-media.js";

export interface FakeCall {
  method: string;
  body: Record<string, any>;
  /** What the server returned (the Message for sendMessage). */
  result?: any;
  /** Description of the error when the server rejected the call. */
  error?: string;
}

type Failure = { status: number; error_code: number; description: string; parameters?: { retry_after?: number } };

const ALLOWED_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span", "a", "code", "pre", "blockquote", "tg-emoji"]);


/** Parses Telegram HTML like the Bot API; returns the plain text or throws "can't parse entities". */
export function parseTelegramHtml(html: string): string {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  const fail = (why: string) => {
    throw new BadRequest(`Bad Request: can't parse entities: ${why} at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
  };
  while (i < html.length) {
    const ch = html[i];
    if (ch === "<") {
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>/.exec(html.slice(i));
      if (!m) fail("Unexpected end of name token or unsupported start tag");
      const [whole, closing, rawName] = m!;
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) fail(`Unsupported start tag "${name}"`);
      if (closing) {
        if (stack.pop() !== name) fail(`Can't find end tag corresponding to start tag "${name}"`);
      } else {
        if (name === "blockquote" && stack.includes("blockquote")) fail("Blockquote entities can't be nested");
        stack.push(name);
      }
      i += whole.length;
    } else if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i));
      if (!m) fail("Character '&' is reserved and must be escaped");
      text += { lt: "<", gt: ">", amp: "&", quot: '"' }[m![1]] ?? String.fromCodePoint(m![1].startsWith("#x") ? parseInt(m![1].slice(2), 16) : Number(m![1].slice(1)));
      i += m![0].length;
    } else if (ch === ">") {
      fail("Character '>' must be escaped");
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length) fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"`);
  return text;
}

/** Telegram's checks on a message text; returns the text as the user sees it. */
function checkText(text: unknown, parseMode: unknown): string {
  if (typeof text !== "string") throw new BadRequest("Bad Request: message text is empty");
  const plain = parseMode === "HTML" ? parseTelegramHtml(text) : text;
  if (!plain.trim()) throw new BadRequest("Bad Request: message text is empty");
  if (plain.length > 4096) throw new BadRequest("Bad Request: message is too long");
  return plain;
}

function checkKeyboard(markup: unknown): void {
  if (markup === undefined) return;
  const rows = (markup as InlineKeyboardMarkup).inline_keyboard;
  if (!Array.isArray(rows)) throw new BadRequest("Bad Request: can't parse reply keyboard markup JSON object");
  for (const row of rows)
    for (const b of row as Array<{ text?: string; callback_data?: string }>) {
      if (!b.text) throw new BadRequest("Bad Request: text buttons are unallowed in the inline keyboard");
      const bytes = Buffer.byteLength(b.callback_data ?? "");
      if (b.callback_data !== undefined && (bytes < 1 || bytes > 64)) throw new BadRequest("Bad Request: BUTTON_DATA_INVALID");
    }
}

function checkInlineResults(results: unknown): void {
  if (!Array.isArray(results) || results.length > 50) throw new BadRequest("Bad Request: RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const r of results) {
    const bytes = Buffer.byteLength(String(r.id ?? ""));
    if (bytes < 1 || bytes > 64 || ids.has(r.id)) throw new BadRequest("Bad Request: RESULT_ID_INVALID");
    ids.add(r.id);
    if (r.type !== "article" || !r.title) throw new BadRequest("Bad Request: RESULT_TITLE_EMPTY");
    const content = r.input_message_content;
    checkText(content?.message_text, content?.parse_mode);
    checkKeyboard(r.reply_markup);
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const raw = bytes.toString("utf8");
  const type = req.headers["content-type"] ?? "";
  if (!raw) return {};
  if (type.startsWith("multipart/form-data")) return parseMultipart(bytes, type);
  if (type.startsWith("application/json")) return JSON.parse(raw);
  if (type.startsWith("application/x-www-form-urlencoded")) {
    // Telegram reads structured fields (reply_markup, results …) of form bodies as JSON.
    const out: Record<string, any> = {};
    for (const [k, v] of new URLSearchParams(raw)) out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    return out;
  }
  throw new BadRequest(`Bad Request: unsupported content type ${type}`);
}

export interface SendOptions {
  chat: Chat.PrivateChat | Chat.SupergroupChat | Chat.GroupChat;
  from: User;
  text?: string;
  replyTo?: Message;
  /** Extra message fields: sticker, photo, voice, caption … */
  extra?: Record<string, unknown>;
}

export class FakeTelegram {
  readonly token = "123456789:TEST-token_for-fake-server";
  readonly botInfo: UserFromGetMe = {
    id: 777000111,
    is_bot: true,
    first_name: "Hỏi Văn Bản",
    username: "HoiVanBanBot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  readonly calls: FakeCall[] = [];
  private server?: Server;
  private updates: Update[] = [];
  /** Telegram's update ids keep growing across a bot's restarts: a second fake for the same bot may start higher. */
  constructor(private nextUpdateId = 1) {}
  private nextMessageId = 1;
  private waiters = new Set<() => void>();
  private failures = new Map<string, Failure[]>();
  private gates = new Map<string, { open: Promise<void>; arrive: () => void }>();
  private listeners = new Set<(c: FakeCall) => void>();
  private chats = new Map<number, Chat>();
  private files = new Map<string, { path: string; bytes: Buffer }>();

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    // Like Telegram, keep idle connections open: the bot's keep-alive sockets stay usable.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` calls of `method` get this error (429 with retry_after, 500 …). */
  fail(method: string, times: number, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array(times).fill(failure)]);
  }

  /** Holds every call of `method` until `release()`; `arrived` resolves when the first one comes in. */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    this.gates.set(method, { open: new Promise<void>((r) => (release = r)), arrive });
    return {
      arrived,
      release: () => {
        this.gates.delete(method);
        release();
      },
    };
  }

  // ---- the user side ---------------------------------------------------------------------------

  push(update: Omit<Update, "update_id">): number {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    this.updates.push(full);
    for (const w of this.waiters) w();
    return full.update_id;
  }

  /** A user's message, with the entities Telegram would detect (commands, @mentions). */
  send(o: SendOptions): Message {
    this.chats.set(o.chat.id, o.chat);
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: o.chat,
      from: o.from,
      ...(o.text !== undefined ? { text: o.text, entities: detectEntities(o.text) } : {}),
      ...(o.replyTo ? { reply_to_message: o.replyTo } : {}),
      ...o.extra,
    } as Message;
    this.push({ message: message as Update["message"] });
    return message;
  }

  /** Stores a file as Telegram would after a user sent it; returns the message's `document` field. */
  addFile(bytes: Uint8Array, fileName: string, mimeType = "application/octet-stream"): Document {
    const id = `file${this.files.size + 1}`;
    this.files.set(id, { path: `documents/${id}_${fileName}`, bytes: Buffer.from(bytes) });
    return { file_id: id, file_unique_id: `u${id}`, file_name: fileName, mime_type: mimeType, file_size: bytes.length };
  }

  press(from: User, message: Message, data: string): string {
    const id = `cq${this.nextUpdateId}`;
    this.push({ callback_query: { id, from, message: message as any, chat_instance: "ci", data } });
    return id;
  }

  inline(from: User, query: string): string {
    const id = `iq${this.nextUpdateId}`;
    this.push({ inline_query: { id, from, query, offset: "", chat_type: "sender" } });
    return id;
  }

  /** A user's vote on a (non-anonymous) poll the bot sent. */
  vote(from: User, pollId: string, optionIds: number[]): number {
    return this.push({ poll_answer: { poll_id: pollId, user: from, option_ids: optionIds, option_persistent_ids: optionIds.map(String) } });
  }

  // ---- what the bot did ------------------------------------------------------------------------

  /** Calls `fn` with every call recorded from now on; returns the unsubscribe function. */
  subscribe(fn: (c: FakeCall) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves with the first call from index `since` on that matches. */
  waitFor(pred: (c: FakeCall) => boolean, since = 0, timeoutMs = 15_000): Promise<FakeCall> {
    const hit = this.calls.slice(since).find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const unsubscribe = this.subscribe((c) => {
        if (!pred(c)) return;
        unsubscribe();
        clearTimeout(timer);
        resolve(c);
      });
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no matching call after ${timeoutMs} ms; calls since ${since}: ${this.calls.slice(since).map((c) => c.method).join(", ")}`));
      }, timeoutMs);
    });
  }

  /** Messages the bot sent (accepted sendMessage calls), optionally to one chat. */
  sent(chatId?: number, since = 0): FakeCall[] {
    return this.calls.slice(since).filter((c) => c.method === "sendMessage" && !c.error && (chatId === undefined || c.body.chat_id === chatId));
  }

  rejected(): FakeCall[] {
    return this.calls.filter((c) => c.error && !c.error.startsWith("injected"));
  }

  // ---- the API ---------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, payload: object) => {
      if (!res.headersSent) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (file) return this.serveFile(file[1], decodeURIComponent(file[2]), res);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!m || m[1] !== this.token) return reply(m ? 401 : 404, { ok: false, error_code: m ? 401 : 404, description: m ? "Unauthorized" : "Not Found" });
    const method = m[2];
    const call: FakeCall = { method, body: {} };
    try {
      call.body = await readBody(req);
      const gate = this.gates.get(method);
      if (gate) {
        gate.arrive();
        await gate.open;
      }
      const failure = this.failures.get(method)?.shift();
      if (failure) {
        call.error = `injected ${failure.error_code}`;
        this.record(call);
        return reply(failure.status, { ok: false, error_code: failure.error_code, description: failure.description, ...(failure.parameters ? { parameters: failure.parameters } : {}) });
      }
      if (method === "getUpdates") return reply(200, { ok: true, result: await this.getUpdates(call, req) });
      call.result = this.handle(method, call.body);
      this.record(call);
      reply(200, { ok: true, result: call.result });
    } catch (e) {
      call.error = (e as Error).message;
      this.record(call);
      if (e instanceof BadRequest) reply(400, { ok: false, error_code: 400, description: call.error });
      else reply(500, { ok: false, error_code: 500, description: `Internal Server Error: ${call.error}` });
    }
  }

  /** The file download endpoint: GET /file/bot<token>/<file_path>, as the Bot API serves it. */
  private serveFile(token: string, filePath: string, res: ServerResponse): void {
    const f = token === this.token ? [...this.files.values()].find((x) => x.path === filePath) : undefined;
    this.record({ method: "downloadFile", body: { file_path: filePath }, ...(f ? {} : { error: "Not Found" }) });
    if (!f) return void res.writeHead(404).end("Not Found");
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": f.bytes.length }).end(f.bytes);
  }

  private record(call: FakeCall): void {
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);
  }

  private async getUpdates(call: FakeCall, req: IncomingMessage): Promise<Update[]> {
    const offset = Number(call.body.offset ?? 0);
    const limit = Number(call.body.limit ?? 100);
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    this.record(call);
    if (!this.updates.length && Number(call.body.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, Math.min(Number(call.body.timeout), 5) * 1000);
        this.waiters.add(done);
        req.once("close", done);
      });
    }
    return this.updates.slice(0, limit);
  }

  /** A message from the bot in `chatId`, as the sending methods return it. */
  private botMessage(chatId: unknown) {
    const chat = this.chats.get(Number(chatId)) ?? ({ id: Number(chatId), type: "private", first_name: "?" } as Chat);
    const { id, is_bot, first_name, username } = this.botInfo;
    return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: { id, is_bot, first_name, username } };
  }

  private handle(method: string, body: Record<string, any>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "deleteWebhook":
      case "setWebhook":
      case "sendChatAction":
      case "answerCallbackQuery":
        return true;
      case "setMyCommands":
        for (const c of body.commands ?? [])
          if (!/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256) throw new BadRequest("Bad Request: BOT_COMMAND_INVALID");
        return true;
      case "sendMessage": {
        const text = checkText(body.text, body.parse_mode);
        checkKeyboard(body.reply_markup);
        const chat = this.chats.get(Number(body.chat_id)) ?? ({ id: Number(body.chat_id), type: "private", first_name: "?" } as Chat);
        const { id, is_bot, first_name, username } = this.botInfo;
        return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: { id, is_bot, first_name, username }, text, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}) };
      }
      case "getFile": {
        const f = this.files.get(String(body.file_id));
        if (!f) throw new BadRequest("Bad Request: invalid file_id");
        // The cloud Bot API hands out files of at most 20 MB.
        if (f.bytes.length > 20 * 1024 * 1024) throw new BadRequest("Bad Request: file is too big");
        return { file_id: body.file_id, file_unique_id: `u${body.file_id}`, file_size: f.bytes.length, file_path: f.path };
      }
      case "editMessageReplyMarkup":
        checkKeyboard(body.reply_markup);
        return true;
      case "answerInlineQuery":
        checkInlineResults(body.results);
        return true;
      case "sendPoll":
        checkPoll(body);
        return { ...this.botMessage(body.chat_id), poll: sentPoll(`poll${this.nextMessageId}`, body) };
      case "sendDocument": {
        const doc = body.document as Upload | undefined;
        if (!doc?.data?.length) throw new BadRequest("Bad Request: there is no document in the request");
        if (doc.data.length > 50 * 1024 * 1024) throw new BadRequest("Bad Request: file is too big");
        const { file_name, data } = doc;
        return { ...this.botMessage(body.chat_id), document: { file_id: `sent${this.nextMessageId}`, file_unique_id: `usent${this.nextMessageId}`, file_name, file_size: data.length } };
      }
      default:
        throw new BadRequest(`Not Found: method ${method} not found`);
    }
  }
}

/** The bot_command and mention entities Telegram attaches to a text. */
function detectEntities(text: string): MessageEntity[] | undefined {
  const out: MessageEntity[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) out.push({ type: "bot_command", offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) out.push({ type: "mention", offset: m.index!, length: m[0].length });
  return out.length ? out : undefined;
}
