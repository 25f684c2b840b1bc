/**
 * `npm run bench`: every figure measured side by side in one run.
 * - Retrieval quality on ALQAC 2022: the engine, the engine with the default hashing vectors fused,
 *   MiniSearch with a syllable tokenizer, and a plain BM25 (syllables + pairs); then by half (split
 *   by code), beside BM25 over clauses, with the colloquial set, refusals and first-screen answers.
 * - Not-found behaviour: share of plainly off-topic questions (bench/offtopic-questions.txt) answered.
 * - Ingest time and peak memory (cold, and rebuilt from the parse cache) of all of vn-legal-texts,
 *   query latency on both corpora, resident memory with the larger index loaded (in a child
 *   process, so this process's own data does not count).
 * - The Telegram bot's throughput against a fake Bot API server.
 * - Scale-out: answers/s and p95 latency with 1, 2 and 4 bot instances sharing a real Redis.
 * - OCR: six scanned pages of a real law, three kinds of scan: pages/minute, CER, peak memory.
 * Needs ../shared; says so and skips what it cannot run. `npm run bench -- scale` runs one section.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { evaluate, percentile, readQuestions } from "../src/cli/eval.js";
import { HashingEmbeddings } from "../src/index/embeddings/hashing.js";
import { DEFAULT_SEARCH } from "../src/index/corpus-index.js";
import { bm25Ranker, miniSearchRanker, readArticles, scoreRanker } from "./bench/baselines.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.HVB_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const ALQAC = path.join(SHARED, "bench/alqac2022");
const LEGAL = path.join(SHARED, "corpora/vn-legal-texts");
const results: Record<string, unknown> = {};
const round = (x: number, d = 3) => Number(x.toFixed(d));
const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), p));

function row(name: string, f: { r1: number; r5: number; r10: number; mrr10: number; p50_ms: number; p95_ms?: number }) {
  console.log(`| ${name.padEnd(34)} | ${f.r1.toFixed(3)} | ${f.r5.toFixed(3)} | ${f.r10.toFixed(3)} | ${f.mrr10.toFixed(3)} | ${f.p50_ms.toFixed(2)} | ${(f.p95_ms ?? NaN).toFixed(2)} |`);
}

async function quality(): Promise<void> {
  if (!existsSync(ALQAC)) return console.log(`[skip] ${ALQAC} not found: ALQAC quality not measured`);
  const questions = readQuestions(path.join(ALQAC, "questions.jsonl"));
  const corpus = path.join(ALQAC, "corpus");
  console.log(`\n## ALQAC 2022 retrieval (${questions.length} questions, article level)\n`);
  console.log("| system                             | R@1   | R@5   | R@10  | MRR@10 | p50 ms | p95 ms |\n|---|---|---|---|---|---|---|");
  const dir = tmp("hvb-bench-alqac-");
  const model = new HashingEmbeddings();
  await ingest({ from: corpus, indexDir: dir, embedder: { id: model.id, dimensions: model.dimensions, model, remote: false } });
  const engine = Engine.open({ indexDir: dir });
  const ours = await evaluate(engine, questions);
  row("Hỏi Văn Bản (default, lexical)", ours);
  const fused = Engine.open({ indexDir: dir, embedQuery: async (t) => model.embed(t), search: { ...DEFAULT_SEARCH, vectorWeight: 0.15 } });
  const withVectors = await evaluate(fused, questions);
  row("… + hashing vectors fused (w 0.15)", withVectors);
  const articles = readArticles(corpus);
  const bm25 = scoreRanker(bm25Ranker(articles), questions);
  row("plain BM25, syllables + pairs", bm25);
  const mini = scoreRanker(miniSearchRanker(articles), questions);
  row("MiniSearch, syllable tokenizer", mini);

  const offtopic = readFileSync(path.join(ROOT, "bench/offtopic-questions.txt"), "utf8").split("\n").filter((l) => l.trim());
  let answered = 0;
  for (const q of offtopic) if ((await engine.ask(q)).status === "answer") answered++;
  let notFound = 0;
  for (const q of questions) if ((await engine.ask(q.question)).status === "not_found") notFound++;
  console.log(`\nOff-topic questions answered anyway: ${answered}/${offtopic.length}; ALQAC questions refused as not found: ${notFound}/${questions.length}.`);
  results.alqac = { engine: ours, engineWithHashingVectors: withVectors, bm25, minisearch: mini, offtopicAnswered: answered / offtopic.length, alqacNotFound: notFound / questions.length };
  rmSync(dir, { recursive: true, force: true });
}

/** Queries for the large corpus: article headings of every 40th article (what users look up). */
function headingQueries(engine: Engine, every = 40): string[] {
  const out: string[] = [];
  let i = 0;
  for (const doc of engine.docs()) for (const u of doc.units) if (u.type === "dieu" && u.heading && i++ % every === 0) out.push(u.heading);
  return out;
}

