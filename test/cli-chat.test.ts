/**
 * The terminal is a channel like the others: the real CLI process (`npm start` with no chat
 * platform configured), driven through stdin, lists the documents, answers commands and
 * follow-ups through the shared conversation, saves files and quits on "thoát".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { quizTexts, texts } from "../src/chat/texts.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT } from "./helpers/shared.js";

let corpus: ChatCorpus;
const dirs: string[] = [];
beforeAll(async () => {
  corpus = await buildChatCorpus();
});
afterAll(() => {
  corpus?.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `main.ts start` in `cwd` with `lines` typed one after the other; resolves with its output. */
function terminal(cwd: string, lines: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const tsx = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
  // No .env in cwd, no chat token: the terminal is the channel.
  const env = { PATH: process.env.PATH, CORPUS_DIR: corpus.corpusDir, INDEX_DIR: corpus.indexDir, EMBEDDER: "none" };
  const child = spawn(process.execPath, [tsx, path.join(REPO_ROOT, "src/cli/main.ts"), "start"], { cwd, env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end(lines.map((l) => `${l}\n`).join(""));
  return new Promise((resolve) => child.on("close", (code) => resolve({ stdout, stderr, code })));
}

describe("terminal channel (npm start without a chat platform)", () => {
  it("lists the documents, serves the commands and follow-ups, saves files, quits on «thoát»", async () => {
    const cwd = tempDir("hvb-terminal-");
    dirs.push(cwd);
    const r = await terminal(cwd, [
      "/help",
      "Điều 5 quy chế vườn ươm",
      "còn khoản 3 thì sao?",
      "/quiz",
      "/dancuong",
      "/dancuong lịch tưới nước",
      "/reload",
      "thoát",
      "nhật ký chăm sóc hằng tuần ghi những gì?",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    // The catalog first, documents not loaded included.
    expect(out).toMatch(/Danh mục văn bản \(6\)/);
    expect(out).toMatch(/Nghị định 73\/2023\/NĐ-CP .*— chưa nạp; còn hiệu lực\./);
    // Commands are commands, not questions.
    expect(out).toContain("Các lệnh: /hoi — đặt câu hỏi về văn bản;");
    expect(out).toContain(quizTexts.usage);
    expect(out).toContain(texts.adminOnly);
    expect(out).toMatch(/Cách dùng: \/dancuong/);
    // A question, then a follow-up on the same article.
    expect(out).toContain("Điều 5 — Quy chế 01/2099/QC-VƯ");
    expect(out).toContain("Khoản 3 Điều 5 — Quy chế 01/2099/QC-VƯ");
    expect(out).toMatch(/«Người giữ kho ghi số bao phân xuất kho vào sổ vườn\.»/);
    // The outline is written from the text, its files saved beside the user, and said so.
    expect(out).toMatch(/\(Nguồn: Khoản \d Điều 4 — Quy chế 01\/2099\/QC-VƯ/);
    const saved = readdirSync(cwd).sort();
    expect(saved.map((f) => path.extname(f))).toEqual([".docx", ".md"]);
    for (const f of saved) expect(out).toContain(`📎 Đã lưu tệp: ${path.join(cwd, f)}`);
    // Nothing after «thoát» is answered.
    expect(out).not.toMatch(/Nhật ký chăm sóc/i);
  });
});
