/**
 * Quizzes in chat, for every channel. "/quiz <văn bản|chủ đề> [số câu]" makes verified questions
 * and starts a timed quiz in the chat (QuizRunner asks them through the channel's presenter);
 * "/ketqua" shows the scores so far, never ending anything; "/dunglai" ends the quiz early and
 * posts the final board — only its starter or an admin may, so a group member cannot cut a
 * trainer's session short. "/xuatquiz …" (or "/quiz … xuất file") sends the question bank as DOCX.
 * Answers come as poll votes (Telegram) or typed letters (Zalo); only the first one counts.
 */
import { randomInt } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import type { Logger } from "../log.js";
import {
  DEFAULT_QUESTION_SECONDS, exportQuiz, generateQuiz, leaderboardText, LETTERS, parseAnswer, parseQuizRequest, QuizError, quizTitle,
  QuizSessions, type QuizQuestion, type QuizRequest, type QuizWriter,
} from "../quiz/index.js";
import type { Store } from "../store/store.js";
import { foldKey } from "../text/normalize.js";
import { QuizRunner, quizKey, type QuizPresenter } from "./quiz-runner.js";
import { quizTexts } from "./texts.js";
import type { Origin, Reply } from "./types.js";

export interface ChatQuizOptions {
  engine: Engine;
  store: Store;
  log: Logger;
  /** Drafts questions with an LLM; each is still verified against the text. */
  writer?: QuizWriter;
  /** Seconds each question stays open (tests use a few). */
  questionSeconds?: number;
  /** Pause between the announcement and question 1, so the announcement is read first. */
  leadMs?: number;
}

/** A typed answer is a letter or an option's text, never longer than a poll option. */
const MAX_ANSWER_CHARS = 100;
/**
 * "/quiz Chỉ thị 05 xuất file" (also "… 20 xuất", "… | xuất"): the file instead of a game. A bare
 * trailing "xuất" after words is a topic ("sản xuất", "đề xuất").
 */
const EXPORT_WORD = /(?:\s+(?:xuất|xuat)\s+(?:file|tệp|tep|docx)|(?:\s*\|\s*|(?<=\d)\s+)(?:xuất|xuat))$/iu;

const notices = (...lines: string[]): Reply => ({ blocks: lines.map((text) => ({ kind: "notice" as const, text })), actions: [] });

/** "Bộ câu hỏi — Chỉ thị 997-CT/TEST" → "bo-cau-hoi-chi-thi-997-ct-test.docx". */
function bankFileName(title: string): string {
  return `${foldKey(title).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60).replace(/-$/, "") || "bo-cau-hoi"}.docx`;
}

export class ChatQuiz {
  private readonly sessions: QuizSessions;
  private readonly runner: QuizRunner;
  private readonly seconds: number;

  constructor(private readonly o: ChatQuizOptions) {
    this.sessions = new QuizSessions(o.store);
    this.runner = new QuizRunner(this.sessions, o.store, o.log);
    this.seconds = o.questionSeconds ?? DEFAULT_QUESTION_SECONDS;
  }

  /** A channel starts serving quizzes (and resumes those a restart interrupted). */
  attach(channel: string, presenter: QuizPresenter): Promise<void> {
    return this.runner.attach(channel, presenter);
  }

  /** A channel stops: its timers are cleared; its quizzes resume at its next start. */
  detach(channel: string): Promise<void> {
    return this.runner.detach(channel);
  }

  /** Replies to "/quiz", "/xuatquiz", "/ketqua" or "/dunglai"; `admin` may stop anyone's quiz. */
  async command(o: Origin, name: string, args: string, admin: boolean): Promise<Reply> {
    switch (name) {
      case "ketqua":
        return notices(leaderboardText(await this.sessions.leaderboard(quizKey(o))));
      case "dunglai":
        return this.stop(o, admin);
      default: {
        const exporting = name === "xuatquiz" || EXPORT_WORD.test(args);
        return this.create(o, args.replace(EXPORT_WORD, "").trim(), exporting);
      }
    }
  }

