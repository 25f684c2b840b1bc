/**
 * The Zalo-only sentences: Zalo has no buttons, so what Telegram offers as buttons is offered as
 * short commands to type. Everything else the bot says comes from src/chat/texts.ts.
 */

/** Typed commands, matched without accents and case: "nguyên văn 2", "nguyen van 2", "liên quan". */
export const FULL_COMMAND = "nguyên văn";
export const RELATED_COMMAND = "liên quan";

/** In a group the bot only answers messages that start with this command. */
export const GROUP_COMMAND = "/hoi";

export const zaloTexts = {
  fullHint: (count: number, prefix: string) =>
    count > 1
      ? `👉 Gõ '${prefix}${FULL_COMMAND} 1' (… đến '${prefix}${FULL_COMMAND} ${count}') để xem toàn văn từng đoạn trích.`
      : `👉 Gõ '${prefix}${FULL_COMMAND} 1' để xem toàn văn đoạn 1.`,
  relatedHint: (prefix: string) => `👉 Gõ '${prefix}${RELATED_COMMAND}' để xem văn bản liên quan.`,
  /** Added after /help: the buttons it mentions are typed commands here. */
  help: [
    "Trên Zalo không có nút bấm; sau mỗi câu trả lời hãy gõ:",
    `• '${FULL_COMMAND} 1' (hoặc 2, 3…) — toàn văn đoạn trích số đó;`,
    `• '${RELATED_COMMAND}' — các đoạn liên quan khác.`,
    `Trong nhóm Zalo, bắt đầu tin nhắn bằng ${GROUP_COMMAND}, ví dụ: ${GROUP_COMMAND} ${FULL_COMMAND} 1.`,
    "Dàn ý tuyên truyền: gõ 'dàn ý <chủ đề>' hoặc /dancuong <chủ đề> (trong nhóm dùng /dancuong). Tệp DOCX chỉ gửi được trên Telegram.",
    "Thi trắc nghiệm: câu hỏi hiện dạng chữ; gõ A, B, C hoặc D để trả lời (trong nhóm cũng vậy, không cần lệnh).",
  ].join("\n"),
  noAnswerYet: `Chưa có câu trả lời nào để xem thêm. Hãy gõ câu hỏi trước, rồi gõ '${FULL_COMMAND} 1' hoặc '${RELATED_COMMAND}'.`,
  /** Zalo bots cannot send documents: where to get the file instead. */
  noFiles: "📎 Zalo chưa gửi được tệp: bản DOCX có trên trợ lý Telegram (cùng lệnh), hoặc tạo trên máy chủ bằng npm run points / npm run quiz.",
  /** Leaderboard name of a user whose display name Zalo withholds. */
  player: (id: string) => `Người chơi …${id.slice(-4)}`,
};
