/**
 * Candidate points of one document: every unit of the retrieved blocks that treats the topic (the
 * bullets of a directive section are distinct provisions, though the section is searched as one
 * block), or, for a document named without a topic, every unit of it — so all its parts and
 * bullets can be reached. Each is said in its own best sentence, with its role in the argument.
 */
import { blockDescendants, splitSentences } from "../answer/sentences.js";
import type { Engine } from "../engine/engine.js";
import type { QuotedBlock } from "../engine/types.js";
import type { ParsedDocument } from "../model/document.js";
import type { TopicGate } from "./gate.js";
import { roleOf, type Role } from "./roles.js";
import type { Candidate } from "./select.js";
import { pointText } from "./statement.js";
import type { Length, TalkingPoint } from "./types.js";

export interface PointCandidate extends Candidate {
  point: TalkingPoint;
  /** The document's words the statement was made from. */
  source: string;
  role: Role;
  /** Retrieval strength, 0..1 within its document. */
  score: number;
  /** The block the unit is in: points are spread over blocks. */
  block: number;
}

/**
 * The unit's sentences to say it with, best first: those holding most of the gate's terms (the
 * first when none does), else in order — so a unit whose best sentence leans on another ("công việc
 * nói trên") is said in its next one that stands alone.
 */
function sentencesToTry(text: string, gate: TopicGate | undefined): string[] {
  const sentences = splitSentences(text);
  if (!gate) return sentences;
  const held = sentences.map((sentence, i) => ({ sentence, i, held: gate.held(sentence) }));
  const ranked = held.sort((a, b) => b.held - a.held || a.i - b.i);
  // A sentence saying the topic's narrowing words comes first; one that does not is said only if none does.
  const saying = ranked.filter((x) => gate.says(x.sentence));
  return (saying.length ? saying : ranked.filter((x, k) => k === 0 || x.held > 0)).map((x) => x.sentence);
}

/** The heading that says what a unit is about: its own, else its article's or section's. */
function headingOf(doc: ParsedDocument, unit: number): string | undefined {
  for (let u: number | undefined = unit; u !== undefined; u = doc.units[u].parent) if (doc.units[u].heading) return doc.units[u].heading;
  return undefined;
}

function candidate(engine: Engine, d: number, doc: ParsedDocument, block: number, unit: number, gate: TopicGate | undefined, length: Length, score: number): PointCandidate | undefined {
  let text: ReturnType<typeof pointText>;
  for (const sentence of sentencesToTry(doc.units[unit].text, gate)) if ((text = pointText(doc, unit, sentence, length))) break;
  if (!text) return undefined;
  const citation = { ...engine.unitText(doc.meta.id, unit)!.citation, quote: text.quote, score };
  // The narrative before a directive's sections says why; a paragraph after a section's items does not.
  const u = doc.units[unit];
  const preamble = (u.type === "preamble" || (u.type === "doan" && u.parent === undefined)) && doc.layout !== "legal";
  const role = roleOf(text.statement, headingOf(doc, unit), preamble);
  return {
    docId: doc.meta.id,
    docPos: d,
    unit,
    block,
    statement: text.statement,
    source: text.source,
    role,
    score,
    point: { statement: text.statement, quote: text.quote, citation, role },
  };
}

/** Candidates from the blocks a search found, each unit only if it treats the topic. */
export function searchedCandidates(engine: Engine, hits: QuotedBlock[], gate: TopicGate, length: Length): PointCandidate[] {
  const docs = engine.docs();
  const out: PointCandidate[] = [];
  const top = hits[0]?.citation.score || 1;
  for (const h of hits) {
    const d = docs.findIndex((x) => x.meta.id === h.citation.doc.id);
    const doc = docs[d];
    for (const unit of blockDescendants(doc, h.block)) {
      if (!doc.units[unit].text.trim() || !gate.treats(doc.meta.id, unit)) continue;
      // The unit the search itself picked is the block's best; its siblings follow.
      const score = (h.citation.score / top) * (unit === h.citation.unit ? 1 : 0.85);
      const c = candidate(engine, d, doc, h.block, unit, gate, length, score);
      if (c) out.push(c);
    }
  }
  return out;
}

/** Every unit of a document, for a document named without a topic: its parts in order, each reachable. */
export function wholeDocumentCandidates(engine: Engine, docId: string, blocks: number[], length: Length): PointCandidate[] {
  const docs = engine.docs();
  const d = docs.findIndex((x) => x.meta.id === docId);
  const doc = docs[d];
  const out: PointCandidate[] = [];
  for (const block of blocks) {
    const units = blockDescendants(doc, block);
    units.forEach((unit, i) => {
      if (!doc.units[unit].text.trim()) return;
      // A block's opening unit states its subject: it comes before the block's details.
      const c = candidate(engine, d, doc, block, unit, undefined, length, i === 0 ? 1 : 0.8);
      if (c) out.push(c);
    });
  }
  return out;
}
