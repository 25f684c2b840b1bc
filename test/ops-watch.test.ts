/**
 * The index watcher: a version published by another process is picked up without a restart; a
 * broken one is logged once and skipped while the engine keeps answering from the version it has.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchIndex } from "../src/engine/watch.js";
import { ingest } from "../src/ingest/ingest.js";
import { CURRENT, INDEX_FORMAT } from "../src/index/store.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { captureLogger } from "./fakes/telegram-bot.js";

describe("index watcher", () => {
  let corpus: ChatCorpus;
  beforeAll(async () => {
    corpus = await buildChatCorpus();
  });
  afterAll(() => corpus?.cleanup());

  it("skips a broken version (logged once), then switches to the next good one", async () => {
    const { engine, indexDir, corpusDir } = corpus;
    const { log, logs } = captureLogger();
    const watcher = watchIndex(engine, indexDir, log, 60_000);
    const good = engine.version;
    expect(watcher.check()).toBe(false);

    // A version whose data cannot be read, made current the way an ingest would.
    const broken = "v9999999999999-1";
    mkdirSync(path.join(indexDir, "versions", broken));
    writeFileSync(path.join(indexDir, "versions", broken, "info.json"), JSON.stringify({ format: INDEX_FORMAT, version: broken }));
    writeFileSync(path.join(indexDir, "versions", broken, "docs.json"), "{ truncated");
    writeFileSync(path.join(indexDir, `${CURRENT}.tmp`), broken);
    renameSync(path.join(indexDir, `${CURRENT}.tmp`), path.join(indexDir, CURRENT));

    expect(watcher.check()).toBe(false);
    expect(watcher.check()).toBe(false);
    expect(engine.version).toBe(good);
    expect((await engine.ask("luống xương rồng được tưới mấy lần?")).status).toBe("answer");
    const errors = logs.filter((l) => l.msg.startsWith("new index version failed to load"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ version: broken, keeping: good });

    writeFileSync(path.join(corpusDir, "bo-sung.txt"), "QUY ĐỊNH BỔ SUNG\n\nĐiều 1. Phơi hạt\nHạt giống được phơi dưới nắng nhẹ trong ba buổi sáng liên tiếp.\n");
    const next = await ingest({ from: corpusDir, indexDir, embedder: null });
    expect(watcher.check()).toBe(true);
    expect(engine.version).toBe(next.version);
    expect(logs.some((l) => l.msg === "index reloaded" && l.from === good && l.to === next.version)).toBe(true);
    expect((await engine.ask("hạt giống được phơi mấy buổi sáng")).citations[0]?.doc.id).toBe("bo-sung");
    watcher.stop();
  });

  it("picks up an edited thesaurus file without a new version; a broken one is logged once and skipped", async () => {
    const { engine, indexDir, corpusDir } = corpus;
    const { log, logs } = captureLogger();
    const watcher = watchIndex(engine, indexDir, log, 60_000);
    const version = engine.version;
    const question = "cây gai tròn được tưới mấy lần?";
    expect((await engine.ask(question)).status).toBe("not_found");

    writeFileSync(path.join(corpusDir, "tu-dien.txt"), "# từ của đơn vị (hư cấu)\ncây gai tròn => xương rồng\n");
    expect(watcher.check()).toBe(true);
    expect(engine.version).toBe(version);
    expect((await engine.ask(question)).status).toBe("answer");

    writeFileSync(path.join(corpusDir, "tu-dien.txt"), "cây gai tròn => xương rồng\nmột dòng không có dấu bằng\n");
    expect(watcher.check()).toBe(false);
    expect(watcher.check()).toBe(false);
    expect(logs.filter((l) => l.msg.startsWith("new index version failed to load"))).toHaveLength(1);
    expect((await engine.ask(question)).status).toBe("answer");

    writeFileSync(path.join(corpusDir, "tu-dien.txt"), "# trống\n");
    expect(watcher.check()).toBe(true);
    expect((await engine.ask(question)).status).toBe("not_found");
    watcher.stop();
  });
});
