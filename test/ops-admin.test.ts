/**
 * Administration from Telegram, end to end against the fake Bot API (getFile and the file
 * endpoint included) and a real ingest: an admin's DOCX is checked, saved, ingested in the
 * background with the report, and answered from; a replacement keeps the old file aside; bad
 * uploads (oversized, malformed, wrong type, a manifest-bound name) are refused with their reason
 * while the index and the corpus stay as they were; non-admins are refused every admin feature;
 * /thongke and /chuatraloi read the store's logs; restricted access refuses strangers politely.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Document } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminTexts } from "../src/admin/texts.js";
import { texts } from "../src/chat/texts.js";
import { currentVersion } from "../src/index/store.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { ADMIN, MEMBER, person, startBot, STRANGER, textsTo, type Bot } from "./helpers/admin-bot.js";
import { textDocx, textPdf } from "./helpers/files.js";

const NEW_DOC = [
  "QUY ĐỊNH",
  "Về nuôi ong mật thử nghiệm (văn bản mẫu hư cấu)",
  "Điều 1. Phạm vi",
  "Quy định này áp dụng cho các tổ ong mật của câu lạc bộ.",
  "Điều 2. Chia đàn",
  "Việc chia đàn ong mật chỉ được thực hiện vào mùa xuân, khi đàn có ít nhất tám cầu ong.",
];

const corpusFiles = (c: ChatCorpus) => readdirSync(c.corpusDir).sort();

describe("admin features from Telegram", () => {
  let corpus: ChatCorpus;
  let bot: Bot;

  beforeAll(async () => {
    corpus = await buildChatCorpus();
    bot = await startBot(corpus, { MAX_FILE_MB: "1" });
  });
  afterAll(async () => {
    await bot?.stop();
    corpus?.cleanup();
  });

  it("refuses every admin feature to a member, without downloading anything", async () => {
    const before = { version: currentVersion(corpus.indexDir), files: corpusFiles(corpus) };
    for (const cmd of ["/reload", "/thongke", "/chuatraloi"]) expect((await bot.say(MEMBER, cmd)).result.text).toBe(texts.adminOnly);
    const doc = await textDocx(NEW_DOC);
    expect((await bot.upload(MEMBER, doc, "ong-mat.docx")).result.text).toBe(adminTexts.uploadRefused);
    expect(bot.fake.calls.some((c) => c.method === "getFile" || c.method === "downloadFile")).toBe(false);
    expect({ version: currentVersion(corpus.indexDir), files: corpusFiles(corpus) }).toEqual(before);
    // /help shows the admin commands to admins only.
    expect((await bot.say(MEMBER, "/help")).result.text).not.toContain("/thongke");
    expect((await bot.say(ADMIN, "/help")).result.text).toContain("/thongke");
  });

  it("ingests an admin's DOCX in the background, reports, and answers from it", async () => {
    const since = bot.fake.calls.length;
    const first = await bot.upload(ADMIN, await textDocx(NEW_DOC), "Quy định nuôi ong.docx");
    expect(first.result.text).toMatch(/^Đã nhận «Quy định nuôi ong\.docx» \(0,0 MB\)\. Đang nạp lại chỉ mục trong nền/);
    await bot.admin.idle();
    const report = textsTo(bot.fake, ADMIN, since).join("\n");
    expect(report).toMatch(/✓ Quy định nuôi ong\.docx → Quy định nuôi ong \[/);
    expect(report).toMatch(/Đã nạp 1\/1 tệp \(0 lỗi\)/);
    expect(report).toMatch(/2 tệp khác không đổi\./);
    expect(report).toContain(`Đã chuyển sang chỉ mục ${bot.engine.version}`);
    expect(readFileSync(path.join(corpus.corpusDir, "Quy định nuôi ong.docx")).length).toBeGreaterThan(0);
    const answer = await bot.say(MEMBER, "khi nào được chia đàn ong mật?");
    expect(answer.result.text).toContain("mùa xuân, khi đàn có ít nhất tám cầu ong");
  });

  it("replaces a document sent again under the same name, keeping the old file aside", async () => {
    const v2 = NEW_DOC.map((l) => l.replace("mùa xuân", "mùa thu").replace("tám cầu", "mười cầu"));
    expect((await bot.upload(ADMIN, await textDocx(v2), "Quy định nuôi ong.docx")).result.text).toContain("thay cho «Quy định nuôi ong.docx»");
    await bot.admin.idle();
    const answer = await bot.say(MEMBER, "khi nào được chia đàn ong mật?");
    expect(answer.result.text).toContain("mùa thu, khi đàn có ít nhất mười cầu ong");
    expect(answer.result.text).not.toContain("mùa xuân");
    expect(readdirSync(path.join(corpus.corpusDir, ".replaced")).some((f) => f.endsWith("Quy định nuôi ong.docx"))).toBe(true);
  });

  it("refuses bad uploads with their reason; index and corpus stay as they were", async () => {
    const before = { version: currentVersion(corpus.indexDir), files: corpusFiles(corpus) };
    const cases: Array<[Uint8Array, string, Partial<Document>, RegExp]> = [
      [Buffer.alloc(2 * 1024 * 1024, 1), "to.pdf", {}, /tệp quá lớn \(2,0 MB, giới hạn 1,0 MB\)/],
      [Buffer.from("đây không phải PDF"), "hong.pdf", {}, /hong\.pdf: tệp không phải PDF hợp lệ/],
      [Buffer.from("PK\x03\x04 rác rác rác"), "hong.docx", {}, /hong\.docx: /],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), "cu.doc", {}, /cu\.doc: tệp DOC hỏng/],
      [Buffer.from("MZ\x90\x00"), "virus.exe", {}, /qua chat chỉ nhận tệp PDF, DOCX hoặc DOC/],
      [await textPdf([" "]), "trang-trang.pdf", {}, /trang-trang\.pdf: /],
      // The document bound to quy-che-vuon-uom.txt in manifest.json cannot change format by upload.
      [await textDocx(NEW_DOC), "quy-che-vuon-uom.docx", {}, /được khai báo trong manifest\.json/],
    ];
    for (const [bytes, name, declared, reason] of cases) {
      const reply = (await bot.upload(ADMIN, bytes, name, declared)).result.text as string;
      expect(reply, name).toMatch(/^Không nhận /);
      expect(reply, name).toMatch(reason);
    }
    // Declared too large: refused before any download.
    const downloads = bot.fake.calls.filter((c) => c.method === "getFile").length;
    expect((await bot.upload(ADMIN, Buffer.from("x"), "lon.pdf", { file_size: 30 * 1024 * 1024 })).result.text).toMatch(/tệp quá lớn \(30,0 MB/);
    expect(bot.fake.calls.filter((c) => c.method === "getFile").length).toBe(downloads);
    await bot.admin.idle();
    expect({ version: currentVersion(corpus.indexDir), files: corpusFiles(corpus) }).toEqual(before);
    expect(readdirSync(corpus.corpusDir).some((f) => f.endsWith(".tmp"))).toBe(false);
    expect((await bot.say(MEMBER, "luống xương rồng được tưới mấy lần?")).result.text).toContain("Điều 4");
  });

  it("/reload re-ingests the folder and reports what changed", async () => {
    const since = bot.fake.calls.length;
    expect((await bot.say(ADMIN, "/reload")).result.text).toBe(adminTexts.reloadStarted);
    await bot.admin.idle();
    const report = textsTo(bot.fake, ADMIN, since).join("\n");
    expect(report).toMatch(/Đã nạp 0\/0 tệp/);
    expect(report).toMatch(/3 tệp khác không đổi\./);
    expect(report).toContain(`Đã chuyển sang chỉ mục ${bot.engine.version}`);
  });

  it("/thongke counts questions, not-found and feedback; /chuatraloi lists what was not answered", async () => {
    await bot.say(MEMBER, "quy trình cấp hộ chiếu công vụ thế nào?");
    await bot.say(STRANGER, "quy trình cấp hộ chiếu công vụ thế nào?");
    await bot.say(MEMBER, "mức phụ cấp cho người giữ kho là bao nhiêu tiền?");
    const answered = await bot.say(MEMBER, "luống rau mầm được tưới mấy lần?");
    const up = answered.body.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith("👍"));
    const since = bot.fake.calls.length;
    bot.fake.press(person(MEMBER), answered.result, up.callback_data);
    await bot.fake.waitFor((c) => c.method === "answerCallbackQuery", since);

    const stats = (await bot.say(ADMIN, "/thongke")).result.text as string;
    expect(stats).toMatch(/^Thống kê 7 ngày qua/);
    const total = Number(/Tổng: (\d+) câu hỏi; không tìm thấy câu trả lời: (\d+)/.exec(stats)![1]);
    const notFound = Number(/không tìm thấy câu trả lời: (\d+)/.exec(stats)![1]);
    expect(total).toBeGreaterThanOrEqual(4);
    expect(notFound).toBeGreaterThanOrEqual(3);
    expect(stats).toMatch(/Góp ý: 👍 1, 👎 0\./);

    const list = (await bot.say(ADMIN, "/chuatraloi")).result.text as string;
    expect(list).toMatch(/\(2 lần\): quy trình cấp hộ chiếu công vụ thế nào\?/);
    expect(list).toContain("mức phụ cấp cho người giữ kho là bao nhiêu tiền?");
    expect(list).not.toContain("luống rau mầm");
  });
});

describe("restricted access", () => {
  let corpus: ChatCorpus;
  let bot: Bot;
  beforeAll(async () => {
    corpus = await buildChatCorpus();
    bot = await startBot(corpus, { ACCESS_MODE: "restricted", ALLOWED_CHATS: String(MEMBER) });
  });
  afterAll(async () => {
    await bot?.stop();
    corpus?.cleanup();
  });

  it("serves listed users and admins, and refuses others politely (questions and uploads)", async () => {
    expect((await bot.say(MEMBER, "luống xương rồng được tưới mấy lần?")).result.text).toContain("Điều 4");
    expect((await bot.say(ADMIN, "luống xương rồng được tưới mấy lần?")).result.text).toContain("Điều 4");
    expect((await bot.say(STRANGER, "luống xương rồng được tưới mấy lần?")).result.text).toBe(texts.restricted);
    expect((await bot.upload(STRANGER, await textDocx(NEW_DOC), "ong.docx")).result.text).toBe(texts.restricted);
    expect(existsSync(path.join(corpus.corpusDir, "ong.docx"))).toBe(false);
  });
});
