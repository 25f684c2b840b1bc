/**
 * /thongke and /chuatraloi from the Store's logs: questions per day (Vietnam time), the share the
 * documents could not answer, feedback counts, and the recent unanswered questions — the list of
 * what to add. The "unanswered" log holds the text of not-found questions only, with no user or
 * chat id (see docs/operators.md, "What is logged").
 */
import type { AskResult } from "../engine/types.js";
import { FEEDBACK_LOG, QUESTIONS_LOG, UNANSWERED_LOG, type UnansweredRecord } from "../chat/memory.js";
import type { Store } from "../store/store.js";
import { maskPersonal } from "../text/mask.js";

/** Days shown by /thongke. */
export const STATS_DAYS = 7;
/** Most log records read for one /thongke (bounds memory and time on a busy bot). */
export const STATS_MAX_RECORDS = 200_000;
/** Questions listed by /chuatraloi. */
export const UNANSWERED_SHOWN = 20;

const DAY_MS = 24 * 3600 * 1000;
const dayOf = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit" });
const timeOf = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });

export interface Stats {
  days: Array<{ day: string; questions: number; notFound: number }>;
  questions: number;
  notFound: number;
  /** Questions that were neither answered nor "not found" (empty, only symbols). */
  invalid: number;
  up: number;
  down: number;
  /** The period had more records than were read. */
  truncated: boolean;
}

export async function collectStats(store: Store, now = Date.now()): Promise<Stats> {
  const since = now - STATS_DAYS * DAY_MS;
  const [questions, feedback] = await Promise.all([
    store.recent<{ status?: AskResult["status"] }>(QUESTIONS_LOG, STATS_MAX_RECORDS, since),
    store.recent<{ value?: string }>(FEEDBACK_LOG, STATS_MAX_RECORDS, since),
  ]);
  // Oldest day first; every day of the period listed, quiet ones too.
  const days = Array.from({ length: STATS_DAYS }, (_, i) => ({ day: dayOf.format(now - (STATS_DAYS - 1 - i) * DAY_MS), questions: 0, notFound: 0 }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  let invalid = 0;
  for (const q of questions) {
    if (q.status === "invalid") {
      invalid++;
      continue;
    }
    const d = byDay.get(dayOf.format(q.at));
    if (!d) continue;
    d.questions++;
    if (q.status === "not_found") d.notFound++;
  }
  return {
    days,
    questions: days.reduce((n, d) => n + d.questions, 0),
    notFound: days.reduce((n, d) => n + d.notFound, 0),
    invalid,
    up: feedback.filter((f) => f.value === "up").length,
    down: feedback.filter((f) => f.value === "down").length,
    truncated: questions.length >= STATS_MAX_RECORDS || feedback.length >= STATS_MAX_RECORDS,
  };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1).replace(".", ",")}%` : "—");

export function statsLines(s: Stats, index: { version: string; loaded: number }): string[] {
  return [
    `Thống kê ${STATS_DAYS} ngày qua (giờ Việt Nam):`,
    s.days.map((d) => `• ${d.day}: ${d.questions} câu hỏi${d.notFound ? `, ${d.notFound} không tìm thấy` : ""}`).join("\n"),
    `Tổng: ${s.questions} câu hỏi; không tìm thấy câu trả lời: ${s.notFound} (${pct(s.notFound, s.questions)}).` +
      (s.invalid ? ` Ngoài ra ${s.invalid} tin không phải câu hỏi.` : ""),
    `Góp ý: 👍 ${s.up}, 👎 ${s.down}.`,
    ...(s.truncated ? [`(Chỉ tính ${STATS_MAX_RECORDS.toLocaleString("vi-VN")} bản ghi gần nhất.)`] : []),
    `Chỉ mục: phiên bản ${index.version}, ${index.loaded} văn bản đã nạp. Gõ /chuatraloi để xem các câu chưa trả lời được.`,
  ];
}

/** Recent unanswered questions, newest first; repeats (same words, any case) counted once. */
export async function unansweredLines(store: Store): Promise<string[]> {
  const records = await store.recent<UnansweredRecord>(UNANSWERED_LOG, 500);
  const seen = new Map<string, { text: string; at: number; times: number }>();
  for (const r of records) {
    const key = r.text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
    const e = seen.get(key);
    if (e) e.times++;
    // Masked again: records kept before masking existed.
    else seen.set(key, { text: maskPersonal(r.text), at: r.at, times: 1 });
  }
  const list = [...seen.values()].slice(0, UNANSWERED_SHOWN);
  if (!list.length) return ["Chưa có câu hỏi nào mà văn bản không trả lời được."];
  return [
    `${list.length} câu hỏi gần đây văn bản chưa trả lời được (mới nhất trước) — gợi ý văn bản cần bổ sung:`,
    list.map((e) => `• ${timeOf.format(e.at)}${e.times > 1 ? ` (${e.times} lần)` : ""}: ${e.text}`).join("\n"),
  ];
}
