/**
 * Reads a talking-points request ("5 ý chính về Nghị định 73 để nói với đảng viên trẻ"): the
 * documents it names, the number of points, the audience, and what is left to search for. The
 * framing words are removed so they do not dilute the coverage gate.
 */
import type { DocNameMatcher } from "../retrieve/doc-names.js";
import { QUESTION_WORDS } from "../index/lexical.js";
import { kindNames, REFERENCED_KINDS } from "../model/kinds.js";
import { foldKey } from "../text/normalize.js";
import type { Audience } from "./types.js";

export interface TopicRequest {
  /** The topic's own words, as typed (accents kept), framing and document names removed. */
  content: string;
  /** Ids of documents named in the topic. */
  named: string[];
  count?: number;
  audience?: Audience;
  /** "so với trước": a comparison with an earlier text, which the documents alone cannot make. */
  comparison: boolean;
}

const NUMBERS: Record<string, number> = { ba: 3, bon: 4, nam: 5, sau: 6, bay: 7 };
const AUDIENCE_WORDS = "dang vien(?: tre)?|can bo(?: lanh dao)?(?: quan ly)?|lanh dao(?: quan ly)?|doan vien(?: thanh nien)?|thanh nien|nhan dan|nguoi dan|quan chung(?: nhan dan)?";

/** Patterns on the folded, punctuation-free topic; each match is removed from the content. */
const COUNT = /(?:^| )(\d+|ba|bon|nam|sau|bay) (?:y|diem|noi dung|van de)(?: (?:chinh|moi|co ban|quan trong|chu yeu|noi bat|trong tam|can nho))?(?= |$)/;
const HIGHLIGHTS = /(?:^| )(?:nhung |cac )?(?:y|diem|noi dung|van de) (?:chinh|moi|co ban|quan trong|chu yeu|noi bat|trong tam|can nho)(?= |$)/;
const OUTLINE = /(?:^| )dan y(?: tuyen truyen| noi chuyen| bao cao)?(?= |$)/;
const AUDIENCE = new RegExp(
  `(?:^| )(?:(?:de )?(?:noi|trao doi|tuyen truyen|pho bien|quan triet|gioi thieu|truyen dat) (?:voi|cho)|danh cho|doi voi) (${AUDIENCE_WORDS})(?= |$)`,
);
const KIND_BEFORE = new RegExp(`(?:^| )(?:${[...kindNames(), ...REFERENCED_KINDS].map(foldKey).join("|")})(?: so)? $`);
const COMPARISON = /(?:^| )so voi (?:truoc|truoc day|quy dinh cu|van ban cu|van ban truoc)(?= |$)/;

function audienceOf(words: string): Audience {
  if (words.startsWith("dang vien")) return "đảng viên";
  if (words.startsWith("can bo") || words.startsWith("lanh dao")) return "cán bộ lãnh đạo";
  if (words.startsWith("doan vien") || words.startsWith("thanh nien")) return "đoàn viên thanh niên";
  return "nhân dân";
}

export function parseTopic(topic: string, matcher: DocNameMatcher): TopicRequest {
  const words = topic.normalize("NFC").split(/\s+/).filter(Boolean);
  const folded = words.map((w) => foldKey(w).replace(/[^a-z0-9/\-]+/g, ""));
  // Character offset of each word in the folded line, to map a match back to words.
  const starts: number[] = [];
  let line = "";
  for (const f of folded) {
    if (line) line += " ";
    starts.push(line.length);
    line += f;
  }
  const removed = new Set<number>();
  const remove = (from: number, to: number) => {
    starts.forEach((s, i) => {
      if (s >= from && s + folded[i].length <= to) removed.add(i);
    });
  };
  const strip = (re: RegExp) => {
    const m = re.exec(line);
    if (m) remove(m.index, m.index + m[0].length);
    return m;
  };

  const named = matcher.find(topic);
  for (const { key } of named) {
    // The matcher matched " key " or " key/" on the same folded line; `at` is the key's offset.
    const padded = ` ${line} `;
    const at = Math.max(padded.indexOf(` ${key} `), padded.indexOf(` ${key}/`));
    if (at < 0) continue;
    // "Nghị định số 73/2023/NĐ-CP" matched by its number alone: the kind words go too.
    const kind = KIND_BEFORE.exec(line.slice(0, at));
    remove(kind ? kind.index : at, at + key.length);
  }
  const count = strip(COUNT);
  strip(HIGHLIGHTS);
  strip(OUTLINE);
  const audience = strip(AUDIENCE);
  const comparison = !!strip(COMPARISON);

  const kept = words.filter((_, i) => !removed.has(i));
  const hasContent = kept.some((w) => {
    const f = foldKey(w).replace(/[^a-z0-9]+/g, "");
    return f && !QUESTION_WORDS.has(f) && !/^\d+$/.test(f);
  });
  const n = count ? (NUMBERS[count[1]] ?? Number(count[1])) : undefined;
  return {
    content: hasContent ? trimFraming(kept).join(" ") : "",
    named: named.map((d) => d.docId),
    count: n,
    audience: audience ? audienceOf(audience[1]) : undefined,
    comparison,
  };
}

/** Linking words that may be left at either end of the content ("về …", "… của Chỉ thị 34"). */
const LINKING = new Set("ve cua cho trong voi va theo nhung cac thi la tai".split(" "));

/** Drops linking words left at either end, for a clean subject in the title. */
function trimFraming(words: string[]): string[] {
  const framing = (w: string) => LINKING.has(foldKey(w).replace(/[^a-z0-9]+/g, ""));
  let a = 0;
  let b = words.length;
  while (a < b && framing(words[a])) a++;
  while (b > a && framing(words[b - 1])) b--;
  return words.slice(a, b).map((w, i, all) => (i === all.length - 1 ? w.replace(/[,;:.!?]+$/u, "") : w));
}
