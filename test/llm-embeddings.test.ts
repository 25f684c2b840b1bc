/**
 * The OpenAI-compatible embedder end to end, through src/app.ts openEngine: the index records
 * which embedder built it, and a different configured embedder triggers a re-ingest (never a mix
 * of vectors from two models). Remote vectors are cached, so switching back costs no new calls.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../src/app.js";
import { loadConfig } from "../src/config/env.js";
import { readInfo } from "../src/engine/engine.js";
import { EMBEDDING_DIMENSIONS, FakeOpenAIServer } from "./fakes/openai-server.js";
import { makeCorpus } from "./fakes/llm-corpus.js";

let fake: FakeOpenAIServer;
let dirs: ReturnType<typeof makeCorpus>;

beforeAll(async () => {
  fake = await new FakeOpenAIServer().start();
  dirs = makeCorpus();
});

afterAll(async () => {
  await fake.stop();
  rmSync(dirs.root, { recursive: true, force: true });
});

describe("embedder switch", () => {
  it("ingests with the configured embedder, records it, and re-ingests when it changes", async () => {
    const base = { CORPUS_DIR: dirs.corpus, INDEX_DIR: dirs.index, OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: "test-key", LOG_LEVEL: "silent" };
    const remote = loadConfig({ ...base, EMBEDDER: "openai", EMBEDDING_MODEL: "fake-embed" });
    const local = loadConfig({ ...base, EMBEDDER: "hashing" });
    const remoteId = `openai:${fake.baseURL}:fake-embed`;
    const messages: string[] = [];
    const open = (c: typeof remote) => openEngine(c, (m) => messages.push(m));

    // First run: no index yet, so the corpus is ingested with the remote embedder.
    const first = await open(remote);
    const built = readInfo(dirs.index)!;
    expect(built.embedder).toEqual({ id: remoteId, dimensions: EMBEDDING_DIMENSIONS });
    expect(first.embedderId).toBe(remoteId);
    expect(fake.embeddingRequests.length).toBeGreaterThan(0);
    expect(fake.embeddingRequests.every((r) => r.model === "fake-embed" && r.encoding_format === "float")).toBe(true);
    // With a model embedder the question is embedded too (VECTOR_WEIGHT defaults to 0.3).
    const beforeAsk = fake.embeddingRequests.length;
    expect((await first.ask("Thời hạn mượn sách tối đa là bao lâu?")).status).toBe("answer");
    expect(fake.embeddingRequests.length).toBe(beforeAsk + 1);
    const embeddedTexts = fake.embeddingRequests.reduce((n, r) => n + r.input.length, 0);

    // Same embedder: the index is reused as it is.
    messages.length = 0;
    await open(remote);
    expect(readInfo(dirs.index)!.version).toBe(built.version);
    expect(messages).toEqual([]);

    // Another embedder: re-ingest, and the index now says so.
    const switched = await open(local);
    const rebuilt = readInfo(dirs.index)!;
    expect(messages[0]).toContain(`Chỉ mục được dựng với bộ nhúng ${remoteId}, cấu hình hiện là hashing-v1-384`);
    expect(rebuilt.version).not.toBe(built.version);
    expect(rebuilt.embedder).toEqual({ id: "hashing-v1-384", dimensions: 384 });
    expect(switched.embedderId).toBe("hashing-v1-384");

    // Back to the remote embedder: re-ingest again, with vectors from the cache (no new calls).
    messages.length = 0;
    const back = await open(remote);
    expect(messages[0]).toContain("Chỉ mục được dựng với bộ nhúng hashing-v1-384");
    expect(back.embedderId).toBe(remoteId);
    expect(readInfo(dirs.index)!.embedder).toEqual({ id: remoteId, dimensions: EMBEDDING_DIMENSIONS });
    expect(fake.embeddingRequests.reduce((n, r) => n + r.input.length, 0)).toBe(embeddedTexts);

    // No embedder at all is a change too.
    await open(loadConfig({ ...base, EMBEDDER: "none" }));
    expect(readInfo(dirs.index)!.embedder).toBeNull();
  });
});
