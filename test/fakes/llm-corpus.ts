/**
 * A real engine over a temporary corpus for the LLM tests: the project's user guide and manifest,
 * plus a plainly invented regulation (test/fixtures/llm), ingested into a temporary index.
 * Also a pino logger whose records the tests can read (the fallback causes, the tokens).
 */
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino, type Logger } from "pino";
import { loadConfig, type Config } from "../../src/config/env.js";
import { ingest } from "../../src/ingest/ingest.js";
import { REPO_ROOT } from "../helpers/shared.js";

export const FIXTURE_DOC = "quy-che-thu-vien-mau";

/** A temporary folder with corpus/ (guide, manifest, fixture) and an empty index/. */
export function makeCorpus(): { root: string; corpus: string; index: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "hvb-llm-"));
  const corpus = path.join(root, "corpus");
  mkdirSync(corpus);
  copyFileSync(path.join(REPO_ROOT, "corpus/huong-dan-su-dung.md"), path.join(corpus, "huong-dan-su-dung.md"));
  copyFileSync(path.join(REPO_ROOT, "corpus/manifest.json"), path.join(corpus, "manifest.json"));
  copyFileSync(path.join(REPO_ROOT, `test/fixtures/llm/${FIXTURE_DOC}.txt`), path.join(corpus, `${FIXTURE_DOC}.txt`));
  return { root, corpus, index: path.join(root, "index") };
}

export async function ingestCorpus(): Promise<{ root: string; corpus: string; index: string }> {
  const dirs = makeCorpus();
  await ingest({ from: dirs.corpus, indexDir: dirs.index, embedder: null });
  return dirs;
}

/** Configuration as the environment would give it, pointing at the fake endpoint. */
export function llmConfig(baseURL: string, env: Record<string, string> = {}): Config {
  return loadConfig({ OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: "test-key", LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "5000", ...env });
}

export interface LogRecord {
  level: number;
  msg: string;
  llm?: string;
  cause?: string;
  tokens?: { input: number; output: number; total: number };
  [key: string]: unknown;
}

/** A logger that keeps its records in memory. */
export function memoryLogger(): { log: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const log = pino({ level: "info", base: undefined }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { log, records };
}
