/**
 * Candidate points of one document, best first: each retrieved block's best sentence, then other
 * units of those blocks that share a word pair with the topic (the bullets of a directive section
 * are distinct provisions, though the section is searched as one block).
 */
import { blockDescendants, splitSentences } from "../answer/sentences.js";
import type { Engine } from "../engine/engine.js";
import type { PassageHit } from "../engine/types.js";
import type { ParsedDocument } from "../model/document.js";
import { tokenize } from "../text/tokenize.js";
import type { Candidate } from "./select.js";
import { pointText } from "./statement.js";
import type { Length, TalkingPoint } from "./types.js";

export interface PointCandidate extends Candidate {
  point: TalkingPoint;
  /** The document's words the statement was made from. */
  source: string;
}

/** The unit's sentence sharing most of the topic's word pairs, if any. */
function bestSentence(text: string, pairs: string[]): string | undefined {
  let best: { sentence: string; shared: number } | undefined;
  for (const sentence of splitSentences(text)) {
    const terms = new Set(tokenize(sentence).folded);
    const shared = pairs.filter((p) => terms.has(p)).length;
    if (shared && (!best || shared > best.shared)) best = { sentence, shared };
  }
  return best?.sentence;
}

/** `pairs`: the topic's content word pairs (empty when the topic is a document's name). */
export function documentCandidates(engine: Engine, hits: PassageHit[], pairs: string[], length: Length): PointCandidate[] {
  const docs = engine.docs();
  const make = (d: number, doc: ParsedDocument, unit: number, fragment: string, score: number): PointCandidate[] => {
    const text = pointText(doc, unit, fragment, length);
    if (!text) return [];
    const citation = { ...engine.unitText(doc.meta.id, unit)!.citation, quote: text.quote, score };
    return [{ docId: doc.meta.id, docPos: d, unit, statement: text.statement, source: text.source, point: { statement: text.statement, quote: text.quote, citation } }];
  };
  const primary: PointCandidate[] = [];
  const secondary: PointCandidate[] = [];
  for (const h of hits) {
    const d = docs.findIndex((x) => x.meta.id === h.citation.doc.id);
    const doc = docs[d];
    primary.push(...make(d, doc, h.citation.unit, h.sentence, h.citation.score));
    if (!pairs.length) continue;
    for (const unit of blockDescendants(doc, h.block)) {
      const sentence = unit === h.citation.unit ? undefined : bestSentence(doc.units[unit].text, pairs);
      if (sentence) secondary.push(...make(d, doc, unit, sentence, h.citation.score));
    }
  }
  return [...primary, ...secondary];
}
