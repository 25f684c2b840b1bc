/**
 * Duty questions ("Bộ X có trách nhiệm gì?", "Chỉ thị giao Sở Y những việc gì?", "Chi bộ phải làm
 * gì?") are answered by the passage that assigns the duty, which directives, regulations and laws
 * write as the holder followed by the duty: "d) Bộ Quốc phòng (…) có trách nhiệm:", "Ủy ban nhân
 * dân cấp xã có nhiệm vụ sau đây:". A passage that only names the holder in passing ("Tổng cục
 * thống kê có trách nhiệm phối hợp với Tổng cục quản lý ruộng đất …") is another holder's duty.
 */
import { foldKey } from "../text/normalize.js";
import { shapeText } from "./definition.js";

/** The words that assign a duty, folded. */
const DUTY = "(?:co|chiu) trach nhiem|co nhiem vu|co quyen han|phai|duoc giao|co quyen";

const PATTERNS = [
  // "X có trách nhiệm gì", "X có nhiệm vụ, quyền hạn như thế nào", "X phải làm gì", "X được giao những việc gì"
  new RegExp(`^(.+?) (?:${DUTY})(?: va (?:trach nhiem|nhiem vu|quyen han))?(?: (?:lam|thuc hien))?(?: (?:nhung|cac))?(?: (?:viec|nhiem vu|trach nhiem|cong viec))? (?:gi|nao|nhu the nao|the nao|ra sao)\\b`),
  // "giao X (những) trách nhiệm / việc gì", "giao cho X làm gì"
  /\bgiao(?: cho)? (.+?) (?:(?:nhung|cac) )?(?:trach nhiem|nhiem vu|viec|cong viec|lam) (?:gi|nao)\b/,
  // "trách nhiệm của X là gì", "nhiệm vụ của X gồm những gì"
  /^(?:trach nhiem|nhiem vu)(?:,? quyen han)? cua (.+?) (?:la gi|gom nhung gi|gom gi|the nao|nhu the nao|ra sao)\b/,
];

/** Leading framing ("theo chỉ thị này,", "trong công tác …,") is not part of the holder. */
const FRAMING = /^(?:(?:theo|trong|tai|o)\b[^,]*,\s*)+/;

/** Folded syllables of a text, punctuation as spaces. */
const words = (text: string) => foldKey(text).replace(/[^a-z0-9]+/g, " ").trim();

/** The folded holder a duty question asks about, or undefined when it is not a duty question. */
export function dutyHolder(question: string, docNameKeys: string[] = []): string | undefined {
  const q = shapeText(question, docNameKeys);
  for (const re of PATTERNS) {
    const m = q.match(re);
    if (!m) continue;
    const holder = words(m[1].replace(FRAMING, ""));
    const n = holder.split(" ").length;
    // A holder is a body or a person named in a few words; "ai", "người ta" or a clause is not.
    if (n >= 2 && n <= 12 && !/\b(?:ai|nguoi ta|toi|minh)\b/.test(holder)) return holder;
  }
  return undefined;
}

/** A syllable of a duty word ("phải", "quyền", "nhiệm", "giao"), in any case and tone. */
const MAY_ASSIGN = /ph[aảáàãạ]i|quy[eêềếểễệ]n|nhi[eêềếểễệ]m|giao/iu;

/** How much of the holder's name must open the passage (it may add "(Cục Bản đồ …)", "khác"). */
const HOLDER_SHARE = 0.8;

/**
 * Folded words of recently read passage openings, list marker left out: each duty question reads
 * a few hundred candidates, and the same passages come back for questions about the same holders.
 */
const openings = new Map<string, string>();
const OPENINGS_KEPT = 4096;

function openingWords(opening: string): string {
  let head = openings.get(opening);
  if (head === undefined) {
    head = words(opening).replace(/^(?:[a-z]|\d+|[ivx]+) (?=\S)/, "");
    if (openings.size >= OPENINGS_KEPT) openings.delete(openings.keys().next().value!);
    openings.set(opening, head);
  }
  return head;
}

/** The words before the duty word (the subject it is assigned to), then the duty word. */
const SUBJECT_AND_DUTY = new RegExp(`^(.{3,160}?) (?:${DUTY})\\b`);

/**
 * Whether a text opens by assigning a duty to the holder: its words before the duty word (after a
 * list marker) hold most of the holder's words, and not much else.
 */
export function assignsDuty(text: string, holder: string): boolean {
  // Cheap necessary condition first: many candidates are read per question.
  const opening = text.slice(0, 300);
  if (!MAY_ASSIGN.test(opening)) return false;
  const head = openingWords(opening);
  const m = head.match(SUBJECT_AND_DUTY);
  if (!m) return false;
  const subject = new Set(m[1].split(" "));
  const asked = [...new Set(holder.split(" "))];
  return asked.filter((w) => subject.has(w)).length >= HOLDER_SHARE * asked.length;
}
