/**
 * One source of truth for the documents folder: an index built with `--from DIR` and served by a
 * real `main.ts start` whose CORPUS_DIR points elsewhere (an empty folder) keeps its documents
 * through `/reload`, and an admin's upload lands in DIR, beside the documents it joins.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeTelegram } from "./fakes/telegram-server.js";
import { tempDir, textDocx } from "./helpers/files.js";
import { pollingEnv, startInstance, type Instance } from "./helpers/instances.js";

const ADMIN = 777001;
const MEMBER = 777002;

describe("an index built with --from DIR, served with CORPUS_DIR elsewhere", () => {
  let corpus: ChatCorpus;
  let fake: FakeTelegram;
  let bot: Instance;
  let elsewhere: string;

  beforeAll(async () => {
    [corpus, fake] = await Promise.all([buildChatCorpus(), new FakeTelegram().start()]);
    elsewhere = path.join(tempDir("hvb-elsewhere-"), "corpus");
    mkdirSync(elsewhere);
    bot = await startInstance(pollingEnv(fake, corpus, { CORPUS_DIR: elsewhere, ADMIN_IDS: String(ADMIN) }));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    corpus?.cleanup();
  });

  const chat = (id: number) => ({ id, type: "private" as const, first_name: "X" });
  const person = (id: number) => ({ id, is_bot: false, first_name: "Người thử" });
  const replyTo = (id: number, since: number, pred: (text: string) => boolean = () => true) =>
    fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === id && pred(c.result.text), since, 60_000);

  it("/reload rebuilds from DIR: the documents stay answerable", async () => {
    const since = fake.calls.length;
    fake.send({ chat: chat(ADMIN), from: person(ADMIN), text: "/reload" });
    const report = await replyTo(ADMIN, since, (t) => t.includes("Đã chuyển sang chỉ mục") || t.startsWith("Chưa nạp được"));
    expect(report.result.text).toMatch(/tệp khác không đổi/);
    const asked = fake.calls.length;
    fake.send({ chat: chat(MEMBER), from: person(MEMBER), text: "luống xương rồng được tưới mấy lần?" });
    expect((await replyTo(MEMBER, asked)).result.text).toMatch(/Điều 4/);
  });

  it("an upload is saved in DIR, not in CORPUS_DIR", async () => {
    const since = fake.calls.length;
    const doc = await textDocx(["QUY CHẾ NHÀ KÍNH MẪU (văn bản hư cấu)", "Điều 1. Phạm vi", "Quy chế này áp dụng cho nhà kính mẫu."]);
    fake.send({ chat: chat(ADMIN), from: person(ADMIN), extra: { document: fake.addFile(doc, "nha-kinh-mau.docx") } });
    await replyTo(ADMIN, since, (t) => t.includes("Đã chuyển sang chỉ mục"));
    expect(readdirSync(corpus.corpusDir)).toContain("nha-kinh-mau.docx");
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
