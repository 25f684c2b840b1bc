/**
 * The conversation every chat channel shares: a normalised message in, structured replies out
 * (blocks to render, actions to offer). Commands, follow-up context, rate limits, odd input,
 * logging and feedback live here once; channels only translate to and from their platform.
 */
import { AccessPolicy } from "../access/policy.js";
import type { AskResult } from "../engine/types.js";
import type { Logger } from "../log.js";
import { docLabel, type Citation } from "../model/citation.js";
import { planAnswer, quoteBlock, type Block } from "../render/plan.js";
import type { Store } from "../store/store.js";
import { findCommand, parseCommand, type CommandHost } from "./commands.js";
import { ChatMemory, type AnswerRecord } from "./memory.js";
import type { ChatPoints } from "./points.js";
import type { ChatQuiz } from "./quiz.js";
import { texts } from "./texts.js";
import type { Action, ActResult, AdminService, ChatConfig, ChatEngine, Incoming, Later, Origin, Reply, UploadedFile } from "./types.js";

export interface ConversationDeps {
  engine: ChatEngine;
  store: Store;
  log: Logger;
  config: ChatConfig;
  /** Uploads and admin commands; without it they are refused (e.g. the terminal). */
  admin?: AdminService;
  /** "/dancuong" talking points; without it the command is refused. */
  points?: ChatPoints;
  /** "/quiz" and its companions; channels attach their presenters to it (`conversation.quiz`). */
  quiz?: ChatQuiz;
}

/** Inline lookups offer at most this many units. */
const MAX_LOOKUP = 10;

const notice = (text: string): Reply => ({ blocks: [{ kind: "notice", text }], actions: [] });
const hasWords = (s: string) => /[\p{L}\p{N}]/u.test(s);

export class Conversation {
  private readonly memory: ChatMemory;
  private readonly access: AccessPolicy;

  constructor(private readonly deps: ConversationDeps) {
    this.memory = new ChatMemory(deps.store, deps.config.CONTEXT_TTL_MINUTES * 60_000);
    this.access = new AccessPolicy(deps.config);
  }

  /** The chat quizzes, for channels to attach their presenter and pass poll votes or typed answers. */
  get quiz(): ChatQuiz | undefined {
    return this.deps.quiz;
  }

  /**
   * Replies to one message; [] when the bot must stay silent (unaddressed group message, or a
   * rate-limited user told so once already). A command is dispatched through the table of
   * src/chat/commands.ts; any other text is a question, answered with the chat's follow-up context.
   * `later` sends what comes after the first replies (an admin command's background results).
   *
   * @example
   * ```ts
   * const conversation = new Conversation({ engine, store: new MemoryStore(), log, config });
   * const origin = { channel: "demo", chatId: "c1", userId: "u1", chatType: "private" } as const;
   * const [reply] = await conversation.handle({ ...origin, text: "Điều 5 quy chế vườn ươm", addressed: true });
   * console.log(renderText(reply.blocks)); // the quote, with "Điều 5 — Quy chế …" above it
   * await conversation.handle({ ...origin, text: "còn khoản 3 thì sao?", addressed: true }); // khoản 3 of that Điều 5
   * ```
   */
  async handle(msg: Incoming, later: Later = async () => {}): Promise<Reply[]> {
    const started = performance.now();
    const refused = await this.gate(msg);
    if (refused) return refused;

    if (msg.media) return [notice(msg.media === "document" && this.isAdmin(msg) ? texts.adminUpload : texts.media(msg.media))];
    const cmd = parseCommand(msg.text);
    if (!cmd) return [await this.question(msg, msg.text, started)];
    const command = findCommand(cmd.name);
    if (!command) return [notice(texts.unknownCommand(cmd.name))];
    const isAdmin = this.isAdmin(msg);
    if (command.audience === "admin" && !(isAdmin && this.deps.admin)) return [notice(texts.adminOnly)];
    const host: CommandHost = { ...this.deps, question: (m, text) => this.question(m, text, started) };
    return command.handle({ host, msg, name: cmd.name, args: cmd.args, isAdmin, later });
  }

  /**
   * A document sent in the chat (channels that can download files) goes to the admin service,
   * which takes admins' and refuses others'. Access and rate limits as for text.
   */
  async upload(msg: Incoming, file: UploadedFile, later: Later): Promise<Reply[]> {
    const refused = await this.gate(msg);
    if (refused) return refused;
    if (this.deps.admin) return this.deps.admin.upload(msg, file, later);
    return [notice(this.isAdmin(msg) ? texts.adminUpload : texts.media("document"))];
  }

  /**
   * What every message passes first: silence for an unaddressed group message, the access policy,
   * the per-user rate limit. Returns the replies that end the message here, or undefined.
   */
  private async gate(msg: Incoming): Promise<Reply[] | undefined> {
    if (msg.chatType === "group" && !msg.addressed) return [];
    if (!this.allowed(msg)) return [notice(texts.restricted)];
    const over = await this.overLimit(msg);
    // Say it once per window; repeating it would only add to the flood.
    if (over) return over.first ? [notice(texts.rateLimited(over.limit))] : [];
    return undefined;
  }

  /**
   * Counts one request against the user's per-minute limit — messages, button presses and inline
   * queries alike, one counter — and says whether it is over (and whether it is the first over).
   */
  private async overLimit(o: Origin): Promise<{ limit: number; first: boolean } | undefined> {
    const count = await this.memory.countQuestion(o);
    const limit = this.deps.config.RATE_LIMIT_PER_MINUTE;
    return count > limit ? { limit, first: count === limit + 1 } : undefined;
  }

