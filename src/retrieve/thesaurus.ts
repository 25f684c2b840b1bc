/**
 * Thesaurus of everyday ↔ document Vietnamese: members ask "nghỉ đẻ", the codes say "nghỉ thai
 * sản". A question's phrases found in the thesaurus yield extra, lighter query terms; the user's
 * own words are never replaced. Data, not code: a repository default (tu-dien-mac-dinh.txt) merged
 * with the organisation's `tu-dien.txt` in its corpus folder.
 *
 * File format (UTF-8, one entry a line):
 *   # comment (also after an entry)
 *   nghỉ đẻ => nghỉ thai sản                       one way: the left phrase also searches the right
 *   đuổi việc; cho nghỉ việc => sa thải; đơn phương chấm dứt hợp đồng   several phrases, ";"-separated
 *   bố = ba = cha                                  equivalents: each also searches the others
 *   dám làm => năng động, sáng tạo | 0.6           optional weight in (0, 1], default 1 (commas belong to the phrase)
 * Phrases are matched on folded text (no tone marks), so "nghi de" finds "nghỉ đẻ"; when the user
 * typed tone marks the marks must agree too ("má" is not "ma"). Abbreviations of up to three
 * letters ("TU", "CB") count only when typed in capitals. A phrase of two or more syllables also
 * matches with a few words inside it, at a lower weight (see PHRASE_GAP).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { foldDiacritics, hasDiacritics } from "../text/normalize.js";
import { syllableRuns } from "../text/tokenize.js";
import { numberForms } from "./numbers.js";

/** The organisation's own thesaurus file, in its documents folder beside manifest.json. */
export const THESAURUS_FILE = "tu-dien.txt";

export class ThesaurusError extends Error {}

/**
 * Other syllables a phrase may have inside it in a question, and the weight of such a match
 * (times the entry's): chosen on the everyday questions of bench/colloquial-dev.jsonl.
 */
const PHRASE_GAP = 2;
const GAPPED_WEIGHT = 0.8;

/** A phrase as syllables, in the accented search form and folded. */
interface Phrase {
  text: string;
  accented: string[];
  folded: string[];
  /** Folded syllables joined: the phrase's identity. */
  key: string;
  /** Written with tone marks: only then can accents be compared. */
  marked: boolean;
  /** A short abbreviation ("TU", "CB"): matched only when typed in capitals, never as "tu" (tù). */
  capitals: boolean;
}

interface Entry {
  from: Phrase;
  to: Phrase[];
  weight: number;
}

/** One expansion of a question: extra words to search, and the question's words they stand for. */
export interface Expansion {
  /** The document-side phrase to search ("nghỉ thai sản"). */
  text: string;
  /** Entry weight in (0, 1]: how close the phrases are in meaning. */
  weight: number;
  /** Folded syllables of the question the expansion stands for ("nghi", "de"). */
  covers: string[];
  /**
   * A phrase matched with words inside it ("chó nhà nuôi cắn" for "chó cắn"): the syllables the
   * user put inside, which the matched phrase stands for with them in coverage.
   */
  within?: string[];
}

function phrase(text: string): Phrase | undefined {
  const runs = phraseRuns(text);
  if (runs.length !== 1) return undefined;
  const accented = runs[0];
  const t = text.trim();
  const folded = accented.map(foldDiacritics);
  return { text: t, accented, folded, key: folded.join(" "), marked: hasDiacritics(t), capitals: t.length <= 3 && /^\p{Lu}+$/u.test(t) };
}

