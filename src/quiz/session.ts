/**
 * A quiz played in a chat, whatever the channel: questions asked one at a time with a deadline,
 * answers recorded once per user and question, a leaderboard. Everything lives in the Store, so
 * a restarted bot resumes the quiz and still knows who answered what.
 *
 * Driving it: call `next(chatId)` when the quiz starts and again when the returned deadline
 * passes; it says which question to send, or that the quiz is over (after a restart, `active()`
 * lists the chats to resume). Telegram maps a poll to its question with `bindPoll`/`pollTarget`;
 * Zalo answers the current question by letter.
 */
import { randomUUID } from "node:crypto";
import type { Store } from "../store/store.js";
import type { QuizQuestion } from "./types.js";

export interface QuizSession {
  id: string;
  chatId: string;
  title: string;
  startedBy?: string;
  startedAt: number;
  questions: QuizQuestion[];
  /** Seconds each question stays open. */
  questionSeconds: number;
  /** Index of the question asked last; -1 before the first. */
  current: number;
  /** When each asked question was opened (ms epoch), by index. */
  openedAt: number[];
  finished: boolean;
}

export type QuizStep =
  | { type: "ask"; index: number; total: number; question: QuizQuestion; deadline: number }
  | { type: "wait"; until: number }
  | { type: "finished"; board: Leaderboard }
  | { type: "none" };

export interface AnswerInput {
  userId: string;
  name: string;
  /** Index of the question answered; default: the one open now. */
  question?: number;
  option: number;
}

export type AnswerOutcome =
  | { status: "recorded" | "duplicate"; correct: boolean; correctOption: number }
  | { status: "no_quiz" | "closed" | "invalid" };

export interface LeaderboardRow {
  rank: number;
  userId: string;
  name: string;
  correct: number;
  answered: number;
  /** Time taken over correct answers (ms): breaks ties, faster first. */
  ms: number;
}

export interface Leaderboard {
  sessionId: string;
  title: string;
  total: number;
  finished: boolean;
  rows: LeaderboardRow[];
}

interface AnswerRecord {
  userId: string;
  name: string;
  question: number;
  option: number;
  correct: boolean;
  ms: number;
}

export const DEFAULT_QUESTION_SECONDS = 30;
/** Answers arriving this late after a deadline still count (network and Telegram's own delay). */
const GRACE_MS = 3000;
/** How long a chat's quiz and its answers are kept. */
const KEEP_MS = 30 * 24 * 3600 * 1000;
const MAX_ANSWERS = 100_000;
const OPEN_CLAIM_MS = 10_000;

const sessionKey = (chatId: string) => `quiz:session:${chatId}`;
const pollKey = (pollId: string) => `quiz:poll:${pollId}`;
const answersLog = (sessionId: string) => `quiz:answers:${sessionId}`;
export const RESULTS_LOG = "quiz:results";
const STARTED_LOG = "quiz:started";

export class QuizSessions {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a quiz in a chat, replacing any earlier one there. */
  async start(chatId: string, questions: QuizQuestion[], opts: { title?: string; questionSeconds?: number; startedBy?: string } = {}): Promise<QuizSession> {
    if (!questions.length) throw new Error("a quiz needs at least one question");
    const session: QuizSession = {
      id: randomUUID(),
      chatId,
      title: opts.title ?? "Câu hỏi trắc nghiệm",
      startedBy: opts.startedBy,
      startedAt: this.now(),
      questions,
      questionSeconds: opts.questionSeconds ?? DEFAULT_QUESTION_SECONDS,
      current: -1,
      openedAt: [],
      finished: false,
    };
    await this.store.set(sessionKey(chatId), session, KEEP_MS);
    await this.store.append(STARTED_LOG, { chatId });
    return session;
  }

  /** Chats with a quiz still running: after a restart, call `next` for each to resume its timer. */
  async active(): Promise<string[]> {
    const chats = new Set((await this.store.recent<{ chatId: string }>(STARTED_LOG, MAX_ANSWERS, this.now() - KEEP_MS)).map((r) => r.chatId));
    const running = await Promise.all([...chats].map(async (c) => ((await this.get(c))?.finished === false ? c : undefined)));
    return running.filter((c): c is string => c !== undefined);
  }

  async get(chatId: string): Promise<QuizSession | undefined> {
    return this.store.get<QuizSession>(sessionKey(chatId));
  }

  private deadline(s: QuizSession, index: number): number {
    return s.openedAt[index] + s.questionSeconds * 1000;
  }

