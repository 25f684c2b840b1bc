/**
 * Baselines measured beside the engine in the same run: MiniSearch (what a JS developer would
 * pick) with a Vietnamese syllable tokenizer, and a plain BM25 over syllables and syllable pairs
 * (k1 1.2, b 0.75, whole articles as units) — the reference of ../shared/bench/alqac2022.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MiniSearch from "minisearch";
import { percentile, type EvalQuestion } from "../../src/cli/eval.js";

interface Article {
  id: string;
  doc: string;
  article: string;
  text: string;
}

/** Articles of the ALQAC corpus layout: "Điều N. title" lines starting each article. */
export function readArticles(dir: string): Article[] {
  const out: Article[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
    const doc = f.replace(/\.txt$/, "");
    const text = readFileSync(path.join(dir, f), "utf8");
    for (const part of text.split(/^(?=Điều \d+[a-z]?\. )/m).slice(1)) {
      const article = part.match(/^Điều (\d+[a-z]?)\./)![1];
      out.push({ id: `${doc}#${article}`, doc, article, text: part });
    }
  }
  return out;
}

const syllables = (s: string) => s.normalize("NFC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

function withPairs(s: string): string[] {
  const syl = syllables(s);
  const out = [...syl];
  for (let i = 0; i + 1 < syl.length; i++) out.push(`${syl[i]} ${syl[i + 1]}`);
  return out;
}

export type Ranker = (question: string) => string[];

export function miniSearchRanker(articles: Article[]): Ranker {
  const ms = new MiniSearch<Article>({ fields: ["text"], storeFields: [], tokenize: syllables, processTerm: (t) => t });
  ms.addAll(articles);
  return (q) => ms.search(q).slice(0, 10).map((r) => String(r.id));
}

export function bm25Ranker(articles: Article[], k1 = 1.2, b = 0.75): Ranker {
  return unitBm25Ranker(articles.map((a) => ({ id: a.id, text: a.text })), k1, b);
}

/**
 * The clause baseline: each clause ("1.", "2." … lines) is a unit with its article's title line in
 * front; an article is scored by its best clause (an article without clauses is one unit).
 */
export function clauseBm25Ranker(articles: Article[], k1 = 1.2, b = 0.75): Ranker {
  const units = articles.flatMap((a) => {
    const [title, ...rest] = a.text.split("\n");
    const clauses = rest.join("\n").split(/^(?=\d+\.\s)/m).filter((c) => c.trim());
    return clauses.length > 1 ? clauses.map((c) => ({ id: a.id, text: `${title}\n${c}` })) : [{ id: a.id, text: a.text }];
  });
  return unitBm25Ranker(units, k1, b);
}

/** BM25 over syllables and pairs; units sharing an id count once, by their best score. */
function unitBm25Ranker(articles: Array<{ id: string; text: string }>, k1: number, b: number): Ranker {
  const tfs = articles.map((a) => {
    const m = new Map<string, number>();
    const toks = withPairs(a.text);
    for (const t of toks) m.set(t, (m.get(t) ?? 0) + 1);
    return { m, len: toks.length };
  });
  const N = articles.length;
  const avg = tfs.reduce((s, t) => s + t.len, 0) / N;
  const df = new Map<string, number>();
  for (const { m } of tfs) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return (q) => {
    const terms = withPairs(q);
    const scored = tfs.map(({ m, len }, i) => {
      let s = 0;
      for (const t of terms) {
        const f = m.get(t);
        if (!f) continue;
        const d = df.get(t)!;
        s += Math.log(1 + (N - d + 0.5) / (d + 0.5)) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avg)));
      }
      return { i, s };
    });
    const ranked: string[] = [];
    for (const x of scored.filter((x) => x.s > 0).sort((x, y) => y.s - x.s)) {
      const id = articles[x.i].id;
      if (!ranked.includes(id)) ranked.push(id);
      if (ranked.length === 10) break;
    }
    return ranked;
  };
}

export function scoreRanker(ranker: Ranker, questions: EvalQuestion[]) {
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0;
  const times: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const ranked = ranker(q.question);
    times.push(performance.now() - t0);
    const gold = new Set(q.relevant.map((r) => `${r.doc}#${r.article}`));
    const rank = ranked.findIndex((id) => gold.has(id));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) (r10++, (mrr += 1 / (rank + 1)));
  }
  const n = questions.length;
  return { n, r1: r1 / n, r5: r5 / n, r10: r10 / n, mrr10: mrr / n, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95) };
}
