/**
 * The clock of chat quizzes: one timer per running quiz, driven by QuizSessions.next() — ask the
 * next question through the channel's presenter, wait for the open one's deadline, reveal it,
 * post the final leaderboard. Channels attach a presenter when they start (which resumes their
 * quizzes left running by a restart) and detach it when they stop (which clears their timers).
 * Quizzes are keyed "<channel>:<chatId>" in the sessions, so channels' chat ids never collide.
 */
import { errorSummary, type Logger } from "../log.js";
import type { Leaderboard, QuizQuestion, QuizSessions, QuizStep } from "../quiz/index.js";
import type { Store } from "../store/store.js";
import type { Origin } from "./types.js";

export type AskStep = Extract<QuizStep, { type: "ask" }>;

/** How a channel shows a quiz. */
export interface QuizPresenter {
  /** Native quiz polls (Telegram) show right and wrong themselves; text quizzes are answered by letter. */
  polls: boolean;
  /** Puts a question to the chat for `seconds`; returns the poll id when it is a native poll. */
  ask(chatId: string, step: AskStep, seconds: number): Promise<string | undefined>;
  /** After a question's deadline (text quizzes): the answer and where it is written. */
  reveal?(chatId: string, question: QuizQuestion): Promise<void>;
  finished(chatId: string, board: Leaderboard): Promise<void>;
}

/** A failed step, or a session unreadable during a store outage, is tried again this much later. */
const RETRY_MS = 5000;
/** How long one-off marks (revealed, announced, poll → session) are kept: a quiz lasts far less. */
const MARK_TTL_MS = 7 * 24 * 3600 * 1000;

export const quizKey = (o: Pick<Origin, "channel" | "chatId">) => `${o.channel}:${o.chatId}`;
const split = (key: string) => {
  const at = key.indexOf(":");
  return { channel: key.slice(0, at), chatId: key.slice(at + 1) };
};

export class QuizRunner {
  private presenters = new Map<string, QuizPresenter>();
  private timers = new Map<string, NodeJS.Timeout>();
  private busy = new Set<Promise<void>>();
  /** Quizzes whose session the store could not show during an outage (logged once each). */
  private unreadable = new Set<string>();

  constructor(
    private readonly sessions: QuizSessions,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  presenter(channel: string): QuizPresenter | undefined {
    return this.presenters.get(channel);
  }

  /** Serves a channel and resumes the quizzes it left running. */
  async attach(channel: string, presenter: QuizPresenter): Promise<void> {
    this.presenters.set(channel, presenter);
    for (const key of await this.sessions.active()) if (split(key).channel === channel) this.schedule(key, Date.now());
  }

  /** Stops a channel's timers; resolves once steps under way are done. Its sessions stay for the next start. */
  async detach(channel: string): Promise<void> {
    this.presenters.delete(channel);
    for (const key of [...this.timers.keys()]) if (split(key).channel === channel) this.cancel(key);
    await this.settled();
  }

  /** Runs the quiz's next step at `at` (ms epoch), replacing any step planned for it. */
  schedule(key: string, at: number): void {
    if (!this.presenters.has(split(key).channel)) return;
    this.cancel(key);
    this.timers.set(key, setTimeout(() => this.run(key), Math.max(0, at - Date.now())));
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Resolves when the steps under way are done, e.g. a poll sent but not yet bound to its question. */
  async settled(): Promise<void> {
    while (this.busy.size) await Promise.all(this.busy);
  }

  /** True the first time it is called for `mark`, across restarts and instances. */
  once(mark: string): Promise<boolean> {
    return this.store.setIfAbsent(`quiz:once:${mark}`, true, MARK_TTL_MS);
  }

  /** The session a poll belongs to: a poll still open from an earlier quiz must not score in a new one. */
  pollSession(pollId: string): Promise<string | undefined> {
    return this.store.get<string>(`quiz:poll-session:${pollId}`);
  }

  private run(key: string): void {
    this.timers.delete(key);
    const step = this.step(key)
      .catch((err: unknown) => {
        this.log.error({ err: errorSummary(err), channel: split(key).channel }, "quiz step failed; retrying");
        this.schedule(key, Date.now() + RETRY_MS);
      })
      .finally(() => this.busy.delete(step));
    this.busy.add(step);
  }

  private async step(key: string): Promise<void> {
    const { channel, chatId } = split(key);
    const presenter = this.presenters.get(channel);
    if (!presenter) return;
    // Copied before next(): an in-process store hands out the object next() then changes.
    const s = await this.sessions.get(key);
    const open = s && !s.finished && s.current >= 0 ? { id: s.id, index: s.current, question: s.questions[s.current] } : undefined;
    const step = await this.sessions.next(key);
    if (step.type === "none" && this.store.isDegraded) {
      // The session is in the shared store, out of reach: keep the clock until it is back, when
      // the quiz goes on from wherever its deadlines have brought it.
      if (!this.unreadable.has(key)) this.log.warn({ channel: split(key).channel }, "quiz session unreadable during a store outage: waiting for the store");
      this.unreadable.add(key);
      return this.schedule(key, Date.now() + RETRY_MS);
    }
    if (this.unreadable.delete(key)) this.log.info({ channel: split(key).channel }, "quiz resumed after the store outage");
    // Moving on means the open question's deadline passed (not so after an early stop).
    if ((step.type === "ask" || step.type === "finished") && open && presenter.reveal) {
      if (await this.once(`revealed:${open.id}:${open.index}`)) await this.quietly(key, "reveal", () => presenter.reveal!(chatId, open.question));
    }
    switch (step.type) {
      case "ask":
        await this.quietly(key, "ask", async () => {
          const pollId = await presenter.ask(chatId, step, Math.round((step.deadline - Date.now()) / 1000));
          if (!pollId || !s) return;
          await this.store.set(`quiz:poll-session:${pollId}`, s.id, MARK_TTL_MS);
          await this.sessions.bindPoll(key, step.index, pollId);
        });
        return this.schedule(key, step.deadline);
      case "wait":
        return this.schedule(key, step.until);
      case "finished":
        if (await this.once(`announced:${step.board.sessionId}`)) await this.quietly(key, "leaderboard", () => presenter.finished(chatId, step.board));
    }
  }

  /** A message the platform refused is logged and the quiz goes on: a missed question beats a stuck quiz. */
  private async quietly(key: string, what: string, send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (err) {
      this.log.error({ err: errorSummary(err), channel: split(key).channel }, `quiz ${what} not sent`);
    }
  }
}
