/**
 * Detects Vietnamese text in pre-Unicode font encodings and UTF-8 mojibake.
 * TCVN3 (ABC, .VnTime) and VNI (VNI-Times) put Vietnamese letters on Latin-1 code points, so
 * extracted text reads "NghÞ ®Þnh" / "Nghò ñònh" for "Nghị định". Indexing that would make the
 * document unsearchable, so readers refuse it. Run detection on the raw text: normalizeText drops
 * U+00AD (TCVN3 "ư") and turns Ð (TCVN3 "é") into Đ, which would hide the evidence.
 */

/** Letters only Vietnamese uses, outside Latin-1: legacy encodings can never produce them. */
const VIET = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]/u;

/** TCVN3 codes that are symbols (or rare letters) in Latin-1: ¡-® for ĂÂÊÔƠƯĐ ăâêôơưđ, µ-¹ à ả ã á ạ,
 *  »-¾ ằ ẳ ẵ ắ, × ì, Þ ị, ÷ ữ, and U+2212 which many PDF fonts map the "ư" glyph to. */
const TCVN3_SYM = "[\\u00a1-\\u00ae\\u00b5-\\u00b9\\u00bb-\\u00be\\u00d7\\u00de\\u00f7\\u2212]";
/** ...or a Latin-1 capital right after a lower-case ASCII letter ("chÕ", "quyÒn", "hoÆc"): TCVN3 puts
 *  many lower-case Vietnamese letters there, and no Western word is spelt that way. */
const TCVN3 = new RegExp(`[A-Za-z]${TCVN3_SYM}|${TCVN3_SYM}[A-Za-z]|[a-z][\\u00c0-\\u00d6\\u00d8-\\u00de]`);

/** VNI spells a Vietnamese letter as an ASCII base plus a Latin-1 mark ("caùn", "boä", "Ñieàu"). Only marks
 *  that Western words never put after a vowel count (ø õ ä å ã; â ê after a/e/o), plus ơ ư as ô ö with a mark
 *  ("ngöôøi"), đ as ñ opening a word ("ñònh") and ỉ/ỵ as æ/î after a consonant. French "où", "naïf",
 *  Italian "più" use the other marks, so they are left out. */
const VNI = new RegExp(
  "[aeiouyAEIOUY][øõäåãØÕÄÅÃ]|[aeoAEO][âêÂÊ]|[ôöÔÖ][ùøûõïôÙØÛÕÏÔ]|^[ñÑ][A-Za-z]|[bcdghklmnpqrstvxBCDGHKLMNPQRSTVX][æîÆÎ]",
);

/** Share of words that must carry markers; Unicode Vietnamese and Western languages stay far below. */
const MIN_SHARE = 0.15;

function words(text: string): string[] {
  return text.normalize("NFC").split(/\s+/).filter((w) => /\p{L}/u.test(w));
}

/**
 * "tcvn3" or "vni" when the text reads like Vietnamese in that legacy font encoding, else null.
 * Needs at least 3 marked words, 15% of all words, and (almost) no real Vietnamese letters.
 */
export function detectLegacyEncoding(text: string): "tcvn3" | "vni" | null {
  let tcvn = 0;
  let vni = 0;
  let viet = 0;
  const all = words(text);
  for (const raw of all) {
    if (VIET.test(raw)) {
      viet++;
      continue;
    }
    const w = raw.replace(/^[("'“‘[]+|[)"'”’\].,;:!?]+$/g, "");
    if (TCVN3.test(w)) tcvn++;
    if (VNI.test(w)) vni++;
  }
  const best = Math.max(tcvn, vni);
  if (best < 3 || best < MIN_SHARE * all.length || viet > 0.1 * best) return null;
  return tcvn >= vni ? "tcvn3" : "vni";
}

/** Characters UTF-8 continuation bytes (80-BF) become when decoded as Latin-1 or Windows-1252. */
const CONT = "[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]";
/** A UTF-8 sequence of 2 or 3 bytes seen through Latin-1/1252: "Ä\u0090" (Đ), "á»\u0081" (ề), "Ã©" (é). */
const MOJIBAKE = new RegExp(`(?:[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2})+`, "g");

function mojibakeCount(text: string): number {
  let n = 0;
  for (const w of words(text)) if (w.search(MOJIBAKE) >= 0) n++;
  MOJIBAKE.lastIndex = 0;
  return n;
}

/** True when UTF-8 text was decoded as Latin-1/Windows-1252 somewhere upstream ("Ä\u0090iá»\u0081u" for "Điều"). */
export function detectMojibake(text: string): boolean {
  const n = mojibakeCount(text);
  return n >= 3 && n >= 0.05 * words(text).length;
}

/** Byte for each Windows-1252 character in 80-9F (other code points up to FF are their own byte). */
const CP1252_BYTE = (() => {
  const map = new Map<string, number>();
  const dec = new TextDecoder("windows-1252");
  for (let b = 0x80; b <= 0x9f; b++) map.set(dec.decode(new Uint8Array([b])), b);
  return map;
})();

/** Re-encodes each mojibake run to bytes and decodes it as UTF-8; undefined when that does not work out. */
export function repairMojibake(text: string): string | undefined {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const fixed = text.replace(MOJIBAKE, (run) => {
    const bytes: number[] = [];
    for (const ch of run) {
      const code = ch.codePointAt(0)!;
      const b = code <= 0xff ? code : CP1252_BYTE.get(ch);
      if (b === undefined) return run;
      bytes.push(b);
    }
    try {
      return utf8.decode(new Uint8Array(bytes));
    } catch {
      return run; // not UTF-8 after all: leave it, the final check decides
    }
  });
  return detectMojibake(fixed) ? undefined : fixed;
}
