/**
 * Every chat command, once. The conversation dispatches from this table, /help lists it, Telegram's
 * command menu (setMyCommands) and Zalo's typed commands ("dàn ý …") are derived from it: a new
 * command is one entry here (and its texts), in no other file.
 */
import { docLabel } from "../model/citation.js";
import type { Block } from "../render/plan.js";
import { foldKey } from "../text/normalize.js";
import { catalogBlocks } from "./catalog.js";
import type { ChatPoints } from "./points.js";
import type { ChatQuiz } from "./quiz.js";
import { pointsTexts, quizTexts, texts } from "./texts.js";
import type { AdminService, ChatEngine, Incoming, Later, Reply } from "./types.js";

/** Who may use a command: everyone the access policy serves, or ADMIN_IDS only (and kept out of the menu). */
export type Audience = "everyone" | "admin";

/** What a handler may use: the conversation's services and its question path. */
export interface CommandHost {
  engine: ChatEngine;
  points?: ChatPoints;
  quiz?: ChatQuiz;
  admin?: AdminService;
  /** Answers `text` as a question from `msg`: follow-up context, answer memory and logging included. */
  question(msg: Incoming, text: string): Promise<Reply>;
}

export interface CommandCall {
  host: CommandHost;
  msg: Incoming;
  /** The command's name as dispatched (an entry serves one name). */
  name: string;
  /** What follows the command, trimmed. */
  args: string;
  isAdmin: boolean;
  /** Sends replies that come after the first ones (an admin command's background work). */
  later: Later;
}

export interface ChatCommand {
  /** Typed after "/" (Latin letters: Telegram's menu allows nothing else). */
  name: string;
  /**
   * Words that stand for "/name" at the start of a message, where typing "/" is awkward (Zalo):
   * matched without tone marks or case, and kept in the arguments.
   */
  aliases: string[];
  audience: Audience;
  /** One phrase: the menu's description and the command's entry in /help. */
  help: string;
  handle(call: CommandCall): Promise<Reply[]>;
}

const notice = (text: string): Reply => ({ blocks: [{ kind: "notice", text }], actions: [] });
const notices = (lines: string[]): Reply => ({ blocks: lines.map((text): Block => ({ kind: "notice", text })), actions: [] });

const quiz = (help: string, name: string): ChatCommand => ({
  name,
  aliases: [],
  audience: "everyone",
  help,
  handle: async ({ host, msg, args, isAdmin }) => [host.quiz ? await host.quiz.command(msg, name, args, isAdmin) : notice(quizTexts.unavailable)],
});

const admin = (help: string, name: string): ChatCommand => ({
  name,
  aliases: [],
  audience: "admin",
  help,
  // The conversation has refused non-admins and a missing service already.
  handle: ({ host, msg, later }) => host.admin!.command(msg, name, later),
});

/** In menu order: what members use most comes first. */
export const COMMANDS: readonly ChatCommand[] = [
  {
    name: "hoi",
    aliases: [],
    audience: "everyone",
    help: "Đặt câu hỏi về văn bản",
    handle: async ({ host, msg, args }) => [args ? await host.question(msg, args) : notice(texts.askUsage)],
  },
  {
    name: "vanban",
    aliases: [],
    audience: "everyone",
    help: "Danh mục văn bản và hiệu lực",
    handle: async ({ host }) => [{ blocks: catalogBlocks(host.engine.catalog()), actions: [] }],
  },
  {
    name: "dancuong",
    aliases: ["dàn ý"],
    audience: "everyone",
    help: "Soạn dàn ý tuyên truyền có trích dẫn",
    handle: async ({ host, args }) => [host.points ? await host.points.reply(args) : notice(pointsTexts.unavailable)],
  },
  quiz("Thi trắc nghiệm từ văn bản", "quiz"),
  quiz("Bảng điểm cuộc thi", "ketqua"),
  quiz("Dừng cuộc thi, công bố kết quả", "dunglai"),
  quiz("Xuất bộ câu hỏi ra tệp DOCX", "xuatquiz"),
  {
    name: "help",
    aliases: [],
    audience: "everyone",
    help: "Hướng dẫn cách hỏi",
    handle: async ({ isAdmin }) => [notices(helpLines(isAdmin))],
  },
  {
    name: "start",
    aliases: [],
    audience: "everyone",
    help: "Giới thiệu trợ lý",
    handle: async ({ host }) => [notices(texts.greeting(host.engine.catalog().filter((e) => e.loaded).map((e) => docLabel(e))))],
  },
  admin("Nạp lại thư mục văn bản", "reload"),
  admin("Số câu hỏi mỗi ngày, tỉ lệ không tìm thấy, góp ý", "thongke"),
  admin("Các câu hỏi văn bản chưa trả lời được", "chuatraloi"),
];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

export function findCommand(name: string): ChatCommand | undefined {
  return BY_NAME.get(name);
}

/** "/hoi@ten_bot câu hỏi" → { name: "hoi", args: "câu hỏi" }; undefined when not a command. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1].toLowerCase(), args: (m[2] ?? "").trim() } : undefined;
}

/** The command menu a platform shows (Telegram setMyCommands): everyone's commands, in table order. */
export function menuCommands(): Array<{ command: string; description: string }> {
  return COMMANDS.filter((c) => c.audience === "everyone").map((c) => ({ command: c.name, description: c.help }));
}

const entry = (c: ChatCommand) => `/${c.name} — ${c.help.charAt(0).toLowerCase()}${c.help.slice(1)}`;

/** /help: how to ask, then the commands of the table (the admin ones to admins only). */
export function helpLines(isAdmin: boolean): string[] {
  const lines = [...texts.help, texts.commandList(COMMANDS.filter((c) => c.audience === "everyone").map(entry))];
  return isAdmin ? [...lines, texts.adminCommandList(COMMANDS.filter((c) => c.audience === "admin").map(entry))] : lines;
}

/**
 * A message opening with a command's alias ("dàn ý <chủ đề>", "Dan y: …"; after "/hoi" in a group)
 * as that command's text, the alias kept; undefined when it opens with none.
 */
export function aliasCommand(text: string): string | undefined {
  const body = text.replace(/^\/hoi(?:@\S+)?\s+/iu, "");
  const head = foldKey(body.slice(0, 40));
  for (const c of COMMANDS)
    for (const alias of c.aliases) {
      const key = foldKey(alias);
      if (head.startsWith(key) && /^(?: |:|$)/.test(head.slice(key.length))) return `/${c.name} ${body}`;
    }
  return undefined;
}
