/**
 * Channel-neutral rendering of a quiz in chat: a question as text with A/B/C/D (Zalo, and any
 * channel without polls), a typed answer read back, the parameters of a Telegram quiz poll (as
 * plain data), and the leaderboard.
 */
import { citationLabel } from "../model/citation.js";
import type { Leaderboard } from "./session.js";
import { clipWords } from "./stem.js";
import type { QuizQuestion } from "./types.js";

export const LETTERS = ["A", "B", "C", "D"];

/** "Câu 3/10: …\nA. …\nB. …" with how to answer. */
export function questionText(q: QuizQuestion, index: number, total: number, seconds?: number): string {
  const options = q.options.map((o, i) => `${LETTERS[i]}. ${o}`);
  const letters = LETTERS.slice(0, q.options.length);
  const how = `Trả lời: gõ ${letters.slice(0, -1).join(", ")} hoặc ${letters.at(-1)}${seconds ? ` (trong ${seconds} giây)` : ""}.`;
  return [`Câu ${index + 1}/${total}: ${q.stem}`, ...options, how].join("\n");
}

/** The option a typed answer picks ("b", "B.", "đáp án C", "đúng"), or undefined. */
export function parseAnswer(text: string, q: Pick<QuizQuestion, "options">): number | undefined {
  const t = text.normalize("NFC").trim().toLowerCase();
  const letter = t.match(/^(?:đáp án|chọn)?\s*([a-d])\s*[.)]?$/u)?.[1];
  if (letter) {
    const i = letter.charCodeAt(0) - 97;
    return i < q.options.length ? i : undefined;
  }
  const i = q.options.findIndex((o) => o.toLowerCase() === t);
  return i < 0 ? undefined : i;
}

/** After the deadline: the answer and where it is written. */
export function revealText(q: QuizQuestion): string {
  return `Đáp án: ${LETTERS[q.correct]}. ${q.options[q.correct]}\nNguồn: ${citationLabel(q.citation)}\n«${clipWords(q.quote, 600)}»`;
}

/**
 * Arguments of Telegram's sendPoll for a native quiz (grammY 1.46: `correct_option_ids`), as data:
 * `api.sendPoll(chatId, p.question, p.options, p.other)`. Stem, options and explanation already
 * fit the poll limits.
 */
export function pollParams(q: QuizQuestion, openSeconds: number) {
  return {
    question: q.stem,
    options: q.options.map((text) => ({ text })),
    other: {
      type: "quiz" as const,
      correct_option_ids: [q.correct],
      explanation: q.explanation,
      is_anonymous: false,
      // Telegram closes the poll itself; 5–600 s is what a timed quiz needs.
      open_period: Math.min(600, Math.max(5, Math.round(openSeconds))),
    },
  };
}

/** "/ketqua": ranks, names and scores; the top three get medals. */
export function leaderboardText(board: Leaderboard, limit = 20): string {
  if (!board.sessionId) return "Chưa có cuộc thi nào trong cuộc trò chuyện này.";
  const head = `${board.finished ? "Kết quả" : "Kết quả tạm thời"}: ${board.title} (${board.total} câu)`;
  if (!board.rows.length) return `${head}\nChưa có ai trả lời.`;
  const medals = ["🥇", "🥈", "🥉"];
  const rows = board.rows.slice(0, limit).map((r) => `${medals[r.rank - 1] ?? `${r.rank}.`} ${r.name} — ${r.correct}/${board.total} câu đúng`);
  return [head, ...rows].join("\n");
}
