/**
 * `points`: a cited talking-points outline for a topic, printed and optionally written as DOCX
 * and Markdown. Options and output paths are checked before the index is opened, so a typo never
 * triggers a (first-run) ingest.
 */
import { accessSync, constants, existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { openEngine } from "../app.js";
import { loadConfig } from "../config/env.js";
import { createLogger } from "../log.js";
import { renderText } from "../render/text.js";
import {
  buildTalkingPoints, parseAudience, parseCount, parseLength, pointsToBlocks, pointsToDocx, pointsToMarkdown, pointsWriterFromConfig, PointsOptionError,
} from "../points/index.js";

interface PointsFlags {
  audience?: string;
  count?: string;
  length: string;
  docx?: string;
  md?: string;
  index?: string;
  json?: boolean;
  organ?: string;
  place?: string;
}

/** Throws unless `file` can be created or overwritten. */
function checkWritable(file: string): void {
  const fail = (why: string) => {
    throw new PointsOptionError(`Không ghi được tệp «${file}»: ${why} (cannot write this path).`);
  };
  const dir = path.dirname(path.resolve(file));
  if (existsSync(file) && statSync(file).isDirectory()) fail("đây là một thư mục");
  if (!existsSync(dir)) fail(`thư mục ${dir} không tồn tại`);
  try {
    accessSync(existsSync(file) ? file : dir, constants.W_OK);
  } catch {
    fail("không có quyền ghi");
  }
}

function readFlags(flags: PointsFlags) {
  const files = [flags.docx, flags.md].filter((f): f is string => !!f);
  files.forEach(checkWritable);
  return {
    audience: flags.audience === undefined ? undefined : parseAudience(flags.audience),
    count: flags.count === undefined ? undefined : parseCount(flags.count),
    length: parseLength(flags.length),
  };
}

export function registerPoints(program: Command): void {
  program
    .command("points")
    .description("Soạn dàn ý tuyên truyền có trích dẫn cho một chủ đề")
    .argument("<topic...>", "chủ đề, ví dụ: \"5 ý chính về Nghị định 73 để nói với đảng viên trẻ\"")
    .option("--audience <đối tượng>", "đảng viên | cán bộ lãnh đạo | đoàn viên thanh niên | nhân dân (mặc định: theo chủ đề, hoặc đảng viên)")
    .option("--count <số ý>", "số ý, từ 3 đến 7 (mặc định: số nêu trong chủ đề, hoặc 5)")
    .option("--length <độ dài>", "độ dài trích dẫn: ngan | vua | dai", "vua")
    .option("--docx <tệp>", "ghi dàn ý ra tệp DOCX")
    .option("--md <tệp>", "ghi dàn ý ra tệp Markdown")
    .option("--organ <cơ quan>", "DOCX: cơ quan ban hành ở đầu trang, ví dụ \"Ban Tuyên giáo Huyện ủy Mẫu\"")
    .option("--place <địa danh>", "DOCX: địa danh trước ngày tháng, ví dụ \"Hà Nội\"")
    .option("--index <dir>", "thư mục chỉ mục")
    .option("--json", "in kết quả có cấu trúc (JSON)")
    .action(async (words: string[], flags: PointsFlags) => {
      const topic = words.join(" ").trim();
      let options: ReturnType<typeof readFlags>;
      try {
        if (!/[\p{L}\p{N}]/u.test(topic)) throw new PointsOptionError("Chủ đề trống — hãy ghi chủ đề, ví dụ: «trách nhiệm của người đứng đầu» (empty topic).");
        options = readFlags(flags);
      } catch (e) {
        if (!(e instanceof PointsOptionError)) throw e;
        console.error(`Lỗi: ${e.message}`);
        process.exitCode = 2;
        return;
      }
      const env = { ...process.env, ...(flags.index ? { INDEX_DIR: flags.index } : {}) };
      const config = loadConfig(env);
      const engine = await openEngine(config);
      // With LLM_MODEL configured the wording is smoother; each point is still checked against its quote.
      const writer = pointsWriterFromConfig(config, createLogger(config.LOG_LEVEL));
      const outline = await buildTalkingPoints(engine, topic, { ...options, writer });
      console.log(flags.json ? JSON.stringify(outline, null, 1) : renderText(pointsToBlocks(outline)));
      if (flags.docx) {
        writeFileSync(flags.docx, await pointsToDocx(outline, { organ: flags.organ, place: flags.place }));
        console.error(`Đã ghi ${flags.docx}`);
      }
      if (flags.md) {
        writeFileSync(flags.md, pointsToMarkdown(outline));
        console.error(`Đã ghi ${flags.md}`);
      }
    });
}
