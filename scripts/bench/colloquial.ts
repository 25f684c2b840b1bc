/**
 * Everyday wording: the thesaurus and corpus vectors measured on ALQAC 2022 split by code (weights
 * are chosen on two codes and reported on the other two, and the reverse) and on the colloquial
 * set as held-out, beside plain BM25 (syllables + pairs) and the engine without expansion, in one
 * run. `npx tsx scripts/bench/colloquial.ts [--grid]` prints the table; bench.ts calls it too.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Engine, type EngineOptions } from "../../src/engine/engine.js";
import { ingest } from "../../src/ingest/ingest.js";
import { evaluate, readQuestions, type EvalFigures, type EvalQuestion } from "../../src/cli/eval.js";
import { DEFAULT_SEARCH, type SearchParams } from "../../src/index/corpus-index.js";
import { bm25Ranker, readArticles, scoreRanker } from "./baselines.js";
import { embedderFromConfig } from "../../src/index/embeddings/embedder.js";
import { loadConfig } from "../../src/config/env.js";

/** The two halves of ALQAC by code: constants are chosen on one and reported on the other. */
const FOLDS: Record<string, string[]> = {
  "dân sự + an ninh mạng": ["bo-luat-dan-su-91-2015-qh13", "luat-an-ninh-mang-24-2018-qh14"],
  "hình sự + lao động": ["bo-luat-hinh-su-01-vbhn-vpqh", "bo-luat-lao-dong-45-2019-qh14"],
};

export interface SetFigures extends EvalFigures {
  refused: number;
}

async function measure(engine: Engine, questions: EvalQuestion[]): Promise<SetFigures> {
  const figures = await evaluate(engine, questions);
  let refused = 0;
  for (const q of questions) if ((await engine.ask(q.question)).status === "not_found") refused++;
  return { ...figures, refused };
}

export interface ColloquialReport {
  rows: Array<{ system: string; folds: Record<string, SetFigures>; colloquial: SetFigures; offtopicAnswered: number }>;
  /** Ingest time with corpus vectors learnt, in seconds. */
  ingestS: number;
  bm25: { folds: Record<string, ReturnType<typeof scoreRanker>>; colloquial: ReturnType<typeof scoreRanker> };
}

export async function colloquialBench(opts: { alqac: string; colloquial: string; offtopic: string; systems: Array<{ name: string; engine: Omit<EngineOptions, "indexDir"> }> }): Promise<ColloquialReport> {
  const corpus = path.join(opts.alqac, "corpus");
  const alqac = readQuestions(path.join(opts.alqac, "questions.jsonl"));
  const colloquial = readQuestions(opts.colloquial);
  const offtopic = readFileSync(opts.offtopic, "utf8").split("\n").filter((l) => l.trim());
  const fold = (docs: string[]) => alqac.filter((q) => q.relevant.some((r) => docs.includes(r.doc)));
  const dir = mkdtempSync(path.join(os.tmpdir(), "hvb-bench-colloquial-"));
  try {
    // Corpus vectors are learnt at this ingest; rows without a vector weight simply do not use them.
    const embedder = embedderFromConfig(loadConfig({ EMBEDDER: "corpus" }))!;
    const t0 = performance.now();
    await ingest({ from: corpus, indexDir: dir, embedder });
    const ingestS = (performance.now() - t0) / 1000;
    const rows: ColloquialReport["rows"] = [];
    for (const s of opts.systems) {
      const engine = Engine.open({ indexDir: dir, ...s.engine });
      const folds: Record<string, SetFigures> = {};
      for (const [name, docs] of Object.entries(FOLDS)) folds[name] = await measure(engine, fold(docs));
      let answered = 0;
      for (const q of offtopic) if ((await engine.ask(q)).status === "answer") answered++;
      rows.push({ system: s.name, folds, colloquial: await measure(engine, colloquial), offtopicAnswered: answered });
    }
    const articles = readArticles(corpus);
    const bm25 = bm25Ranker(articles);
    const bm25Folds = Object.fromEntries(Object.entries(FOLDS).map(([name, docs]) => [name, scoreRanker(bm25, fold(docs))]));
    return { rows, ingestS, bm25: { folds: bm25Folds, colloquial: scoreRanker(bm25, colloquial) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printColloquial(r: ColloquialReport, offtopicCount: number): void {
  const names = Object.keys(FOLDS);
  console.log(`| system | ${names.map((n) => `ALQAC ${n} MRR@10 (refused)`).join(" | ")} | colloquial R@1 / R@5 / refused (of 24) | p50 ms | off-topic answered |`);
  console.log(`|---|${names.map(() => "---|").join("")}---|---|---|`);
  for (const row of r.rows) {
    const c = row.colloquial;
    const n = c.n;
    console.log(
      `| ${row.system} | ${names.map((f) => `${row.folds[f].mrr10.toFixed(3)} (${row.folds[f].refused})`).join(" | ")} | ${Math.round(c.r1 * n)} / ${Math.round(c.r5 * n)} / ${c.refused} | ${c.p50_ms.toFixed(2)} | ${row.offtopicAnswered}/${offtopicCount} |`,
    );
  }
  const b = r.bm25;
  const n = b.colloquial.n;
  console.log(`| plain BM25, syllables + pairs | ${names.map((f) => `${b.folds[f].mrr10.toFixed(3)} (–)`).join(" | ")} | ${Math.round(b.colloquial.r1 * n)} / ${Math.round(b.colloquial.r5 * n)} / – | ${b.colloquial.p50_ms.toFixed(2)} | – |`);
  console.log(`\nIngest of the 4 codes with corpus vectors learnt: ${r.ingestS.toFixed(1)} s`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
  const shared = process.env.HVB_SHARED_DIR ?? path.resolve(root, "../shared");
  const offtopic = path.join(root, "bench/offtopic-questions.txt");
  const grid = process.argv.includes("--grid");
  const with_ = (p: Partial<SearchParams>) => ({ search: { ...DEFAULT_SEARCH, ...p } });
  const systems: Array<{ name: string; engine: Omit<EngineOptions, "indexDir"> }> = [
    { name: "engine, no thesaurus", engine: { thesaurus: null } },
    {
      name: `engine + thesaurus (default: w ${DEFAULT_SEARCH.expansionWeight}, unseen ${DEFAULT_SEARCH.expansionWeightUnseen}, coverage ${DEFAULT_SEARCH.expansionCoverage})`,
      engine: {},
    },
  ];
  for (const w of [0.1, 0.3]) systems.push({ name: `engine + thesaurus + corpus vectors (w ${w})`, engine: with_({ vectorWeight: w }) });
  if (grid)
    for (const w of [0.3, 0.5])
      for (const u of [0.5, 1])
        for (const c of [0.5, 0.7, 0.9])
          systems.push({ name: `thesaurus w ${w}, unseen ${u}, coverage ${c}`, engine: with_({ expansionWeight: w, expansionWeightUnseen: u, expansionCoverage: c }) });
  const r = await colloquialBench({ alqac: path.join(shared, "bench/alqac2022"), colloquial: path.join(shared, "bench/colloquial/questions.jsonl"), offtopic, systems });
  printColloquial(r, readFileSync(offtopic, "utf8").split("\n").filter((l) => l.trim()).length);
}
