/**
 * The arguments of "/dancuong", read forgivingly: "<chủ đề> | đối tượng: … | số ý: 5 | độ dài: ngắn".
 * Keys are matched with or without tone marks and in any case; "|" or a line break separates
 * options, and "key:" also starts one inside a segment ("… đối tượng: thanh niên số ý: 3"). A
 * segment without a key is recognised by its value (a number, a length, an audience). The values
 * are checked by src/points/options.ts, whose errors (PointsOptionError) are ready to show.
 */
import { parseAudience, parseCount, parseLength, PointsOptionError, type PointsOptions } from "../points/index.js";
import { foldKey } from "../text/normalize.js";
import { pointsTexts } from "./texts.js";

export interface PointsRequest {
  topic: string;
  options: Pick<PointsOptions, "audience" | "count" | "length">;
}

type Option = "audience" | "count" | "length";

/** Folded key words → option. */
const KEYS: Record<string, Option> = {
  "doi tuong": "audience",
  "danh cho": "audience",
  "so y": "count",
  "so diem": "count",
  "do dai": "length",
};

/** Each base letter and the accented letters that fold to it, so a key matches however it is typed. */
const ACCENTED: Record<string, string> = {
  a: "aàáảãạăằắẳẵặâầấẩẫậ",
  d: "dđ",
  e: "eèéẻẽẹêềếểễệ",
  i: "iìíỉĩị",
  o: "oòóỏõọôồốổỗộơờớởỡợ",
  u: "uùúủũụưừứửữự",
  y: "yỳýỷỹỵ",
};
const loose = (key: string) => [...key].map((c) => (c === " " ? "\\s+" : ACCENTED[c] ? `[${ACCENTED[c]}]` : c)).join("");
const KEY_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${Object.keys(KEYS).map(loose).join("|")})\\s*[:=]\\s*`, "giu");

const keyOf = (text: string): Option => KEYS[foldKey(text).replace(/\s+/g, " ")];

function setOption(options: PointsRequest["options"], option: Option, value: string): void {
  if (option === "audience") options.audience = parseAudience(value);
  // "5 ý" and "5 điểm" say the same as "5".
  else if (option === "count") options.count = parseCount(value.replace(/\s*(?:ý|y|điểm|diem)$/iu, ""));
  else options.length = parseLength(value);
}

/** A value typed without its key: a number is the count, then a length word, then an audience. */
function guessOption(value: string): Option {
  if (/^\d+(?:\s*(?:ý|y))?$/iu.test(value)) return "count";
  if (/^(?:ngan|vua|dai)$/.test(foldKey(value))) return "length";
  try {
    parseAudience(value);
    return "audience";
  } catch {
    throw new PointsOptionError(pointsTexts.unknownOption(value));
  }
}

export function parsePointsArgs(args: string): PointsRequest {
  const options: PointsRequest["options"] = {};
  let topic = "";
  args
    .normalize("NFC")
    .split(/[|\n]/)
    .forEach((segment, i) => {
      const keys = [...segment.matchAll(KEY_RE)];
      const head = segment.slice(0, keys[0]?.index ?? segment.length).trim();
      if (i === 0) topic = head;
      else if (head) setOption(options, guessOption(head), head);
      keys.forEach((m, k) => {
        const value = segment.slice(m.index + m[0].length, keys[k + 1]?.index ?? segment.length).trim();
        if (!value) throw new PointsOptionError(pointsTexts.emptyOption(m[1]));
        setOption(options, keyOf(m[1]), value);
      });
    });
  return { topic, options };
}
