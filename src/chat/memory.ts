/**
 * What the conversation keeps in the Store, and under which keys: the chat's context (subject of
 * follow-ups, last answer), answers' citations (for buttons), rate-limit counters, one vote per
 * user and answer. Keys are namespaced by channel so Telegram and Zalo ids never collide.
 */
import { maskPersonal } from "../text/mask.js";
import { randomBytes } from "node:crypto";
import type { Focus, AskResult } from "../engine/types.js";
import type { Citation } from "../model/citation.js";
import type { Store } from "../store/store.js";
import type { ChatType, Origin, Votes } from "./types.js";

/** The Store's logs the conversation writes and /thongke, /chuatraloi read. */
export const QUESTIONS_LOG = "questions";
export const FEEDBACK_LOG = "feedback";
/** Text only (no user or chat id) of questions the documents could not answer. */
export const UNANSWERED_LOG = "unanswered";
/** Longest question text kept in the unanswered log. */
export const UNANSWERED_CHARS = 300;

export interface UnansweredRecord {
  text: string;
  channel: string;
}

/** How long an answer's buttons keep working. */
export const ANSWER_TTL_MS = 7 * 24 * 3600 * 1000;

export interface ChatContext {
  focus?: Focus;
  /** The last question asked (as answered), so an LLM can rewrite a follow-up into a full one. */
  question?: string;
  /** Id of the last answer in this chat, for channels that offer actions as text. */
  answerId?: string;
}

/** An answer as its buttons need it. The question is kept only when LOG_QUESTIONS is on. */
export interface AnswerRecord {
  channel: string;
  chatType: ChatType;
  status: AskResult["status"];
  citations: Array<{ docId: string; unit: number }>;
  related: Citation[];
  question?: string;
}

export class ChatMemory {
  constructor(
    private readonly store: Store,
    private readonly contextTtlMs: number,
  ) {}

  context(o: Origin): Promise<ChatContext | undefined> {
    return this.store.get<ChatContext>(`ctx:${o.channel}:${o.chatId}`);
  }

  setContext(o: Origin, c: ChatContext): Promise<void> {
    return this.store.set(`ctx:${o.channel}:${o.chatId}`, c, this.contextTtlMs);
  }

  /** Stores an answer's citations under a fresh short id (base36, ≤ 12 chars). */
  async saveAnswer(record: AnswerRecord): Promise<string> {
    const id = randomBytes(8).readBigUInt64BE().toString(36).slice(0, 12);
    await this.store.set(`ans:${id}`, record, ANSWER_TTL_MS);
    return id;
  }

  answer(id: string): Promise<AnswerRecord | undefined> {
    return this.store.get<AnswerRecord>(`ans:${id}`);
  }

  /** Questions this user asked in the current one-minute window, this one included. */
  countQuestion(o: Origin): Promise<number> {
    return this.store.incr(`rl:${o.channel}:${o.userId}`, 60_000);
  }

  /** Counts this user's vote on an answer; the new tally, or undefined when they already voted. */
  async vote(o: Origin, answerId: string, value: "up" | "down"): Promise<Votes | undefined> {
    if (!(await this.store.setIfAbsent(`vote:${o.channel}:${answerId}:${o.userId}`, value, ANSWER_TTL_MS))) return undefined;
    const key = (v: string) => `votes:${o.channel}:${answerId}:${v}`;
    const mine = await this.store.incr(key(value), ANSWER_TTL_MS);
    const other = (await this.store.get<number>(key(value === "up" ? "down" : "up"))) ?? 0;
    return value === "up" ? { up: mine, down: other } : { up: other, down: mine };
  }

  logQuestion(record: object): Promise<void> {
    return this.store.append(QUESTIONS_LOG, record);
  }

  logFeedback(record: object): Promise<void> {
    return this.store.append(FEEDBACK_LOG, record);
  }

  /**
   * A question the documents could not answer, for the admins' list: masked (maskPersonal), so the
   * store never holds the phone numbers or names it had, and cut to UNANSWERED_CHARS.
   */
  logUnanswered(channel: string, question: string): Promise<void> {
    const masked = maskPersonal(question);
    const text = masked.length > UNANSWERED_CHARS ? `${masked.slice(0, UNANSWERED_CHARS)}…` : masked;
    return this.store.append(UNANSWERED_LOG, { text, channel } satisfies UnansweredRecord);
  }
}
