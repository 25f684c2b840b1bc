/**
 * Corpus vectors (EMBEDDER=corpus): learnt from the documents at ingest with no download, stored
 * with the index version, and used to embed questions alike. Invented texts only.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEngine } from "../src/app.js";
import { loadConfig } from "../src/config/env.js";
import { currentVersion } from "../src/index/store.js";
import { CorpusEmbeddings } from "../src/index/embeddings/corpus.js";
import { readInfo } from "../src/engine/engine.js";
import { makeCorpus } from "./fakes/llm-corpus.js";
import { tempDir } from "./helpers/files.js";

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

/** Invented blocks: two topics whose words co-occur within, never across. */
const BLOCKS = [
  ...Array.from({ length: 6 }, (_, i) => `Vườn ươm mẫu số ${i}: cây giống được tưới nước, bón phân và che nắng cho cây con.`),
  ...Array.from({ length: 6 }, (_, i) => `Tủ sách mẫu số ${i}: bạn đọc mượn sách, trả sách và gia hạn thẻ bạn đọc.`),
];

describe("corpus vectors", () => {
  it("words used in the same blocks end up close; the model survives a save and load", () => {
    const m = CorpusEmbeddings.fit(BLOCKS, 8);
    expect(m.dimensions).toBeLessThanOrEqual(8);
    // "bón phân" and "tưới nước" never appear in one question, but always in the same blocks.
    const garden = m.embed("bón phân"), water = m.embed("tưới nước"), books = m.embed("mượn sách");
    expect(cos(garden, water)).toBeGreaterThan(0.8);
    expect(cos(garden, books)).toBeLessThan(0.3);
    // Folded and accented questions embed alike; unknown words give a valid unit vector.
    expect(cos(m.embed("bon phan"), garden)).toBeCloseTo(1, 5);
    expect(Math.hypot(...m.embed("xyz không có"))).toBeCloseTo(1, 5);
    const file = path.join(tempDir(), "embedder.bin");
    m.save(file);
    expect(CorpusEmbeddings.load(file).embed("tưới nước")).toEqual(water);
  });

  const dirs = makeCorpus();
  afterAll(() => rmSync(dirs.root, { recursive: true, force: true }));

  it("EMBEDDER=corpus ingests, stores the model with the version and embeds questions with it", async () => {
    const config = loadConfig({ CORPUS_DIR: dirs.corpus, INDEX_DIR: dirs.index, EMBEDDER: "corpus", LOG_LEVEL: "silent" });
    const engine = await openEngine(config, () => {});
    const info = readInfo(dirs.index)!;
    expect(info.embedder?.id).toBe("corpus-lsa-v1-128");
    const dir = path.join(dirs.index, "versions", currentVersion(dirs.index)!);
    expect(existsSync(path.join(dir, "vectors.hnsw")) && existsSync(path.join(dir, "embedder.bin"))).toBe(true);
    const r = await engine.ask("Thời hạn mượn sách tối đa là bao lâu?");
    expect(r.status).toBe("answer");
    expect(r.citations[0].path.find((s) => s.type === "dieu")?.label).toBe("3");
  });
});
