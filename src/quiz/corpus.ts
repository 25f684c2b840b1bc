/**
 * One pass over every loaded document: its sentences with their key facts, its lists, and the
 * corpus-wide pools distractors are drawn from. Cached per index version (the docs array).
 */
import type { ParsedDocument } from "../model/document.js";
import { comparable, syllableSet } from "./compare.js";
import { docBlocks } from "./blocks.js";
import { findConditionals } from "./conditions.js";
import { findFacts, LEVELS, type Fact } from "./facts.js";
import { listForm, partOf, verbOpenings, type ItemForm } from "./forms.js";
import { findLists, fullLead, meaningfulItem, type ListFact } from "./lists.js";
import { sentenceSpans, withoutNotes } from "./spans.js";

export interface SentenceFacts {
  unit: number;
  sentence: string;
  facts: Fact[];
  /** A list item's lead ("… trong các trường hợp sau đây:"), without which the item says nothing. */
  lead?: string;
}

/**
 * What introduces a list item: the parent's text when it ends with a colon, else — for items
 * ending with ";" under an article without a lead — the article's title ("Miễn thủ tục …:").
 */
function leadOf(doc: ParsedDocument, unit: number): string | undefined {
  const parent = doc.units[unit].parent;
  if (parent === undefined) return undefined;
  const { text, heading, children } = doc.units[parent];
  const lead = withoutNotes(text);
  if (lead.endsWith(":")) return fullLead(doc, parent, lead);
  const isList = children.length > 1 && children.some((c) => withoutNotes(doc.units[c].text).endsWith(";"));
  return !lead && heading && isList ? `${heading}:` : undefined;
}

export interface BlockFacts {
  block: number;
  units: number[];
  sentences: SentenceFacts[];
  lists: ListFact[];
}

/** Where a pool value was seen, and the words around it (to spot near-identical sentences). */
export interface Occurrence {
  d: number;
  block: number;
  /** For a list item: the list's unit (lists of one block may be about different bodies); for a consequence, its unit. */
  list?: number;
  context: Set<string>;
  /** For a list item: how its list's items are written, and the list's chapter. */
  form?: ItemForm;
  part?: number;
}

export interface PoolEntry {
  /** Names and dates verbatim; for amounts, the numeral only (it takes the correct answer's unit). */
  text: string;
  magnitude?: number;
  seen: Occurrence[];
}

/** The pool of every consequence that continues its actor's sentence ("bị …", "được …", "phải …"), whatever its kind. */
export const CONTINUING = "consequence:any";

/** Pool key ("duration:ngày", "body", "list:điều kiện") → comparable value → entry. */
export type Pools = Map<string, Map<string, PoolEntry>>;

export interface Corpus {
  docs: BlockFacts[][];
  pools: Pools;
  /** Two-syllable openings the documents write as verbs (src/quiz/forms.ts). */
  verbs: Set<string>;
}

/** The words around a fact (with its list's lead): what two sentences share when only the fact differs. */
function contextOf(sentence: string, start: number, end: number, lead = ""): Set<string> {
  return syllableSet(comparable(`${lead} ${sentence.slice(0, start)} ${sentence.slice(end)}`));
}

function add(pools: Pools, pool: string, text: string, seen: Occurrence, magnitude?: number): void {
  let entries = pools.get(pool);
  if (!entries) pools.set(pool, (entries = new Map()));
  const key = comparable(text);
  const entry = entries.get(key);
  if (entry) entry.seen.push(seen);
  else entries.set(key, { text, magnitude, seen: [seen] });
}

function analyse(docs: ParsedDocument[]): Corpus {
  const pools: Pools = new Map();
  // The four grading levels are a closed scale: each is a wrong answer wherever the text names another.
  for (const level of LEVELS) add(pools, "level", level, { d: -1, block: -1, context: new Set() });
  const verbs = verbOpenings(docs);
  const out = docs.map((doc, d) => {
    const lists = findLists(doc);
    for (const l of lists) {
      l.form = listForm(l.items.map((i) => i.text), verbs);
      l.part = partOf(doc, l.unit);
    }
    return docBlocks(doc).map(({ block, units }): BlockFacts => {
      const sentences: SentenceFacts[] = [];
      for (const unit of units) {
        const lead = leadOf(doc, unit);
        for (const span of sentenceSpans(doc.units[unit].text)) {
          const facts = findFacts(span.text);
          for (const f of facts) add(pools, f.pool, f.numeral ?? f.text, { d, block, context: contextOf(span.text, f.start, f.end, lead) }, f.magnitude);
          // A rule's consequence: its siblings (other rules of the document, even of the same article) are its distractors.
          for (const rule of findConditionals(span.text)) {
            const text = span.text.slice(rule.start, rule.end);
            const fact: Fact = { type: "consequence", text, start: rule.start, end: rule.end, pool: `consequence:${rule.head}`, magnitude: text.length, askable: true, rule };
            const seen = { d, block, list: unit, context: syllableSet(comparable(rule.condition)) };
            add(pools, fact.pool, text, seen, fact.magnitude);
            // Every consequence that continues its actor's sentence reads after "Anh A …": the wider pool.
            if (rule.head !== "clause") add(pools, CONTINUING, text, seen, fact.magnitude);
            facts.push(fact);
          }
          if (facts.length) sentences.push({ unit, sentence: span.text, facts, lead });
        }
      }
      const inBlock = lists.filter((l) => units.includes(l.unit));
      for (const l of inBlock) {
        const context = syllableSet(comparable(l.lead));
        for (const item of l.items) if (meaningfulItem(item.text)) add(pools, `list:${l.noun}`, item.text, { d, block, list: l.unit, context, form: l.form, part: l.part }, item.text.length);
      }
      return { block, units, sentences, lists: inBlock };
    });
  });
  return { docs: out, pools, verbs };
}

const cache = new WeakMap<ParsedDocument[], Corpus>();

export function corpusOf(docs: ParsedDocument[]): Corpus {
  let c = cache.get(docs);
  if (!c) cache.set(docs, (c = analyse(docs)));
  return c;
}