  /** What the chat should do now: ask the next question, wait for the open one, or show the results. */
  async next(chatId: string): Promise<QuizStep> {
    const s = await this.get(chatId);
    if (!s) return { type: "none" };
    if (s.finished) return { type: "finished", board: await this.leaderboard(chatId) };
    if (s.current >= 0 && this.now() < this.deadline(s, s.current)) return { type: "wait", until: this.deadline(s, s.current) };
    const index = s.current + 1;
    if (index >= s.questions.length) return { type: "finished", board: await this.finish(chatId) };
    // Two timers (or two bot instances) must not both send the same question; the claim expires so a
    // crash between claiming and saving does not stall the quiz.
    if (!(await this.store.setIfAbsent(`quiz:open:${s.id}:${index}`, true, OPEN_CLAIM_MS))) {
      const fresh = (await this.get(chatId)) ?? s;
      return { type: "wait", until: fresh.current === index ? this.deadline(fresh, index) : this.now() + 1000 };
    }
    s.current = index;
    s.openedAt[index] = this.now();
    await this.store.set(sessionKey(chatId), s, KEEP_MS);
    return { type: "ask", index, total: s.questions.length, question: s.questions[index], deadline: this.deadline(s, index) };
  }

  /** Remembers which question a Telegram poll asks: poll_answer updates carry only the poll id. */
  async bindPoll(chatId: string, question: number, pollId: string): Promise<void> {
    await this.store.set(pollKey(pollId), { chatId, question }, KEEP_MS);
  }

  async pollTarget(pollId: string): Promise<{ chatId: string; question: number } | undefined> {
    return this.store.get(pollKey(pollId));
  }

  /** Records an answer; the first answer of a user to a question counts, repeats change nothing. */
  async recordAnswer(chatId: string, a: AnswerInput): Promise<AnswerOutcome> {
    const s = await this.get(chatId);
    if (!s) return { status: "no_quiz" };
    const index = a.question ?? s.current;
    const at = this.now();
    // A finished quiz, a question not asked yet, or one past its deadline (and the grace for slow delivery).
    if (s.finished || index < 0 || index > s.current || at > this.deadline(s, index) + GRACE_MS) return { status: "closed" };
    const q = s.questions[index];
    if (!Number.isInteger(a.option) || a.option < 0 || a.option >= q.options.length) return { status: "invalid" };
    const record: AnswerRecord = { userId: a.userId, name: a.name, question: index, option: a.option, correct: a.option === q.correct, ms: at - s.openedAt[index] };
    const key = `quiz:answer:${s.id}:${index}:${a.userId}`;
    if (!(await this.store.setIfAbsent(key, record, KEEP_MS))) {
      const first = (await this.store.get<AnswerRecord>(key)) ?? record;
      return { status: "duplicate", correct: first.correct, correctOption: q.correct };
    }
    await this.store.append(answersLog(s.id), record);
    return { status: "recorded", correct: record.correct, correctOption: q.correct };
  }

  /** Scores so far (or final): most correct answers first, then fastest. */
  async leaderboard(chatId: string): Promise<Leaderboard> {
    const s = await this.get(chatId);
    if (!s) return { sessionId: "", title: "", total: 0, finished: false, rows: [] };
    const byUser = new Map<string, Omit<LeaderboardRow, "rank">>();
    // Oldest first, so the latest display name wins.
    for (const r of (await this.store.recent<AnswerRecord>(answersLog(s.id), MAX_ANSWERS)).reverse()) {
      const row = byUser.get(r.userId) ?? { userId: r.userId, name: r.name, correct: 0, answered: 0, ms: 0 };
      row.name = r.name;
      row.answered++;
      if (r.correct) (row.correct++, (row.ms += r.ms));
      byUser.set(r.userId, row);
    }
    const rows = [...byUser.values()]
      .sort((a, b) => b.correct - a.correct || a.ms - b.ms || a.name.localeCompare(b.name, "vi"))
      .map((r, i) => ({ ...r, rank: i + 1 }));
    return { sessionId: s.id, title: s.title, total: s.questions.length, finished: s.finished, rows };
  }

  /** Ends the quiz (also early, on the trainer's command); the result is logged once. */
  async finish(chatId: string): Promise<Leaderboard> {
    const s = await this.get(chatId);
    if (!s) return this.leaderboard(chatId);
    if (!s.finished) {
      s.finished = true;
      await this.store.set(sessionKey(chatId), s, KEEP_MS);
    }
    const board = await this.leaderboard(chatId);
    if (await this.store.setIfAbsent(`quiz:logged:${s.id}`, true, KEEP_MS))
      await this.store.append(RESULTS_LOG, { chatId, sessionId: s.id, title: s.title, startedBy: s.startedBy, total: board.total, rows: board.rows });
    return board;
  }
}
