/**
 * The terminal channel: one question (`ask`, the engine's result as text or JSON) or a
 * conversation (`chat`, and `start` with no chat platform configured) through the same
 * Conversation as Telegram and Zalo — commands, follow-ups and quizzes included. Files (outline,
 * question bank) are saved in the current folder.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { createConversation } from "../chat/create.js";
import type { Conversation } from "../chat/conversation.js";
import type { QuizPresenter } from "../chat/quiz-runner.js";
import type { Origin, Reply, ReplyFile } from "../chat/types.js";
import type { Config } from "../config/env.js";
import type { Engine } from "../engine/engine.js";
import { createLogger } from "../log.js";
import { leaderboardText, questionText, revealText } from "../quiz/index.js";
import { planAnswer } from "../render/plan.js";
import { renderText } from "../render/text.js";
import { MemoryStore } from "../store/memory.js";

const CHANNEL = "terminal";
/** The one person at the keyboard. */
const ORIGIN: Origin = { channel: CHANNEL, chatId: "local", userId: "local", chatType: "private" };
const PLAYER = "Bạn";
const QUIT = /^(thoat|thoát|exit|quit)$/i;

export async function askOnce(engine: Engine, question: string, json: boolean): Promise<void> {
  const result = await engine.ask(question);
  console.log(json ? JSON.stringify(result, null, 1) : renderText(planAnswer(result)));
  if (result.status === "invalid") process.exitCode = 2;
}

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where files are saved (default: the current folder). */
  dir?: string;
}

/** Chats until "thoát", Ctrl+D or the end of the input; lists the documents first. */
export async function chatLoop(engine: Engine, config: Config, io: TerminalIo = { input: process.stdin, output: process.stdout }): Promise<void> {
  const print = (text: string) => io.output.write(`${text}\n`);
  // Structured logs would drown the conversation on the same screen: warnings only, unless asked.
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn");
  // One local user: the access list and the per-user rate limit are for shared chats.
  const conversation = createConversation({
    engine,
    store: new MemoryStore(),
    log,
    config: { ...config, ACCESS_MODE: "open", RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER },
  });
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: "isTTY" in io.input && !!io.input.isTTY });
  const show = async (replies: Reply[]) => {
    for (const r of replies) {
      print(`\n${renderText(r.blocks)}`);
      for (const f of r.files ?? []) print(`📎 Đã lưu tệp: ${await saveFile(io.dir ?? process.cwd(), f)}`);
    }
  };
  const quiz = conversation.quiz;
  await quiz?.attach(CHANNEL, terminalQuizPresenter(print));
  try {
    const loaded = engine.catalog().filter((c) => c.loaded).length;
    print(`Hỏi Văn Bản — ${loaded} văn bản đã nạp. Gõ câu hỏi rồi Enter; /help để xem hướng dẫn; "thoát" hoặc Ctrl+D để kết thúc.`);
    await show(await conversation.handle({ ...ORIGIN, text: "/vanban", addressed: true }));
    rl.setPrompt("\n❓ ");
    rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (QUIT.test(text)) break;
      if (text) await show(await reply(conversation, text));
      rl.prompt();
    }
  } finally {
    rl.close();
    await quiz?.detach(CHANNEL);
  }
}

/** While a quiz runs, "A" or "b." answers it; anything else is an ordinary message. */
async function reply(conversation: Conversation, text: string): Promise<Reply[]> {
  return (await conversation.quiz?.answer(ORIGIN, text, PLAYER)) ?? conversation.handle({ ...ORIGIN, text, addressed: true });
}

/** Quizzes as text, answered by typing the letter; the answer is revealed when the time is up. */
function terminalQuizPresenter(print: (text: string) => void): QuizPresenter {
  return {
    polls: false,
    async ask(_chatId, step, seconds) {
      print(`\n${questionText(step.question, step.index, step.total, seconds)}`);
      return undefined;
    },
    reveal: async (_chatId, q) => print(`\n${revealText(q)}`),
    finished: async (_chatId, board) => print(`\n${leaderboardText(board)}`),
  };
}

/** Saves under the file's own name, never over an existing file ("ten-2.docx"). */
async function saveFile(dir: string, f: ReplyFile): Promise<string> {
  const { name, ext } = path.parse(f.name);
  let target = path.join(dir, f.name);
  for (let n = 2; existsSync(target); n++) target = path.join(dir, `${name}-${n}${ext}`);
  await writeFile(target, f.data, { flag: "wx" });
  return target;
}