async function scale(): Promise<void> {
  if (!existsSync(LEGAL)) return console.log(`[skip] ${LEGAL} not found: ingest time, latency and memory at scale not measured`);
  console.log("\n## vn-legal-texts at scale\n");
  const dir = tmp("hvb-bench-legal-");
  // Each ingest alone in a child process: its peak resident memory is the ingest's own.
  const run = () => JSON.parse(execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench/ingest-peak.ts"), LEGAL, dir], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).trim().split("\n").pop()!) as { seconds: number; peakMb: number; treePeakMb: number; reports: Array<{ status: string; dieu: number }> };
  const cold = run();
  const ingestS = cold.seconds;
  const units = cold.reports.reduce((s, f) => s + f.dieu, 0);
  const failed = cold.reports.filter((f) => f.status === "failed").length;
  console.log(`Ingest (cold, no cache): ${cold.reports.length} files, ${units} articles, ${failed} failed, ${ingestS.toFixed(1)} s, peak resident memory ${cold.peakMb} MB (${cold.treePeakMb} MB with the parse process)`);
  // Only the index rebuilt from the parse cache: the build's own peak.
  rmSync(path.join(dir, "CURRENT"), { force: true });
  const rebuilt = run();
  console.log(`Index rebuilt from the parse cache: ${rebuilt.seconds.toFixed(1)} s, peak resident memory ${rebuilt.peakMb} MB`);
  const warm = run();
  const warmS = warm.seconds;
  console.log(`Re-ingest with nothing changed: ${warmS.toFixed(1)} s`);
  const engine = Engine.open({ indexDir: dir });
  const queries = headingQueries(engine);
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await engine.ask(q);
    times.push(performance.now() - s);
  }
  const p50 = percentile(times, 50), p95 = percentile(times, 95);
  console.log(`Query latency over ${queries.length} heading queries: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
  const rss = JSON.parse(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(ROOT, "scripts/bench/rss.ts"), dir], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
  console.log(`Resident memory with this index loaded: ${rss.rssMb} MB (JS heap ${rss.heapMb} MB)`);
  results.legal = { files: cold.reports.length, articles: units, failed, ingestS: round(ingestS, 1), ingestPeakMb: cold.peakMb, ingestTreePeakMb: cold.treePeakMb, rebuildS: round(rebuilt.seconds, 1), rebuildPeakMb: rebuilt.peakMb, reingestS: round(warmS, 1), queries: queries.length, p50_ms: round(p50, 2), p95_ms: round(p95, 2), rssMb: rss.rssMb };
  rmSync(dir, { recursive: true, force: true });
}

/** The whole Telegram bot (offline engine) against the fake Bot API server: N concurrent chats. */
async function telegram(): Promise<void> {
  const { runTelegramBench } = await import("./bench/telegram.js");
  console.log("\n## Telegram bot against a fake Bot API server\n");
  const t = await runTelegramBench();
  console.log(JSON.stringify(t));
  results.telegram = t;
}

/** Several bot instances (webhook mode, shared real Redis) against the fake Bot API: 1, 2, 4 instances. */
async function instances(): Promise<void> {
  const { runInstancesBench, instancesTable } = await import("./bench/instances.js");
  console.log("\n## Scale-out: bot instances sharing Redis, webhook mode\n");
  try {
    const r = await runInstancesBench();
    console.log(instancesTable(r));
    results.instances = r;
  } catch (err) {
    console.log(`[skip] instances benchmark: ${(err as Error).message}`);
  }
}

/** Scanned PDFs read by OCR, beside plain tesseract on unfiltered page images (scripts/bench/ocr.ts). */
async function ocr(): Promise<void> {
  const law = path.join(LEGAL, "dan_su/Luật_Quốc_tịch_Việt_Nam_2008.txt");
  if (!existsSync(law)) return console.log(`[skip] ${law} not found: OCR not measured`);
  const { runOcrBench, ocrTable } = await import("./bench/ocr.js");
  console.log(`\n## OCR of scanned PDFs (6 pages each, model loading included, ${os.availableParallelism()} cores)\n`);
  const rows = await runOcrBench(law);
  console.log(ocrTable(rows));
  results.ocr = rows;
}

async function split(): Promise<void> {
  console.log("\n## ALQAC 2022 split by code, colloquial and other-domain questions (scripts/bench/split.ts)\n");
  await (await import("./bench/split.js")).runSplit();
}

// `npm run bench -- scale ocr` runs only those sections; no argument runs them all.
const sections = { quality, split, scale, telegram, instances, ocr };
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in sections));
if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(", ")}; sections: ${Object.keys(sections).join(", ")}`);
for (const [name, run] of Object.entries(sections)) if (!asked.length || asked.includes(name)) await run();
console.log(JSON.stringify(results));
