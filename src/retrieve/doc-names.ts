/**
 * Recognises documents named in a question — by alias, official number, "kind + number" in any of
 * the ways people type it ("Nghị định 73", "NĐ 73", "nd73", "chỉ thị 5"), or a short title
 * ("Luật An ninh mạng") — all matched on the folded, lower-cased text.
 */
import type { DocMeta } from "../model/document.js";
import { foldKey } from "../text/normalize.js";

/** Abbreviations of document kinds, folded. */
const KIND_ABBREVIATIONS: Record<string, string[]> = {
  "nghi dinh": ["nd"],
  "chi thi": ["ct"],
  "quy dinh": ["qd"],
  "quyet dinh": ["qd"],
  "nghi quyet": ["nq"],
  "thong tu": ["tt"],
  "ket luan": ["kl"],
  "huong dan": ["hd"],
  "cong van": ["cv"],
  luat: [],
  "bo luat": ["bl"],
};

/** Folded text with punctuation as spaces, padded so keys match whole words with includes(). */
export function nameSpace(text: string): string {
  return ` ${foldKey(text).replace(/[^a-z0-9/\-]+/g, " ").replace(/\s+/g, " ").trim()} `;
}

/** Every folded phrase that names this document. */
export function nameKeys(meta: DocMeta): string[] {
  const keys = new Set<string>();
  for (const a of meta.aliases) keys.add(nameSpace(a).trim());
  const kind = foldKey(meta.kind);
  if (meta.number) {
    const number = foldKey(meta.number);
    keys.add(number);
    const lead = number.match(/^0*(\d+)/)?.[1];
    if (lead) {
      for (const k of [kind, ...(KIND_ABBREVIATIONS[kind] ?? [])]) {
        keys.add(`${k} ${lead}`);
        keys.add(`${k} so ${lead}`);
        keys.add(`${k}${lead}`);
        if (lead.length === 1) keys.add(`${k} 0${lead}`);
      }
      // "124-qđ/tw" is also typed "124 qd tw", "qd 124-qd/tw"
      keys.add(number.replace(/[/-]/g, " "));
    }
  }
  // A short title names the document ("luat an ninh mang", "bo luat hinh su").
  const title = nameSpace(meta.title).trim();
  if (title && title.split(" ").length <= 6) {
    keys.add(`${kind} ${title.replace(/^ve /, "")}`.trim());
    // "Bộ luật Dân sự" is commonly called "Luật Dân sự".
    if (kind === "bo luat") keys.add(`luat ${title}`);
  }
  return [...keys].filter((k) => k.length >= 3);
}

export interface NamedDoc {
  docId: string;
  /** The phrase that matched, as folded text (so callers can remove it from the question). */
  key: string;
}

export class DocNameMatcher {
  private readonly keys: Array<{ key: string; docId: string }>;

  constructor(metas: DocMeta[]) {
    this.keys = metas
      .flatMap((m) => nameKeys(m).map((key) => ({ key, docId: m.id })))
      .sort((a, b) => b.key.length - a.key.length);
  }

  /** Documents named in the text, longest phrase first; each document once. */
  find(text: string): NamedDoc[] {
    const hay = nameSpace(text);
    const out: NamedDoc[] = [];
    for (const { key, docId } of this.keys) {
      if (out.some((o) => o.docId === docId)) continue;
      // Numbers must not match inside longer numbers: "nd 7" is not "nd 73".
      if (hay.includes(` ${key} `) || hay.includes(` ${key}/`)) out.push({ docId, key });
    }
    return out;
  }
}
