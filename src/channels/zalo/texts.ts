/**
 * The Zalo-only sentences: Zalo has no buttons, so what Telegram offers as buttons is offered as
 * short commands to type, and in groups the bot hears only messages that tag it (@tên) or reply
 * to it. Everything else the bot says comes from src/chat/texts.ts.
 */

/** Typed commands, matched without accents and case: "nguyên văn 2", "nguyen van 2", "liên quan". */
export const FULL_COMMAND = "nguyên văn";
export const RELATED_COMMAND = "liên quan";

export const zaloTexts = {
  fullHint: (count: number, prefix: string) =>
    count > 1
      ? `👉 Gõ '${prefix}${FULL_COMMAND} 1' (… đến '${prefix}${FULL_COMMAND} ${count}') để xem toàn văn từng đoạn trích.`
      : `👉 Gõ '${prefix}${FULL_COMMAND} 1' để xem toàn văn đoạn 1.`,
  relatedHint: (prefix: string) => `👉 Gõ '${prefix}${RELATED_COMMAND}' để xem văn bản liên quan.`,
  /** /help on Zalo, in place of the shared one (which speaks of buttons and /hoi in groups). */
  help: (botName: string) => [
    "Cách hỏi trên Zalo:",
    "• Gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu. Nêu tên văn bản (\"Nghị định 73\", \"nd73\", \"Chỉ thị 34\") để tìm trong văn bản đó trước.",
    "• Tra thẳng một đơn vị: \"Điều 5 Nghị định 73\", \"khoản 2 điều 12 quy định 124\".",
    "• Hỏi tiếp sau một câu trả lời: \"còn khoản 3 thì sao?\", \"điều tiếp theo\", \"nói rõ hơn\".",
    `• Zalo không có nút bấm: sau mỗi câu trả lời, gõ '${FULL_COMMAND} 1' (hoặc 2, 3…) để xem toàn văn đoạn trích số đó, '${RELATED_COMMAND}' để xem các đoạn liên quan khác.`,
    `• Trong nhóm Zalo: gọi bot bằng @tên — gõ @ rồi chọn ${botName}, ví dụ «@${botName} điều 3 quy định gì?», «@${botName} ${FULL_COMMAND} 1» — hoặc trả lời (reply) vào tin nhắn của bot. Tin nhắn không nhắc bot thì Zalo không chuyển tới bot, kể cả lệnh.`,
    "• Dàn ý tuyên truyền: gõ 'dàn ý <chủ đề>' hoặc /dancuong <chủ đề> | đối tượng: … | số ý: 3–7 | độ dài: ngắn, vừa hoặc dài. Tệp DOCX chỉ gửi được trên Telegram.",
    "• Thi trắc nghiệm: /quiz <văn bản hoặc chủ đề> [số câu]; câu hỏi hiện dạng chữ, gõ A, B, C hoặc D để trả lời (trong nhóm: trả lời vào câu hỏi hoặc nhắc @tên bot). /ketqua — bảng điểm; /dunglai — dừng sớm.",
    "Các lệnh gõ: /start — giới thiệu; /vanban — danh mục văn bản; /hoi — đặt câu hỏi; /dancuong — dàn ý; /quiz, /ketqua, /dunglai, /xuatquiz — thi trắc nghiệm; /help — hướng dẫn.",
  ],
  /** Under a quiz question in a group: the platform passes on only replies and mentions. */
  groupAnswer: (botName: string) => `↩️ Trong nhóm: trả lời (reply) vào tin này bằng chữ cái, hoặc gõ «@${botName} A».`,
  noAnswerYet: `Chưa có câu trả lời nào để xem thêm. Hãy gõ câu hỏi trước, rồi gõ '${FULL_COMMAND} 1' hoặc '${RELATED_COMMAND}'.`,
  /** Zalo bots cannot send documents: where to get the file instead. */
  noFiles: "📎 Zalo chưa gửi được tệp: bản DOCX có trên trợ lý Telegram (cùng lệnh), hoặc tạo trên máy chủ bằng npm run points / npm run quiz.",
  /** Leaderboard name of a user whose display name Zalo withholds. */
  player: (id: string) => `Người chơi …${id.slice(-4)}`,
};