/** Parses thesaurus text; a bad line throws ThesaurusError naming the file and line. */
export function parseThesaurus(text: string, file = "tu-dien.txt"): Entry[] {
  const entries: Entry[] = [];
  text.normalize("NFC").split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) return;
    const fail = (why: string): never => {
      throw new ThesaurusError(`${file}:${i + 1}: ${why} — «${raw.trim()}»`);
    };
    let body = line;
    let weight = 1;
    const bar = line.lastIndexOf("|");
    if (bar >= 0) {
      const w = line.slice(bar + 1).trim();
      weight = /^\d*\.?\d+$/.test(w) ? Number(w) : NaN;
      if (!(weight > 0 && weight <= 1)) fail(`trọng số phải là số trong (0, 1], ví dụ «| 0.5», không phải «${w}»`);
      body = line.slice(0, bar).trim();
    }
    const phrases = (side: string) =>
      side.split(";").map((p) => {
        if (!p.trim()) fail("thiếu cụm từ (hai dấu «;» liền nhau hoặc một vế trống)");
        return phrase(p) ?? fail(`cụm từ «${p.trim()}» phải là một cụm chữ, không chứa dấu câu ngoài dấu phẩy`);
      });
    const arrow = body.split("=>");
    if (arrow.length > 2) fail("chỉ được một dấu «=>» mỗi dòng");
    if (arrow.length === 2) {
      if (body.includes("=", body.indexOf("=>") + 2) || arrow[0].includes("=")) fail("không dùng «=» cùng «=>» trên một dòng");
      const from = phrases(arrow[0]);
      const to = phrases(arrow[1]);
      for (const f of from) entries.push({ from: f, to, weight });
      return;
    }
    const group = body.split("=");
    if (group.length < 2) fail("thiếu «=>» (một chiều) hoặc «=» (tương đương)");
    const members = group.flatMap((g) => phrases(g));
    for (const m of members) entries.push({ from: m, to: members.filter((o) => o !== m), weight });
  });
  return entries;
}

/** Phrases commas may split in the document ("năng động, sáng tạo") are matched within one run. */
function phraseRuns(text: string): string[][] {
  return syllableRuns(text.replace(/,/g, " "));
}

export class Thesaurus {
  /** Entries by the first folded syllable of their phrase. */
  private readonly byFirst = new Map<string, Entry[]>();
  readonly size: number;

  constructor(entries: Entry[]) {
    for (const e of entries) {
      const list = this.byFirst.get(e.from.folded[0]) ?? [];
      list.push(e);
      this.byFirst.set(e.from.folded[0], list);
    }
    this.size = entries.length;
  }

  static parse(text: string, file?: string): Thesaurus {
    return new Thesaurus(parseThesaurus(text, file));
  }

  /** Repository default merged with the organisation's files that exist (later ones add entries). */
  static load(files: string[]): Thesaurus {
    const entries = [DEFAULT_FILE, ...files]
      .filter((f, i) => i === 0 || existsSync(f))
      .flatMap((f) => parseThesaurus(readFileSync(f, "utf8"), f));
    return new Thesaurus(entries);
  }

  /**
   * Expansions for a question: every thesaurus phrase found in it, longest first at each position
   * (a phrase inside a longer matched phrase is skipped), each target phrase once with its
   * highest weight. Targets already in the question add nothing and are left out.
   */
  expand(question: string): Expansion[] {
    // One search expands its question at several stages: the last few are kept (read-only).
    const cached = this.recent.get(question);
    if (cached) return cached;
    const found = this.match(question);
    if (this.recent.size >= 16) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(question, found);
    return found;
  }

  private readonly recent = new Map<string, Expansion[]>();

