/**
 * Passages for a topic, grouped by document. The gate is the answers' (one of the best three hits
 * covers most of the topic's words) plus one for phrases: a topic is a phrase, so a passage must
 * share at least one of its word pairs — "thám hiểm sao Hỏa" is not supported by "nguy hiểm" and
 * "tàu hỏa" scattered in an article.
 */
import type { Engine } from "../engine/engine.js";
import type { PassageHit } from "../engine/types.js";
import { QUESTION_WORDS } from "../index/lexical.js";
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { tokenize } from "../text/tokenize.js";

/** Passages retrieved per search: enough to find 7 distinct provisions and a closing line. */
const SEARCH_LIMIT = 40;
/** A passage must score this share of its list's best to be used. */
const RELATIVE_SCORE = 0.3;
/** Without a named document, a document joins only if its best passage scores this share of the top. */
const DOC_RELATIVE_SCORE = 0.5;

/** Folded word pairs of the topic that carry content (question and linking words left out). */
export function contentPairs(topic: string): string[] {
  return tokenize(topic).folded.filter((t) => {
    const parts = t.split(" ");
    return parts.length === 2 && !parts.some((p) => QUESTION_WORDS.has(p) || /^\d+$/.test(p));
  });
}

class Gate {
  private readonly pairs: string[];
  private readonly docs: Map<string, ParsedDocument>;

  constructor(private readonly engine: Engine, topic: string) {
    this.pairs = contentPairs(topic);
    this.docs = new Map(engine.docs().map((d) => [d.meta.id, d]));
  }

  /** Covers the topic's words and, for a phrase, contains one of its pairs. */
  covers(h: PassageHit): boolean {
    if (h.coverage < this.engine.minCoverage) return false;
    if (!this.pairs.length) return true;
    const doc = this.docs.get(h.citation.doc.id)!;
    const terms = new Set(tokenize([doc.units[h.block].heading, unitFullText(doc, h.block)].join("\n")).folded);
    return this.pairs.some((p) => terms.has(p));
  }

  /** The hits to draw from, best first; none when the best three do not carry the topic. */
  filter(hits: PassageHit[]): PassageHit[] {
    if (!hits.slice(0, 3).some((h) => this.covers(h))) return [];
    const good = hits.filter((h) => this.covers(h));
    return good.filter((h) => h.citation.score >= RELATIVE_SCORE * good[0].citation.score);
  }
}

/**
 * Each named document searched on its own (by the topic, or by its own title when the topic is
 * only its name); without names, the whole corpus, where every document close to the top joins.
 */
export async function retrieveGroups(engine: Engine, docIds: string[], content: string): Promise<PassageHit[][]> {
  const gate = new Gate(engine, content);
  if (docIds.length) {
    const groups: PassageHit[][] = [];
    for (const id of docIds) {
      const query = content || engine.catalog().find((c) => c.id === id)!.title;
      const hits = gate.filter(await engine.searchPassages(query, { docs: [id], limit: SEARCH_LIMIT }));
      if (hits.length) groups.push(hits);
    }
    return groups;
  }
  const hits = gate.filter(await engine.searchPassages(content, { limit: SEARCH_LIMIT }));
  const byDoc = new Map<string, PassageHit[]>();
  for (const h of hits) byDoc.set(h.citation.doc.id, [...(byDoc.get(h.citation.doc.id) ?? []), h]);
  return [...byDoc.values()].filter((list) => list[0].citation.score >= DOC_RELATIVE_SCORE * hits[0].citation.score);
}
