/**
 * OCR text → text the structure parser reads like a typed document. Only what a scan adds is
 * touched: noise lines (stamp, signature, speckle read as "„ | _"), stray marks at a line's edges,
 * lines broken inside a sentence, words hyphenated at a line end, and the slips OCR makes in the
 * few words that carry structure ("Ðiều l.", "Dieu 5", "Điều 1 .", "CHƯƠNGI", "Chương 1I").
 * Every other character stays as recognised: quotes are taken from this text.
 */

/** Letters and digits of a line; a line with fewer than 2 is noise unless it is a lone number or marker. */
const alnum = (s: string): number => s.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/** A line that could only be a mark left by a stamp, signature or speckle. */
function isNoise(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  if (/^(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ])[.)]?$/u.test(t)) return false; // "5", "II.", "a)": markers on their own line
  const symbols = t.replace(/[\p{L}\p{N}\s]/gu, "").length;
  return alnum(t) < 2 || (symbols > alnum(t) && alnum(t) < 4);
}

/** Characters OCR puts at a line's start from speckle or a margin rule; "-" and "+" are bullets, kept. */
const LEAD_JUNK = /^[\s|„“”"'`´_~.,:;•·]+(?=[\p{L}\p{N}(\-+])/u;
/** "… Nhà s", "… quốc tịch |": a lone symbol after the last word. */
const TRAIL_JUNK = /\s+[|„_~•·]+$/u;

/** Structure words as the parser expects them, found by their letters without marks ("dieu", "chuong"). */
const HEADS: Array<{ folded: RegExp; word: string; upper: string; roman: boolean }> = [
  { folded: /^[dđ][il1][eê]u$/u, word: "Điều", upper: "ĐIỀU", roman: false },
  { folded: /^ch[uư][oơ]ng$/u, word: "Chương", upper: "CHƯƠNG", roman: true },
  { folded: /^m[uư]c$/u, word: "Mục", upper: "MỤC", roman: false },
  { folded: /^ph[aâă]n$/u, word: "Phần", upper: "PHẦN", roman: true },
];

/** Lower case without tone marks; đ and Ð (U+00D0, OCR's look-alike) kept as "đ". */
function fold(word: string): string {
  return word.replace(/Ð/g, "Đ").normalize("NFD").replace(/[\u0300-\u0301\u0303\u0309\u0323]/g, "").normalize("NFC").toLowerCase();
}

/** The number after a heading word, with OCR's digit/letter confusions undone for its kind. */
function fixNumber(token: string, roman: boolean): string | undefined {
  if (roman && /^[IVXLC1l|]+$/.test(token) && /[IVXLCl|]/.test(token)) return token.replace(/[1l|]/g, "I");
  if (/^[\dlIO|]{1,4}$/.test(token) && /\d|^[lI|]$/.test(token)) return token.replace(/[lI|]/g, "1").replace(/O/g, "0");
  if (/^[IVXLC]+$/.test(token) || /^\d{1,4}[a-zđ]?$/u.test(token)) return token;
  return undefined;
}

/**
 * "Ðiều l ." → "Điều 1.", "Dieu 5" → "Điều 5", "CHƯƠNGI" → "CHƯƠNG I", "Chương 1I" → "Chương II".
 * Only a capitalised structure word followed by a number changes; "Điều kiện …" never matches, and
 * "Điều 5 của Luật này" keeps its words (only their spelling is made standard).
 */
export function fixHeading(line: string): string {
  const m = /^(\p{Lu}\p{L}{2,5}?)\s*([\dIVXLCOl|]{1,6}[a-zđ]?)(?:\s?([.:]))?(?=\s|$)(.*)$/u.exec(line);
  if (!m) return line;
  const [, word, number, punct, rest] = m;
  const head = HEADS.find((h) => h.folded.test(fold(word)));
  if (!head) return line;
  const fixed = fixNumber(number, head.roman);
  if (fixed === undefined) return line;
  const upper = word === word.toUpperCase();
  return `${upper ? head.upper : head.word} ${fixed}${punct ?? ""}${rest}`;
}

/** "1 .Ở" / "1.Ở" → "1. Ở" (a khoản marker); ".1." handled by LEAD_JUNK first. */
function fixMarker(line: string): string {
  return line.replace(/^(\d{1,3})\s?\.(?=\p{Lu})/u, "$1. ").replace(/^(\d{1,3}) \.(?= )/u, "$1.");
}

/** A line that continues the previous one's sentence: starts in lower case and is not a point "a)". */
const continues = (line: string): boolean => /^\p{Ll}/u.test(line) && !/^[a-zđ]\s?[).]/u.test(line);

/** Cleans one page of OCR output (lines in reading order). */
export function cleanOcrPage(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+$/u, ""))
    .filter((l) => !isNoise(l))
    .map((l) => fixMarker(fixHeading(l.replace(LEAD_JUNK, "").replace(TRAIL_JUNK, "").trim())));
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.length ? out[out.length - 1] : "";
    if (line && prev && continues(line) && !/[:;]$/.test(prev)) {
      // A line ending in "letter-" was cut at a hyphen of the text ("kinh tế-\nxã hội", "ki-lô-\ngam"):
      // Vietnamese is never hyphenated inside a syllable, so the hyphen is kept and only the break goes.
      out[out.length - 1] = /\p{L}-$/u.test(prev) ? prev + line : `${prev} ${line}`;
    } else out.push(line);
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