  private async create(o: Origin, args: string, exporting: boolean): Promise<Reply> {
    if (!args) return notices(quizTexts.usage);
    const key = quizKey(o);
    const presenter = this.runner.presenter(o.channel);
    if (!exporting) {
      if (!presenter) return notices(quizTexts.unavailable);
      const current = await this.sessions.get(key);
      if (current && !current.finished) return notices(quizTexts.running);
    }
    const req = parseQuizRequest(this.o.engine, args);
    if ("error" in req) return notices(req.error, quizTexts.usage);
    let questions: QuizQuestion[];
    try {
      // A fresh seed: the same request in another session gets other questions.
      questions = await generateQuiz(this.o.engine, { ...req, seed: randomInt(1e9), writer: this.o.writer });
    } catch (e) {
      if (e instanceof QuizError) return notices(e.message);
      throw e;
    }
    if (!questions.length) return notices(quizTexts.noQuestions);
    const title = quizTitle(this.o.engine, req);
    if (exporting) return this.exported(questions, title, req);
    await this.sessions.start(key, questions, { title, questionSeconds: this.seconds, startedBy: o.userId });
    this.runner.schedule(key, Date.now() + (this.o.leadMs ?? 5000));
    return notices(...quizTexts.started(title, questions.length, req.count, this.seconds, presenter!.polls));
  }

  private async exported(questions: QuizQuestion[], title: string, req: QuizRequest): Promise<Reply> {
    const file = await exportQuiz(questions, "docx", { title, generatedAt: new Date() });
    return { ...notices(quizTexts.exported(title, questions.length, req.count)), files: [{ name: bankFileName(title), data: file.data, mime: file.mime }] };
  }

  private async stop(o: Origin, admin: boolean): Promise<Reply> {
    const key = quizKey(o);
    const s = await this.sessions.get(key);
    if (!s || s.finished) return notices(quizTexts.noneRunning);
    if (o.chatType === "group" && s.startedBy !== o.userId && !admin) return notices(quizTexts.onlyStarter);
    this.runner.cancel(key);
    const board = await this.sessions.finish(key);
    // The board goes out in this reply: the timer, if it fires meanwhile, must not post it again.
    await this.runner.once(`announced:${board.sessionId}`);
    return notices(quizTexts.stopped, leaderboardText(board));
  }

  /**
   * A typed answer (channels without polls): the reply to send, [] to stay silent, or undefined
   * when the text is no answer to a running quiz (then it is an ordinary message). Groups get
   * no acknowledgement: thirty "đã ghi nhận" per question would drown the quiz.
   */
  async answer(o: Origin, text: string, name: string): Promise<Reply[] | undefined> {
    if (text.length > MAX_ANSWER_CHARS) return undefined;
    const key = quizKey(o);
    const s = await this.sessions.get(key);
    if (!s || s.finished || s.current < 0) return undefined;
    const option = parseAnswer(text, s.questions[s.current]);
    if (option === undefined) return undefined;
    const outcome = await this.sessions.recordAnswer(key, { userId: o.userId, name, question: s.current, option });
    if (o.chatType === "group") return [];
    switch (outcome.status) {
      case "recorded":
        return [notices(quizTexts.recorded(LETTERS[option]))];
      case "duplicate":
        return [notices(quizTexts.again)];
      case "closed":
        return [notices(quizTexts.late)];
      default:
        return [];
    }
  }

  /** A vote on a quiz poll (Telegram poll_answer): scored for the poll's question, once per user. */
  async pollAnswer(pollId: string, userId: string, name: string, optionIds: number[]): Promise<void> {
    if (!optionIds.length) return;
    // A very quick vote can arrive before the poll is bound to its question.
    if (!(await this.sessions.pollTarget(pollId))) await this.runner.settled();
    const target = await this.sessions.pollTarget(pollId);
    if (!target) return;
    const s = await this.sessions.get(target.chatId);
    if (!s || s.finished || s.id !== (await this.runner.pollSession(pollId))) return;
    await this.sessions.recordAnswer(target.chatId, { userId, name, question: target.question, option: optionIds[0] });
  }
}
