/** Layout detection: legal (articles), directive (Party directive / official letter), article (prose). */
import type { Layout } from "../model/document.js";
import { kindNames } from "../model/kinds.js";
import { isCaps, splitLines } from "./lines.js";
import { readKind } from "./header.js";
import { scanLegal, type LegalScan } from "./legal-scan.js";
import { DIRECTIVE_KIND } from "./patterns.js";

/** Kinds divided into articles: one article heading is enough for the legal layout. */
const LEGAL_KINDS = new Set(kindNames("articles"));

export interface LayoutEvidence {
  articles: number;
  partyHeader: boolean;
  kindLine: boolean;
  numberLine: boolean;
  sections: number;
  romanParts: number;
}

/** Cues for the directive layout, read from the first lines and the numbering at line starts. */
export function directiveEvidence(text: string): Omit<LayoutEvidence, "articles"> {
  const lines = splitLines(text);
  const head = lines.filter(Boolean).slice(0, 30).map((l) => l.slice(0, 400));
  const partyHeader = head.some((l) => /ĐẢNG CỘNG SẢN VIỆT NAM/u.test(l));
  const kindLine = head.some((l) => {
    const m = DIRECTIVE_KIND.exec(l);
    if (!m) return false;
    // the kind word stands in a capitalised line, or opens a run of capitals in a run-together header
    return isCaps(l) || isCaps(l.slice(m.index, m.index + 40).split(/\s+(?=\S*\p{Ll})/u)[0]);
  });
  const numberLine = /(?:^|\s)(?:Số|Luật số|Lệnh số)\s*:?\s*\d/u.test(head.slice(0, 15).join("\n"));
  let sections = 0;
  let expected = 1;
  let romanParts = 0;
  let romanExpected = 1;
  const romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  for (const l of lines) {
    const m = /^(\d{1,2})\s*(?:\.(?!\d)|-(?!\d))\s*\S/u.exec(l);
    if (m && Number(m[1]) === expected) {
      sections++;
      expected++;
    } else if (m && Number(m[1]) === 1) {
      expected = 2;
    }
    const r = /^([IVX]{1,4})\s*[.\-–]\s*\S/u.exec(l);
    if (r && r[1] === romans[romanExpected - 1]) {
      romanParts++;
      romanExpected++;
    }
  }
  return { partyHeader, kindLine, numberLine, sections, romanParts };
}

/** Layout of a text; `scan` saves a second pass when the caller already ran scanLegal. */
export function detectLayout(text: string, scan: LegalScan = scanLegal(text)): Layout {
  const articles = scan.articles.size;
  if (articles >= 2) return "legal";
  const ev = directiveEvidence(text);
  if (articles === 1 && !ev.partyHeader && (ev.numberLine || LEGAL_KINDS.has(readKind(text) ?? ""))) return "legal";
  if (ev.partyHeader) return "directive";
  if ((ev.kindLine || ev.numberLine) && (ev.sections >= 2 || ev.romanParts >= 2)) return "directive";
  if (ev.kindLine && ev.numberLine) return "directive";
  return "article";
}
