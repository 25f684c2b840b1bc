/**
 * Passages for a topic, grouped by document. A block is used only if it passes the answers' gate
 * (it covers enough of the topic's words) and the topic gate (it holds the topic's informative
 * word pairs, gate.ts): "thám hiểm sao Hỏa" is not supported by "nguy hiểm" and "tàu hỏa".
 */
import type { Engine } from "../engine/engine.js";
import type { QuotedBlock } from "../engine/types.js";
import type { TopicGate } from "./gate.js";

/** Passages retrieved per search: enough to find 7 distinct provisions and a closing line. */
const SEARCH_LIMIT = 40;
/** A passage must score this share of its list's best to be used. */
const RELATIVE_SCORE = 0.3;

function filter(engine: Engine, gate: TopicGate, hits: QuotedBlock[]): QuotedBlock[] {
  const good = hits.filter((h) => h.coverage >= engine.minCoverage && gate.treats(h.citation.doc.id, h.block));
  return good.filter((h) => h.citation.score >= RELATIVE_SCORE * good[0].citation.score);
}

/** Each named document searched on its own; without names, the whole corpus. */
export async function retrieveGroups(engine: Engine, gate: TopicGate, docIds: string[]): Promise<QuotedBlock[][]> {
  if (docIds.length) {
    const groups: QuotedBlock[][] = [];
    for (const id of docIds) {
      const hits = filter(engine, gate, await engine.searchBlocks(gate.topic, { docs: [id], limit: SEARCH_LIMIT }));
      if (hits.length) groups.push(hits);
    }
    return groups;
  }
  const hits = filter(engine, gate, await engine.searchBlocks(gate.topic, { limit: SEARCH_LIMIT }));
  const byDoc = new Map<string, QuotedBlock[]>();
  for (const h of hits) byDoc.set(h.citation.doc.id, [...(byDoc.get(h.citation.doc.id) ?? []), h]);
  return [...byDoc.values()];
}
