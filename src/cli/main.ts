#!/usr/bin/env node
/** Command line: ingest, ask, chat, eval, points, quiz and start (the bots). */
import { Command } from "commander";
import { loadConfig, loadDotEnv, type Config } from "../config/env.js";
import { openEngine, runIngest } from "../app.js";
import { formatReport } from "../ingest/report.js";
import { askOnce, chatLoop } from "./chat.js";
import { formatExplain } from "./explain.js";
import { runEval } from "./eval.js";
import { registerPoints } from "./points.js";
import { registerQuiz } from "./quiz.js";

loadDotEnv();
// Everything the commands create (store, index versions, caches, uploads) is private to the
// account running them: files 0600, folders 0700.
process.umask(0o077);

function config(opts: { index?: string }): Config {
  const env = { ...process.env };
  if (opts.index) env.INDEX_DIR = opts.index;
  return loadConfig(env);
}

const program = new Command()
  .name("hoivanban")
  .description("Hỏi Văn Bản — hỏi đáp có trích dẫn trên văn bản (offline)")
  .showHelpAfterError();

program
  .command("ingest")
  .description("Nạp (lại) các văn bản PDF (kể cả bản scan), DOCX, DOC, HTML, TXT, MD vào chỉ mục")
  .option("--from <dir>", "thư mục văn bản (mặc định CORPUS_DIR)")
  .option("--index <dir>", "thư mục chỉ mục (mặc định INDEX_DIR)")
  .option("--json", "in báo cáo dạng JSON")
  .action(async (opts) => {
    const c = config(opts);
    const r = await runIngest(c, opts.from ?? c.CORPUS_DIR);
    console.log(opts.json ? JSON.stringify(r, null, 1) : formatReport(r));
    if (r.reports.length && r.reports.every((f) => f.status === "failed")) process.exitCode = 1;
  });

program
  .command("ask")
  .description("Hỏi một câu rồi thoát")
  .argument("<question...>", "câu hỏi")
  .option("--index <dir>", "thư mục chỉ mục")
  .option("--json", "in kết quả có cấu trúc (JSON)")
  .option("--explain", "giải thích thứ hạng: điểm BM25 từng từ, phần tiêu đề và khoản, các ngưỡng")
  .action(async (words: string[], opts) => {
    const engine = await openEngine(config(opts));
    if (opts.explain) {
      const report = await engine.explain(words.join(" "));
      console.log(opts.json ? JSON.stringify(report, null, 1) : formatExplain(report));
      return;
    }
    await askOnce(engine, words.join(" "), !!opts.json);
  });

program
  .command("chat")
  .description("Trò chuyện trong terminal")
  .option("--index <dir>", "thư mục chỉ mục")
  .action(async (opts) => {
    const c = config(opts);
    await chatLoop(await openEngine(c), c);
  });

program
  .command("eval")
  .description("Đo chất lượng truy hồi: R@1, R@5, R@10, MRR@10, độ trễ")
  .requiredOption("--corpus <dir>", "thư mục văn bản")
  .requiredOption("--questions <file>", "tệp câu hỏi JSONL")
  .option("--index <dir>", "thư mục chỉ mục tạm (mặc định: thư mục tạm mới)")
  .option("--answers", "chấm cả câu trả lời có đáp án (cần LLM_MODEL; offline: not run)")
  .action(async (opts) => {
    await runEval(config({}), opts);
  });

registerPoints(program);
registerQuiz(program);

program
  .command("forget")
  .description("Xoá mọi dữ liệu về một người dùng trong kho (ngữ cảnh, giới hạn, phiếu, bài thi) theo mã người dùng")
  .argument("<userId>", "mã người dùng Telegram hoặc Zalo")
  .action(async (userId: string) => {
    const c = loadConfig();
    const { openStore } = await import("../store/open.js");
    const { createLogger } = await import("../log.js");
    const store = await openStore(c, createLogger(c.LOG_LEVEL));
    try {
      const n = await store.forget(userId.trim());
      console.log(`Đã xoá ${n} mục có mã người dùng ${userId.trim()}.`);
    } finally {
      await store.close();
    }
  });

program
  .command("start", { isDefault: true })
  .description("Chạy các kênh đã cấu hình (Telegram, Zalo); không có kênh nào thì trò chuyện trong terminal")
  .option("--index <dir>", "thư mục chỉ mục")
  .action(async (opts) => {
    const c = config(opts);
    const engine = await openEngine(c);
    // Loaded only here: the chat platforms' libraries are not needed by the other commands.
    const { startChannels } = await import("../channels/start.js");
    const started = await startChannels(engine, c);
    if (started) return;
    console.error(
      "Chưa cấu hình kênh chat nào. Để chạy trên Telegram: đặt TELEGRAM_BOT_TOKEN; trên Zalo: đặt ZALO_BOT_TOKEN (xem README, .env.example).\n" +
        "Bây giờ bạn có thể hỏi ngay trong terminal:",
    );
    await chatLoop(engine, c);
  });

program.parseAsync().catch((e: Error) => {
  console.error(`Lỗi: ${e.message}`);
  process.exit(1);
});
