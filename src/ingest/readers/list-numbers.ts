/**
 * How Word writes a list number in a given format ("3", "c", "III"), shared by the DOCX and the
 * Word 97 readers, which both replay Word's automatic numbering.
 */

/** Number formats by their DOCX names; the Word 97 reader maps its nfc codes onto them. */
export type NumberFormat = "decimal" | "decimalZero" | "lowerLetter" | "upperLetter" | "lowerRoman" | "upperRoman" | "bullet" | "none";

const ROMAN: Array<[number, string]> = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "lowerLetter":
    case "upperLetter": {
      // Word: a..z, then aa..zz — no Vietnamese "đ", so documents show "e)" where the drafter meant "đ)".
      const s = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return fmt === "upperLetter" ? s.toUpperCase() : s;
    }
    case "lowerRoman":
    case "upperRoman": {
      let s = "";
      for (const [v, r] of ROMAN) for (; n >= v; n -= v) s += r;
      return fmt === "upperRoman" ? s.toUpperCase() : s;
    }
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Bullet glyphs are usually Symbol/Wingdings private-use characters: keep "-"/"+", show the rest as "-". */
export const bullet = (text: string): string => (/^[-+–]$/.test(text) ? text : "-");
