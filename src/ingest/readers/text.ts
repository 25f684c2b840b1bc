/** Plain text and Markdown: byte decoding (BOMs, UTF-16, legacy code pages) and minimal Markdown stripping. */
import type { RawRead } from "./types.js";
import { detectLegacyEncoding } from "./legacy.js";

const VIET_WORD = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]/u;

/** Latin-1 letters and symbols Vietnamese never uses but TCVN3/VNI bytes produce ("c¸n", "ngöôøi"). */
const FOREIGN = /[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00ff]/;

/**
 * Windows-1258 writes tone marks as combining characters after the vowel, so real 1258 text composes
 * cleanly under NFC into Vietnamese letters. TCVN3/VNI bytes seen through 1258 leave marks on consonants
 * ("th" + U+0303 from TCVN3 "thÞ") and letters no Vietnamese word has: that tells them apart.
 */
export function looksLike1258(text: string): boolean {
  const nfc = text.normalize("NFC");
  const stray = nfc.match(/[\u0300-\u036f]/g)?.length ?? 0;
  const words = nfc.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const count = (re: RegExp): number => words.filter((w) => re.test(w)).length;
  return words.length > 0 && stray <= 0.005 * words.length && count(FOREIGN) <= 0.01 * words.length && count(VIET_WORD) >= 0.1 * words.length;
}

/** UTF-16 without a BOM shows up as a NUL in every other byte of mostly-ASCII text. */
function utf16WithoutBom(buf: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  if (oddNul > n * 0.15 && evenNul < n * 0.01) return "utf-16le";
  if (evenNul > n * 0.15 && oddNul < n * 0.01) return "utf-16be";
  return undefined;
}

/**
 * Decodes bytes to a string. UTF-8 (BOM stripped) and UTF-16 with a BOM are exact. Anything else
 * that is not valid UTF-8 is guessed: the caller's charset hint (HTML meta), then Windows-1258
 * (Vietnamese) or Windows-1252, with a warning since the guess may be wrong.
 */
export function decodeBytes(buf: Uint8Array, charsetHint?: string): RawRead {
  const warnings: string[] = [];
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(buf), warnings };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(buf), warnings };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(buf), warnings };
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return { text: new TextDecoder(utf16).decode(buf), warnings: [`không có BOM, đã đọc theo ${utf16.toUpperCase()}`] };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), warnings };
  } catch {
    // not UTF-8: fall through to the guesses below
  }
  if (charsetHint && !/^utf-?8$/i.test(charsetHint)) {
    try {
      const text = new TextDecoder(charsetHint).decode(buf);
      return { text, warnings: [`không phải UTF-8, đã đọc theo bảng mã khai báo ${charsetHint}`] };
    } catch {
      // unknown label: guess below
    }
  }
  const cp1258 = new TextDecoder("windows-1258").decode(buf);
  if (looksLike1258(cp1258)) {
    return { text: cp1258, warnings: ["không phải UTF-8, đã đoán bảng mã Windows-1258 (tiếng Việt) — hãy kiểm tra dấu"] };
  }
  const latin = new TextDecoder("windows-1252").decode(buf);
  // TCVN3/VNI bytes look like Latin-1: return them as such so the legacy-font check can name the problem.
  if (detectLegacyEncoding(latin)) return { text: latin, warnings };
  return { text: latin, warnings: ["không phải UTF-8, đã đọc theo bảng mã Windows-1252 — hãy lưu lại tệp dạng UTF-8"] };
}

/**
 * Markdown → plain lines, minimally: headings, emphasis, links, code fences, quotes, rules and
 * escapes go; "* item" becomes "- item"; "1." and "a)" numbering stays since the structure parser needs it.
 */
export function stripMarkdown(md: string): string {
  return md
    .split(/\r?\n/)
    .filter((line) => !/^\s*(```|~~~)/.test(line) && !/^\s*([-*_])(\s*\1){2,}\s*$/.test(line))
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/\s+#+\s*$/, "")
        .replace(/^(\s*>)+\s?/, "")
        .replace(/^(\s*)[*]\s+/, "$1- ")
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(^|[^*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)/g, "$1$2")
        .replace(/`([^`]+)`/g, "$1")
        .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, "$1"),
    )
    .join("\n");
}

export function readText(buf: Uint8Array, markdown: boolean): RawRead {
  const { text, warnings } = decodeBytes(buf);
  return { text: markdown ? stripMarkdown(text) : text, warnings };
}
