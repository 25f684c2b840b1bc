/**
 * `npm run eval`: ingests a corpus into a temporary index, asks every question, and scores
 * article-level retrieval from the citations the engine returns (citations, then related).
 * With --answers, questions that have a gold answer are also asked of the engine with the
 * configured LLM, and the answers and shown citations are scored ("answer mode: {…}" line).
 * The last line of output is always one JSON object with the retrieval figures.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Config } from "../config/env.js";
import { Engine } from "../engine/engine.js";
import { ingest } from "../ingest/ingest.js";
import { embedderFromConfig } from "../index/embeddings/embedder.js";
import { llmFromConfig } from "../llm/from-config.js";
import { createLogger } from "../log.js";
import type { Citation } from "../model/citation.js";
import { answerCorrect, containsWords, isPolar } from "./answer-score.js";

const questionSchema = z.object({
  id: z.union([z.string(), z.number()]),
  question: z.string(),
  relevant: z.array(z.object({ doc: z.string(), article: z.union([z.string(), z.number()]).transform(String) })),
  /** Gold answer: a short answer, "Đúng"/"Sai" (or "Có"/"Không"), or a choice letter. */
  answer: z.string().optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = questionSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: câu hỏi sai định dạng (${parsed.error.issues[0].message})`);
      return parsed.data;
    });
}

/** "doc#article" of a citation, or undefined when it cites no article. */
function articleKey(c: Citation): string | undefined {
  const dieu = c.path.find((s) => s.type === "dieu");
  return dieu ? `${c.doc.id}#${dieu.label}` : undefined;
}

export interface EvalFigures {
  n: number;
  r1: number;
  r5: number;
  r10: number;
  mrr10: number;
  p50_ms: number;
  p95_ms: number;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function evaluate(engine: Engine, questions: EvalQuestion[]): Promise<EvalFigures> {
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0;
  const times: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const result = await engine.ask(q.question);
    times.push(performance.now() - t0);
    const gold = new Set(q.relevant.map((r) => `${r.doc}#${r.article}`));
    const ranked: string[] = [];
    for (const c of [...result.citations, ...result.related]) {
      const key = articleKey(c);
      if (key && !ranked.includes(key)) ranked.push(key);
    }
    const rank = ranked.slice(0, 10).findIndex((k) => gold.has(k));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) {
      r10++;
      mrr += 1 / (rank + 1);
    }
  }
  const n = questions.length || 1;
  const round = (x: number, d = 4) => Number(x.toFixed(d));
  return {
    n: questions.length,
    r1: round(r1 / n),
    r5: round(r5 / n),
    r10: round(r10 / n),
    mrr10: round(mrr / n),
    p50_ms: round(percentile(times, 50), 2),
    p95_ms: round(percentile(times, 95), 2),
  };
}

export interface AnswerFigures {
  /** Questions with a gold answer. */
  n: number;
  /** Answers written by the LLM (the rest fell back to, or were, extractive). */
  llm: number;
  /** Share of questions whose shown answer gives the gold answer. */
  accuracy: number;
  /** Share of shown citations whose article is gold or whose text contains the gold answer. */
  citation_precision: number | null;
  tokens: number;
  p50_ms: number;
  p95_ms: number;
}

/** What the user reads as the answer: the answer sentences, or for a unit lookup its quotes. */
function shownText(answer: { text: string }[], citations: Citation[]): string {
  return answer.length ? answer.map((s) => s.text).join(" ") : citations.map((c) => c.quote).join(" ");
}

export async function evaluateAnswers(engine: Engine, questions: EvalQuestion[]): Promise<AnswerFigures> {
  let correct = 0, llm = 0, shown = 0, precise = 0, tokens = 0;
  const times: number[] = [];
  for (const q of questions) {
    const gold = q.answer!;
    const t0 = performance.now();
    const result = await engine.ask(q.question);
    times.push(performance.now() - t0);
    if (result.mode === "llm") llm++;
    tokens += result.tokens?.total ?? 0;
    if (answerCorrect(shownText(result.answer, result.citations), gold)) correct++;
    const articles = new Set(q.relevant.map((r) => `${r.doc}#${r.article}`));
    // A verdict ("Không") or a letter is in no passage: only the gold article makes a citation right.
    const byText = !isPolar(gold) && !/^[A-D]$/i.test(gold.trim());
    for (const c of result.citations) {
      shown++;
      const key = articleKey(c);
      if ((key && articles.has(key)) || (byText && containsWords(engine.unitText(c.doc.id, c.unit)?.text ?? c.quote, gold))) precise++;
    }
  }
  const round = (x: number, d = 4) => Number(x.toFixed(d));
  return {
    n: questions.length,
    llm,
    accuracy: round(correct / (questions.length || 1)),
    citation_precision: shown ? round(precise / shown) : null,
    tokens,
    p50_ms: round(percentile(times, 50), 2),
    p95_ms: round(percentile(times, 95), 2),
  };
}

/** Answer mode: one "answer mode: …" line, "not run" when no LLM is configured (offline). */
async function reportAnswers(config: Config, indexDir: string, questions: EvalQuestion[]): Promise<AnswerFigures | undefined> {
  const gold = questions.filter((q) => q.answer?.trim());
  const llm = llmFromConfig(config, createLogger(config.LOG_LEVEL));
  if (!llm) console.log("answer mode: not run (no LLM configured)");
  else if (!gold.length) console.log("answer mode: not run (no question has a gold answer)");
  else {
    const figures = await evaluateAnswers(Engine.open({ indexDir, writer: llm.writer }), gold);
    console.log(`answer mode: ${JSON.stringify({ model: llm.model, ...figures })}`);
    return figures;
  }
  return undefined;
}

export async function runEval(config: Config, opts: { corpus: string; questions: string; index?: string; answers?: boolean }): Promise<EvalFigures> {
  const questions = readQuestions(opts.questions);
  const indexDir = opts.index ?? mkdtempSync(path.join(os.tmpdir(), "hvb-eval-"));
  try {
    const r = await ingest({ from: opts.corpus, indexDir, embedder: embedderFromConfig(config) });
    const failed = r.reports.filter((f) => f.status === "failed");
    console.log(`Nạp ${r.reports.length - failed.length}/${r.reports.length} tệp trong ${(r.durationMs / 1000).toFixed(1)} s; ${questions.length} câu hỏi.`);
    for (const f of failed) console.log(`  ✗ ${f.error}`);
    const engine = Engine.open({ indexDir });
    const figures = await evaluate(engine, questions);
    if (opts.answers) await reportAnswers(config, indexDir, questions);
    console.log(JSON.stringify(figures));
    return figures;
  } finally {
    if (!opts.index) rmSync(indexDir, { recursive: true, force: true });
  }
}
