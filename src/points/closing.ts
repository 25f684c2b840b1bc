/**
 * The closing line: tasks and calls to action found in the retrieved passages ("… có trách nhiệm
 * tổ chức thực hiện …"), each sentence cited. Explicit assignments come before a bare "cần"/"phải".
 */
import { blockDescendants, splitSentences } from "../answer/sentences.js";
import type { Engine } from "../engine/engine.js";
import type { QuotedBlock } from "../engine/types.js";
import type { Citation } from "../model/citation.js";
import { SAME_SENTENCE, similarity } from "./select.js";
import { aboutTheText, asSentence, MAX_STATEMENT_CHARS, standsAlone } from "./statement.js";

/** "yêu cầu" as a demand, not "theo yêu cầu của …" or "có yêu cầu". */
const ASSIGNMENT = /(?<!\p{L})(tổ chức thực hiện|có trách nhiệm|(?<!người )chịu trách nhiệm|quán triệt|triển khai|chỉ đạo|đôn đốc|(?<!(?:có|theo) )yêu cầu (?:các|mọi|toàn thể))(?!\p{L})/iu;
const DUTY = /(?<!\p{L})(?<!không )(cần|phải)(?!\p{L})(?! thiết)/iu;
const MAX_SENTENCES = 2;
const MIN_CHARS = 40;

interface Found {
  docId: string;
  unit: number;
  sentence: string;
  strong: boolean;
}

/**
 * `used`: the points' source words, not repeated in the closing. Without hits (a document named
 * without a topic), the whole of `docIds` is read.
 */
export function closingLine(engine: Engine, hits: QuotedBlock[], used: string[], docIds: string[]): { statement: string; citations: Citation[] } | undefined {
  const docs = new Map(engine.docs().map((d) => [d.meta.id, d]));
  const found: Found[] = [];
  const blocks = hits.length ? hits.map((h) => ({ docId: h.citation.doc.id, block: h.block })) : docIds.flatMap((docId) => (docs.get(docId)?.units.length ? [{ docId, block: -1 }] : []));
  for (const { docId, block } of blocks) {
    const doc = docs.get(docId);
    if (!doc) continue;
    const units = block < 0 ? doc.units.map((_, i) => i) : blockDescendants(doc, block);
    for (const unit of units) {
      if (aboutTheText(doc, unit)) continue;
      for (const sentence of splitSentences(doc.units[unit].text)) {
        // A lead-in ("… có trách nhiệm:") is not a task until its items are read; a list item lacks its subject.
        if (sentence.length < MIN_CHARS || sentence.length > MAX_STATEMENT_CHARS || sentence.endsWith(":") || !standsAlone(sentence) || /^\p{Ll}/u.test(sentence)) continue;
        if (doc.units[unit].parent !== undefined && sentence === splitSentences(doc.units[unit].text)[0] && /:$/u.test(doc.units[doc.units[unit].parent!].text.trim())) continue;
        if (used.some((u) => u.includes(sentence) || similarity(u, sentence) >= SAME_SENTENCE)) continue;
        const strong = ASSIGNMENT.test(sentence);
        if (strong || DUTY.test(sentence)) found.push({ docId: doc.meta.id, unit, sentence, strong });
      }
    }
  }
  const chosen: Found[] = [];
  for (const f of [...found.filter((x) => x.strong), ...found.filter((x) => !x.strong)]) {
    if (chosen.length === MAX_SENTENCES) break;
    if (chosen.some((c) => c.docId === f.docId && c.unit === f.unit)) continue;
    chosen.push(f);
  }
  if (!chosen.length) return undefined;
  const citations = chosen.map((c) => ({ ...engine.unitText(c.docId, c.unit)!.citation, quote: c.sentence }));
  return { statement: chosen.map((c) => asSentence(c.sentence)).join(" "), citations };
}
