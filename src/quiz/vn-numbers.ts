/**
 * Numbers spelt in words ("mười lăm ngày", "năm năm") read as digits, so "15 ngày" and
 * "mười lăm ngày" compare equal. Works on lower-cased accented text (`searchForm`): folding first
 * would confuse "sáu" (six) with "sau" (after).
 */

const DIGITS: Record<string, number> = {
  không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9,
};
const WORDS = new Set([...Object.keys(DIGITS), "mười", "mươi", "trăm", "nghìn", "ngàn", "linh", "lẻ"]);
/** What a spelt number must be followed by to be read as one: a unit, not any word. */
const UNIT = /^(ngày|tháng|năm|giờ|tuần|phút|tuổi|lần|người|phần trăm|%)/u;

function value(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let last = 0;
  for (const w of words) {
    if (w in DIGITS) {
      last = DIGITS[w];
      current += last;
    } else if (w === "mười") current += 10;
    else if (w === "mươi") current += last * 9; // "hai mươi": the 2 already added becomes 20
    else if (w === "trăm") current = current * 100;
    else if (w === "nghìn" || w === "ngàn") {
      total += current * 1000;
      current = 0;
    } else if (w !== "linh" && w !== "lẻ") return undefined;
  }
  return total + current;
}

/** Replaces runs of number words that precede a unit by their digits. */
export function wordsToDigits(lower: string): string {
  return lower.replace(/(?<![\p{L}\p{M}])((?:(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)\s+)+)(?=\S)/gu, (run: string, _g, offset: number, all: string) => {
    let words = run.trim().split(/\s+/);
    const rest = all.slice(offset + run.length);
    // "hai năm": the last "năm" is the unit (year), not five — unless another unit follows ("năm ngày").
    if (!UNIT.test(rest)) {
      if (words.length < 2 || words[words.length - 1] !== "năm") return run;
      words = words.slice(0, -1);
      const n = value(words);
      return n === undefined || !words.every((w) => WORDS.has(w)) ? run : `${n} năm `;
    }
    const n = value(words);
    return n === undefined ? run : `${n} `;
  });
}