  private async question(msg: Incoming, text: string, started: number): Promise<Reply> {
    if (!hasWords(text)) return notice(texts.noText);
    const ctx = await this.memory.context(msg);
    const result = await this.deps.engine.ask(text, { focus: ctx?.focus, previousQuestion: ctx?.question });
    const answerId = result.status === "invalid" ? undefined : await this.memory.saveAnswer(this.record(msg, result));
    // A question that found nothing keeps the previous subject, so the user can rephrase a follow-up.
    const focus = result.focus ?? ctx?.focus;
    if (focus || answerId) await this.memory.setContext(msg, { focus, answerId: answerId ?? ctx?.answerId, question: result.question });
    await this.logQuestion(msg, result, performance.now() - started);
    return { blocks: planAnswer(result), actions: answerId ? this.actions(result, answerId) : [], result };
  }

  private record(o: Origin, r: AskResult): AnswerRecord {
    return {
      channel: o.channel,
      chatType: o.chatType,
      status: r.status,
      citations: r.citations.map((c) => ({ docId: c.doc.id, unit: c.unit })),
      related: r.related,
      ...(this.deps.config.LOG_QUESTIONS ? { question: r.question } : {}),
    };
  }

  private actions(r: AskResult, answerId: string): Action[] {
    const out: Action[] = [];
    r.citations.forEach((c, i) => {
      // No "Nguyên văn" when the quote already is the whole unit.
      if (this.deps.engine.unitText(c.doc.id, c.unit)?.text !== c.quote) out.push({ kind: "full", answerId, n: i + 1 });
    });
    if (r.related.length) out.push({ kind: "related", answerId });
    out.push({ kind: "feedback", answerId, value: "up" }, { kind: "feedback", answerId, value: "down" });
    return out;
  }

  private async logQuestion(o: Origin, r: AskResult, ms: number): Promise<void> {
    const text = this.deps.config.LOG_QUESTIONS ? { text: r.question } : {};
    const record = { channel: o.channel, chatType: o.chatType, status: r.status, citations: r.citations.length, ms: Math.round(ms), ...text };
    this.deps.log.info({ ...record, notFound: r.status === "not_found" }, "question");
    await this.memory.logQuestion(record);
    // What the documents could not answer, for the admins' /chuatraloi (text only, no ids).
    if (r.status === "not_found" && this.deps.config.LOG_UNANSWERED) await this.memory.logUnanswered(o.channel, r.question);
  }

  /** Carries out a button press (or its text equivalent) on an earlier answer. */
  async act(o: Origin, a: Action): Promise<ActResult> {
    if (!this.allowed(o)) return { replies: [], toast: texts.restricted };
    // Over the limit: a toast only the presser sees, never a message into the chat.
    const over = await this.overLimit(o);
    if (over) return { replies: [], toast: texts.rateLimited(over.limit) };
    const record = await this.memory.answer(a.answerId);
    if (!record) return a.kind === "feedback" ? { replies: [], toast: texts.expired } : { replies: [notice(texts.expired)] };
    switch (a.kind) {
      case "full": {
        const ref = record.citations[a.n - 1];
        const unit = ref && this.deps.engine.unitText(ref.docId, ref.unit);
        if (!unit) return { replies: [notice(texts.unitGone)] };
        const ctx = await this.memory.context(o);
        await this.memory.setContext(o, { ...ctx, focus: ref });
        return { replies: [{ blocks: [quoteBlock(unit.citation, a.n, unit.text)], actions: [] }] };
      }
      case "related":
        return { replies: [record.related.length ? { blocks: relatedBlocks(record.related), actions: [] } : notice(texts.noRelated)] };
      case "feedback": {
        const votes = await this.memory.vote(o, a.answerId, a.value);
        if (!votes) return { replies: [], toast: texts.feedbackAgain };
        const { channel, chatType, status, citations, question } = record;
        await this.memory.logFeedback({ channel, chatType, answerId: a.answerId, value: a.value, status, citations, ...(question ? { question } : {}) });
        return { replies: [], toast: texts.feedbackThanks, votes };
      }
    }
  }

  /**
   * Units matching a query, best first (inline mode): the cited ones, then the related ones.
   * Inline queries come from a user, not a chat: pass the user id as chatId too.
   */
  async lookup(o: Origin, query: string): Promise<Citation[]> {
    if (!hasWords(query) || !this.allowed(o) || (await this.overLimit(o))) return [];
    const r = await this.deps.engine.ask(query);
    const seen = new Set<string>();
    return [...r.citations, ...r.related]
      .filter((c) => {
        const key = `${c.doc.id}#${c.unit}`;
        return !seen.has(key) && seen.add(key);
      })
      .slice(0, MAX_LOOKUP);
  }

  /** Id of the chat's last answer (for channels that take actions as typed text). */
  async lastAnswerId(o: Origin): Promise<string | undefined> {
    return (await this.memory.context(o))?.answerId;
  }

  private allowed(o: Origin): boolean {
    return this.access.allows(o);
  }

  private isAdmin(o: Origin): boolean {
    return this.access.isAdmin(o);
  }
}

/** The other passages that matched, each with its citation; superseded documents say so. */
function relatedBlocks(related: Citation[]): Block[] {
  const blocks: Block[] = [{ kind: "notice", text: texts.relatedTitle }, ...related.map((c, i) => quoteBlock(c, i + 1))];
  const superseded = new Map(related.filter((c) => c.doc.status === "superseded").map((c) => [c.doc.id, c.doc]));
  for (const d of superseded.values()) blocks.push({ kind: "warning", text: texts.superseded(docLabel(d), d.replacedBy) });
  return blocks;
}