  private match(question: string): Expansion[] {
    const out = new Map<string, Expansion>();
    const marked = hasDiacritics(question);
    const capitals = new Set(question.normalize("NFC").match(/(?<![\p{L}\p{N}])\p{Lu}{1,3}(?![\p{L}\p{N}])/gu)?.map((w) => foldDiacritics(w.toLowerCase())));
    for (const run of phraseRuns(question)) {
      const folded = run.map(foldDiacritics);
      const have = ` ${folded.join(" ")} `;
      let coveredTo = 0;
      const add = (e: Entry, weight: number, within?: string[]) => {
        for (const to of e.to) {
          if (have.includes(` ${to.key} `)) continue;
          const prev = out.get(to.key);
          if (!prev || prev.weight < weight) out.set(to.key, { text: to.text, weight, covers: e.from.folded, ...(within && { within }) });
        }
      };
      // Everyday speech puts words inside a phrase ("chó nhà nuôi cắn" for "chó cắn", "làm tối
      // đa mấy tiếng"): a phrase of two or more syllables also matches in order with up to
      // PHRASE_GAP other syllables between, at a lower weight — also where a shorter phrase
      // matches as typed ("vay tiền" inside "vay tiền rồi bỏ trốn" for "vay rồi bỏ trốn").
      const gapped = (i: number, shorter = 0) => {
        for (const e of this.byFirst.get(folded[i]) ?? []) {
          const n = e.from.folded.length;
          if (n < 2 || n <= shorter || (e.from.capitals && !capitals.has(e.from.folded[0])) || (marked && run[i] !== e.from.accented[0])) continue;
          let at = i;
          let k = 1;
          const inside: string[] = [];
          for (let j = i + 1; j < run.length && k < n && j - i - k <= PHRASE_GAP; j++) {
            if (folded[j] === e.from.folded[k] && (!marked || run[j] === e.from.accented[k])) {
              k++;
              at = j;
            } else inside.push(folded[j]);
          }
          if (k === n && at - i + 1 > n) add(e, e.weight * GAPPED_WEIGHT, inside.slice(0, at - i + 1 - n));
        }
      };
      for (let i = 0; i < run.length; i++) {
        const found = (this.byFirst.get(folded[i]) ?? []).filter(({ from }) => {
          const n = from.folded.length;
          if (i + n > run.length) return false;
          if (from.capitals && !capitals.has(from.folded[0])) return false;
          for (let k = 0; k < n; k++) {
            if (folded[i + k] !== from.folded[k]) return false;
            // A question with tone marks must agree with the phrase's ("má" is not "ma", "TU" not "tù").
            if (marked && run[i + k] !== from.accented[k]) return false;
          }
          return true;
        });
        if (!found.length) {
          gapped(i);
          continue;
        }
        const longest = Math.max(...found.map((e) => e.from.folded.length));
        if (i + longest <= coveredTo) continue;
        coveredTo = i + longest;
        for (const e of found) if (e.from.folded.length >= longest) add(e, e.weight);
        gapped(i, longest);
      }
    }
    return [...out.values()];
  }
}

const DEFAULT_FILE = new URL("./tu-dien-mac-dinh.txt", import.meta.url).pathname;

let defaultThesaurus: Thesaurus | undefined;

/** The repository default alone (cached): what tests and benchmarks use when no corpus file is given. */
export function repositoryThesaurus(): Thesaurus {
  return (defaultThesaurus ??= Thesaurus.load([]));
}


/**
 * What identifies the organisation's thesaurus file of a folder as read (its size and time), so a
 * change to it is picked up without a new index version; "" when there is none.
 */
export function thesaurusStamp(source: string): string {
  try {
    const s = statSync(path.join(source, THESAURUS_FILE));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "";
  }
}

/**
 * The expander for an index ingested from `source`: the repository default merged with
 * `source/tu-dien.txt`; `override` replaces both (null: no expansion, for baselines).
 */
export function thesaurusExpander(source: string, override?: Thesaurus | null): ((q: string) => Expansion[]) | undefined {
  if (override === null) return undefined;
  const t = override ?? Thesaurus.load([path.join(source, THESAURUS_FILE)]);
  // Counts written the documents' other ways ("07 ngày", "mười lăm tuổi") come beside the entries.
  return (q) => [...t.expand(q), ...numberForms(q)];
}

/**
 * A question rewritten into the documents' wording (LLM) stands for the whole question, like a
 * thesaurus entry of full weight: searched below the user's own words, partly credited in coverage.
 */
export function rewrittenExpansion(question: string, rewritten: string): Expansion {
  return { text: rewritten, weight: 1, covers: [...new Set(phraseRuns(question).flat().map(foldDiacritics))] };
}
