/**
 * "/dancuong" in the channel-agnostic conversation, on the invented fixtures: the forgiving option
 * syntax, the outline as blocks with its DOCX and Markdown files (the DOCX read back by mammoth
 * says the same points), the "không đủ căn cứ" verdict without files, option errors and usage.
 */
import { rmSync } from "node:fs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { ChatPoints, DOCX_MIME } from "../src/chat/points.js";
import { parsePointsArgs } from "../src/chat/points-options.js";
import { pointsTexts } from "../src/chat/texts.js";
import type { Incoming } from "../src/chat/types.js";
import { loadConfig } from "../src/config/env.js";
import { NOT_ENOUGH_BASIS, PointsOptionError } from "../src/points/index.js";
import { renderText } from "../src/render/text.js";
import { MemoryStore } from "../src/store/memory.js";
import { captureLogger } from "./fakes/telegram-bot.js";
import { buildToolsCorpus } from "./fakes/tools-corpus.js";
import type { TestCorpus } from "./helpers/engine.js";

let corpus: TestCorpus;
let conv: Conversation;
beforeAll(async () => {
  corpus = await buildToolsCorpus();
  const { log } = captureLogger();
  conv = new Conversation({ engine: corpus.engine, store: new MemoryStore(), log, config: loadConfig({}), points: new ChatPoints(corpus.engine) });
});
afterAll(() => {
  for (const dir of [corpus?.corpusDir, corpus?.indexDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const msg = (text: string): Incoming => ({ channel: "test", chatId: "c1", userId: "u1", chatType: "private", text, addressed: true });

describe("option syntax", () => {
  test("options after |, with or without tone marks, any case", () => {
    expect(parsePointsArgs("trách nhiệm của người đứng đầu | đối tượng: thanh niên | số ý: 4 | độ dài: ngắn")).toEqual({
      topic: "trách nhiệm của người đứng đầu",
      options: { audience: "đoàn viên thanh niên", count: 4, length: "ngan" },
    });
    expect(parsePointsArgs("trach nhiem | DOI TUONG: nhan dan | so y=3 | Do Dai: dai").options).toEqual({ audience: "nhân dân", count: 3, length: "dai" });
  });

  test("keys inside the topic segment, counts written '5 ý', values without keys", () => {
    expect(parsePointsArgs("người đứng đầu đối tượng: cán bộ số ý: 5 ý")).toEqual({
      topic: "người đứng đầu",
      options: { audience: "cán bộ lãnh đạo", count: 5 },
    });
    expect(parsePointsArgs("sổ theo dõi | 6 | ngắn | đảng viên").options).toEqual({ count: 6, length: "ngan", audience: "đảng viên" });
    expect(parsePointsArgs("sổ theo dõi\nsố ý: 3").options).toEqual({ count: 3 });
  });

  test("wrong values and unknown options say what is allowed", () => {
    expect(() => parsePointsArgs("x | số ý: 9")).toThrow(/từ 3 đến 7/);
    expect(() => parsePointsArgs("x | đối tượng: học sinh")).toThrow(PointsOptionError);
    expect(() => parsePointsArgs("x | màu đỏ")).toThrow(pointsTexts.unknownOption("màu đỏ"));
    expect(() => parsePointsArgs("x | độ dài:")).toThrow(pointsTexts.emptyOption("độ dài"));
  });
});

describe("/dancuong in the conversation", () => {
  test("the outline as cited blocks, with the same points in the DOCX and the Markdown", async () => {
    const [reply] = await conv.handle(msg("/dancuong trách nhiệm của người đứng đầu | số ý: 4 | đối tượng: cán bộ"));
    const text = renderText(reply.blocks);
    expect(text).toMatch(/^Đối với cán bộ lãnh đạo: 4 ý chính về trách nhiệm của người đứng đầu/);
    const statements = reply.blocks.filter((b) => b.kind === "answer" && /^\d\. /.test(b.text)).map((b) => (b.kind === "answer" ? b.text.slice(3) : ""));
    expect(statements).toHaveLength(4);
    expect(text).toMatch(/— (Chỉ thị 98-CT\/TEST|Quy định 97-QĐ\/TEST)/);

    expect(reply.files?.map((f) => f.name)).toEqual(["dan-y-trach-nhiem-cua-nguoi-dung-dau.docx", "dan-y-trach-nhiem-cua-nguoi-dung-dau.md"]);
    expect(reply.files?.[0].mime).toBe(DOCX_MIME);
    const docx = (await mammoth.extractRawText({ buffer: reply.files![0].data })).value;
    const markdown = reply.files![1].data.toString("utf8");
    for (const s of statements) {
      expect(docx).toContain(s);
      expect(markdown).toContain(s.slice(0, 40));
    }
  });

  test("a topic the documents do not cover: the verdict, and no file", async () => {
    const [reply] = await conv.handle(msg("/dancuong nuôi cá sấu trên sao hỏa"));
    expect(renderText(reply.blocks).startsWith(NOT_ENOUGH_BASIS)).toBe(true);
    expect(reply.files).toBeUndefined();
  });

  test("a bad option gets the option's error; no topic gets the usage; no points service, a refusal", async () => {
    expect(renderText((await conv.handle(msg("/dancuong sổ theo dõi | số ý: 12")))[0].blocks)).toMatch(/Số ý phải là số nguyên từ 3 đến 7/);
    expect(renderText((await conv.handle(msg("/dancuong")))[0].blocks)).toBe(pointsTexts.usage);
    expect(renderText((await conv.handle(msg("/dancuong | số ý: 3")))[0].blocks)).toBe(pointsTexts.usage);
    const { log } = captureLogger();
    const bare = new Conversation({ engine: corpus.engine, store: new MemoryStore(), log, config: loadConfig({}) });
    expect(renderText((await bare.handle(msg("/dancuong sổ theo dõi")))[0].blocks)).toBe(pointsTexts.unavailable);
  });
});
