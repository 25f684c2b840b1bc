/**
 * Untrusted files are read with limits, against the real commands: a DOCX decompression bomb (a
 * few hundred KB that inflate to 150 MB, over the 128 MB limit), one whose ZIP directory lies
 * about its size, one with thousands of entries, all in a folder with ordinary documents —
 * `main.ts ingest` refuses the bombs by name and indexes the rest. A running bot keeps answering
 * while an admin's many-page PDF upload is read, and refuses it when reading takes longer than allowed.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeTelegram, type FakeCall } from "./fakes/telegram-server.js";
import { FONT, makePdf, tempDir, textDocx } from "./helpers/files.js";
import { pollingEnv, startInstance, type Instance } from "./helpers/instances.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { docxBomb, docxManyEntries } from "./helpers/zip-bomb.js";

const ORDINARY = [
  "QUY CHẾ VƯỜN ƯƠM MẪU (văn bản hư cấu)",
  "Điều 1. Phạm vi",
  "Quy chế này áp dụng cho vườn ươm mẫu của câu lạc bộ giả định.",
  "Điều 2. Tưới cây",
  "Cây con được tưới hai lần mỗi ngày.",
];

describe("DOCX bombs in a folder: `main.ts ingest` refuses them by name and indexes the rest", () => {
  it("reports each bomb with a Vietnamese reason; the ordinary documents are indexed", async () => {
    const dir = tempDir("hvb-bombs-");
    const corpus = path.join(dir, "corpus");
    mkdirSync(corpus);
    // Just over the 128 MB the directory check allows.
    writeFileSync(path.join(corpus, "bom-150mb.docx"), await docxBomb(150));
    writeFileSync(path.join(corpus, "bom-noi-doi.docx"), await docxBomb(150, true));
    writeFileSync(path.join(corpus, "nhieu-muc.docx"), docxManyEntries(5000));
    writeFileSync(path.join(corpus, "quy-che-a.docx"), await textDocx(ORDINARY));
    writeFileSync(path.join(corpus, "quy-che-b.txt"), ORDINARY.join("\n").replace(/mẫu/g, "thử"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest", "--from", corpus, "--index", path.join(dir, "index"), "--json"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PARSE_MEMORY_MB: "256" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { reports: Array<{ file: string; status: string; error?: string }> };
    const byFile = Object.fromEntries(report.reports.map((r) => [r.file, r]));
    expect(byFile["bom-150mb.docx"].status).toBe("failed");
    expect(byFile["bom-150mb.docx"].error).toMatch(/^bom-150mb\.docx: tệp DOCX giải nén ra 15\d MB \(giới hạn 128 MB\)/);
    expect(byFile["nhieu-muc.docx"].error).toMatch(/^nhieu-muc\.docx: tệp DOCX chứa 5002 tệp con/);
    // The liar passes the directory check and is still refused once read: the unzipper finds its sizes
    // disagree (so it does at 200 MB too); the reader's memory cap is the backstop.
    expect(byFile["bom-noi-doi.docx"].status).toBe("failed");
    expect(byFile["bom-noi-doi.docx"].error).toMatch(/^bom-noi-doi\.docx: /);
    expect(byFile["quy-che-a.docx"].status).toBe("ok");
    expect(byFile["quy-che-b.txt"].status).toBe("ok");
  }, 180_000);
});

describe("an admin's many-page PDF upload: the bot keeps answering while it is read", () => {
  const ADMIN = 424242;
  const MEMBER = 515151;
  let corpus: ChatCorpus;
  let fake: FakeTelegram;
  let bot: Instance;
  let bigPdf: Buffer;

  beforeAll(async () => {
    [corpus, fake] = await Promise.all([buildChatCorpus(), new FakeTelegram().start()]);
    // Long enough that reading it takes the reader several seconds.
    bigPdf = await makePdf((doc) => {
      doc.font(FONT).fontSize(11);
      for (let p = 0; p < 1500; p++) {
        if (p) doc.addPage();
        doc.text(`Điều ${p + 1}. Quy định mẫu số ${p} của vườn ươm giả định. `.repeat(20));
      }
    });
    bot = await startInstance(pollingEnv(fake, corpus, { ADMIN_IDS: String(ADMIN), PARSE_TIMEOUT_SECONDS: "1" }));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    corpus?.cleanup();
  });

  const to = (id: number, since: number) => fake.calls.slice(since).filter((c: FakeCall) => c.method === "sendMessage" && !c.error && c.body.chat_id === id);

  it("answers questions asked after the upload before the upload's verdict, which is a refusal for taking too long", async () => {
    const since = fake.calls.length;
    const chat = (id: number) => ({ id, type: "private" as const, first_name: "X" });
    const person = (id: number) => ({ id, is_bot: false, first_name: "Người thử" });
    fake.send({ chat: chat(ADMIN), from: person(ADMIN), extra: { document: fake.addFile(bigPdf, "quy-dinh-rat-dai.pdf", "application/pdf") } });
    // Once the bot has fetched the file it is reading it: ask then.
    await fake.waitFor((c) => c.method === "downloadFile", since, 30_000);
    for (let i = 0; i < 5; i++) fake.send({ chat: chat(MEMBER + i), from: person(MEMBER + i), text: "luống xương rồng được tưới mấy lần?" });
    const verdict = await fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === ADMIN, since, 60_000);
    expect(verdict.result.text).toMatch(/quy-dinh-rat-dai\.pdf: đọc tệp mất quá 1 giây/);
    const answeredBefore = fake.calls.slice(since, fake.calls.indexOf(verdict)).filter((c) => c.method === "sendMessage" && !c.error && c.body.chat_id >= MEMBER && c.body.chat_id < MEMBER + 5);
    expect(answeredBefore).toHaveLength(5);
    expect(answeredBefore[0].result.text).toMatch(/Điều 4/);
    // Nothing of it reached the corpus, not even a temporary file.
    expect(readdirSync(corpus.corpusDir).filter((f) => f.includes("quy-dinh-rat-dai") || f.startsWith(".upload-"))).toEqual([]);
    expect(to(ADMIN, since)).toHaveLength(1);
  }, 120_000);

  it("shortens a file name too long for the file system and leaves no temporary file", async () => {
    const since = fake.calls.length;
    const name = `${"Quy định về việc tưới cây trong vườn ươm giả định ".repeat(8)}.docx`;
    expect(Buffer.byteLength(name)).toBeGreaterThan(255);
    fake.send({ chat: { id: ADMIN, type: "private", first_name: "X" }, from: { id: ADMIN, is_bot: false, first_name: "Quản trị" }, extra: { document: fake.addFile(await textDocx(ORDINARY), name) } });
    const first = await fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === ADMIN, since, 60_000);
    expect(first.result.text).toMatch(/Đã nhận/);
    const saved = readdirSync(corpus.corpusDir).filter((f) => f.startsWith("Quy định về việc tưới cây"));
    expect(saved).toHaveLength(1);
    expect(Buffer.byteLength(saved[0])).toBeLessThanOrEqual(200);
    expect(saved[0]).toMatch(/\.docx$/);
    expect(readdirSync(corpus.corpusDir).filter((f) => f.startsWith(".upload-"))).toEqual([]);
  }, 120_000);

  it("the same PDF is accepted when reading it may take longer", async () => {
    // Sanity for the limit above: the file itself is fine (the parse succeeds given time).
    const dir = tempDir("hvb-bigpdf-");
    mkdirSync(path.join(dir, "c"));
    writeFileSync(path.join(dir, "c", "quy-dinh-rat-dai.pdf"), bigPdf);
    copyFileSync(path.join(REPO_ROOT, "corpus/huong-dan-su-dung.md"), path.join(dir, "c", "huong-dan.md"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest", "--from", path.join(dir, "c"), "--index", path.join(dir, "i"), "--json"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { reports: Array<{ file: string; status: string }> };
    expect(report.reports.find((r) => r.file === "quy-dinh-rat-dai.pdf")?.status).toBe("ok");
  }, 180_000);
});
