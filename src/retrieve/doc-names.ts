/**
 * Recognises documents named in a question — by alias, official number, "kind + number" in any of
 * the ways people type it ("Nghị định 73", "NĐ 73", "nd73", "chỉ thị 5"), or a short title
 * ("Luật An ninh mạng") — all matched on the folded, lower-cased text.
 */
import type { DocMeta } from "../model/document.js";
import { DOCUMENT_KINDS } from "../model/kinds.js";
import { foldKey } from "../text/normalize.js";

/** Abbreviations of document kinds, by folded kind name. */
const KIND_ABBREVIATIONS = new Map(DOCUMENT_KINDS.map((k) => [foldKey(k.name), k.abbreviations ?? []]));

/** Folded text with punctuation as spaces, padded so keys match whole words with includes(). */
export function nameSpace(text: string): string {
  return ` ${foldKey(text).replace(/[^a-z0-9/\-]+/g, " ").replace(/\s+/g, " ").trim()} `;
}


/** The year a document is named by: its date, else the year inside its number ("45/2013/QH13"). */
function yearOf(meta: DocMeta): string | undefined {
  return meta.date?.match(/^\d{4}/)?.[0] ?? meta.number?.match(/\/((?:19|20)\d{2})\//)?.[1];
}

/** A consolidated text (văn bản hợp nhất): its date is the consolidation's, not the law's. */
const isConsolidated = (meta: DocMeta) => /VBHN/iu.test(meta.number ?? "");

/**
 * Every folded phrase that names this document: aliases; the official number and "kind + number"
 * in the usual spellings; "kind + title" ("luat vien chuc", "bo luat dan su", also "luat dan su"),
 * each with its year ("luat vien chuc 2010", "... nam 2010"); a Constitution by its kind alone
 * ("hien phap"); and the file name when it is a phrase ("luat tiep can thong tin 2016").
 */
export function nameKeys(meta: DocMeta): string[] {
  const keys = new Set<string>();
  const year = yearOf(meta);
  const withYear = (k: string) => {
    keys.add(k);
    if (year && !isConsolidated(meta)) {
      keys.add(`${k} ${year}`);
      keys.add(`${k} nam ${year}`);
    }
  };
  for (const a of meta.aliases) keys.add(nameSpace(a).trim());
  const kind = nameSpace(meta.kind).trim();
  if (meta.number) {
    const number = foldKey(meta.number);
    keys.add(number);
    // the whole name as typed: "nghi quyet 132/2020/qh14", "nghi dinh so 73/2023/nd-cp"
    keys.add(`${kind} ${number}`);
    keys.add(`${kind} so ${number}`);
    // a number shared by consolidated texts of different years: "07/vbhn-vpqh nam 2024"
    if (year) {
      keys.add(`${number} ${year}`);
      keys.add(`${number} nam ${year}`);
    }
    const lead = number.match(/^0*(\d+)/)?.[1];
    if (lead) {
      for (const k of [kind, ...(KIND_ABBREVIATIONS.get(kind) ?? [])]) {
        keys.add(`${k} ${lead}`);
        keys.add(`${k} so ${lead}`);
        keys.add(`${k}${lead}`);
        if (lead.length === 1) keys.add(`${k} 0${lead}`);
      }
      // "124-qđ/tw" is also typed "124 qd tw", "qd 124-qd/tw"
      keys.add(number.replace(/[/-]/g, " "));
    }
  }
  // The title names the document ("luat an ninh mang", "bo luat hinh su"), "về …" or not.
  let title = nameSpace(meta.title).trim().replace(/^ve (?:viec )?/, "");
  // a title that repeats the kind ("HIẾN PHÁP NĂM 2013" read as the title) is named without it
  if (title.startsWith(`${kind} `)) title = title.slice(kind.length + 1);
  // (a long trích yếu is kept too: it can only match when typed whole, e.g. a draft with no number)
  if (title) {
    withYear(`${kind} ${title}`);
    // "Bộ luật Dân sự" is commonly called "Luật Dân sự".
    if (kind === "bo luat") withYear(`luat ${title}`);
  }
  // A Constitution is "Hiến pháp" (with its year when several are loaded).
  if (kind === "hien phap") withYear(kind);
  // the file name of a document without a manifest entry often is its name ("Luật_Viên_chức_2010",
  // "Dự_thảo_Thông_tư_…"), when it starts with the kind
  const stem = meta.file ? nameSpace(meta.file.replace(/\.[^.]+$/, "")).trim() : "";
  if (new RegExp(`^(?:du thao )?${kind} `).test(stem) && stem.split(" ").length >= 3) {
    keys.add(stem);
    const bare = stem.replace(/ (?:nam )?(?:19|20)\d{2}$/, "");
    if (bare !== stem && bare.split(" ").length >= 3) withYear(bare);
  }
  return [...keys].filter((k) => k.length >= 3);
}

export interface NamedDoc {
  docId: string;
  /** The phrase that matched, as folded text (so callers can remove it from the question). */
  key: string;
}

export class DocNameMatcher {
  /** Each phrase with the two forms looked for in the question, made once rather than per question. */
  private readonly keys: Array<{ key: string; docId: string; date: string; probes: [string, string] }>;

  constructor(metas: DocMeta[]) {
    // Longest phrase first; among documents with the same phrase, the newest first ("Luật Đất đai"
    // without a year means the law in force).
    this.keys = metas
      .flatMap((m) => nameKeys(m).map((key) => ({ key, docId: m.id, date: m.date ?? "" })))
      .sort((a, b) => b.key.length - a.key.length || (a.key === b.key ? b.date.localeCompare(a.date) : 0))
      .map((k) => ({ ...k, probes: [` ${k.key} `, ` ${k.key}/`] }));
  }

  /**
   * Documents named in the text, longest phrase first; each document once. A phrase inside a longer
   * one that already matched does not count: "luật đất đai 2013" names the 2013 law, not every
   * "luật đất đai".
   */
  find(text: string): NamedDoc[] {
    const hay = nameSpace(text);
    const out: NamedDoc[] = [];
    const taken: Array<{ from: number; to: number; key: string }> = [];
    for (const { key, docId, probes } of this.keys) {
      if (out.some((o) => o.docId === docId)) continue;
      // Numbers must not match inside longer numbers: "nd 7" is not "nd 73".
      for (const probe of probes) {
        let at = hay.indexOf(probe);
        while (at >= 0 && taken.some((t) => t.key !== key && at >= t.from && at + probe.length <= t.to)) at = hay.indexOf(probe, at + 1);
        if (at < 0) continue;
        out.push({ docId, key });
        taken.push({ from: at, to: at + probe.length, key });
        break;
      }
    }
    return out;
  }
}
