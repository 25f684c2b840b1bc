/** Every user-facing sentence of the chat channels, in Vietnamese, in one place. */
import type { DocStatus } from "../model/document.js";
import type { Action, Media, Votes } from "./types.js";

export const BOT_NAME = "Hỏi Văn Bản";

export const EXAMPLES = ["Điều 3 hướng dẫn sử dụng quy định gì?", "cán bộ dám nghĩ dám làm được bảo vệ thế nào?", "còn khoản 3 thì sao?"];

export const texts = {
  greeting: (loaded: string[]) => [
    `Xin chào! Tôi là trợ lý ${BOT_NAME}: tôi trả lời câu hỏi chỉ dựa trên nguyên văn các văn bản đã nạp, kèm trích dẫn chính xác đến điều, khoản, điểm hoặc mục.`,
    loaded.length
      ? `Văn bản tôi đang có (${loaded.length}):\n${loaded.map((l) => `• ${l}`).join("\n")}`
      : "Hiện chưa có văn bản nào được nạp toàn văn.",
    `Cứ gõ câu hỏi, có dấu hoặc không dấu, ví dụ:\n${EXAMPLES.map((e) => `• ${e}`).join("\n")}`,
    "Gõ /vanban để xem danh mục văn bản, /help để xem hướng dẫn.",
  ],
  help: [
    "Cách hỏi:",
    "• Gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu. Nêu tên văn bản (\"Nghị định 73\", \"nd73\", \"Chỉ thị 34\") để tìm trong văn bản đó trước.",
    "• Tra thẳng một đơn vị: \"Điều 5 Nghị định 73\", \"khoản 2 điều 12 quy định 124\".",
    "• Hỏi tiếp sau một câu trả lời: \"còn khoản 3 thì sao?\", \"điều tiếp theo\", \"nói rõ hơn\".",
    "• Dưới câu trả lời: nút «Nguyên văn» gửi toàn văn đơn vị được trích, «Văn bản liên quan» gửi các đoạn khác phù hợp, 👍/👎 để góp ý.",
    "• Trong nhóm: dùng /hoi <câu hỏi>, nhắc tên trợ lý hoặc trả lời vào tin nhắn của trợ lý.",
    "• Soạn dàn ý tuyên truyền: /dancuong <chủ đề> | đối tượng: … | số ý: 3–7 | độ dài: ngắn, vừa hoặc dài (các tùy chọn sau dấu | có thể bỏ, gõ không dấu cũng được). Mỗi ý kèm trích dẫn; trên Telegram có thêm tệp DOCX.",
    "• Thi trắc nghiệm: /quiz <văn bản hoặc chủ đề> [số câu] (tối đa 30) — mỗi câu có thời hạn; /ketqua — bảng điểm; /dunglai — người mở cuộc thi dừng sớm và công bố kết quả. /xuatquiz <văn bản hoặc chủ đề> [số câu] (hoặc thêm «xuất file» ở cuối lệnh /quiz) gửi bộ câu hỏi kèm đáp án dạng DOCX.",
  ],
  /** The last /help lines, listing src/chat/commands.ts ("/vanban — danh mục văn bản và hiệu lực"). */
  commandList: (entries: string[]) => `Các lệnh: ${entries.join("; ")}.`,
  adminCommandList: (entries: string[]) => `Dành cho quản trị viên: gửi tệp PDF/DOCX để thêm hoặc thay một văn bản; ${entries.join("; ")}.`,
  adminOnly: "Xin lỗi, lệnh này chỉ dành cho quản trị viên của trợ lý.",
  catalogTitle: (n: number) => `Danh mục văn bản (${n}):`,
  catalogEmpty: "Danh mục chưa có văn bản nào.",
  status: (status: DocStatus, replacedBy?: string): string =>
    ({
      in_force: "còn hiệu lực",
      superseded: `đã được thay thế${replacedBy ? ` bởi ${replacedBy}` : ""}`,
      expired: "hết hiệu lực",
      draft: "dự thảo",
      unknown: "chưa rõ hiệu lực",
    })[status],
  notLoaded: "chưa nạp",
  askUsage: "Hãy gõ câu hỏi sau lệnh /hoi, ví dụ: /hoi Điều 3 hướng dẫn sử dụng quy định gì?",
  unknownCommand: (cmd: string) => `Tôi không biết lệnh /${cmd}. Gõ /help để xem các lệnh.`,
  noText: "Tôi chỉ hiểu câu hỏi viết bằng chữ. Hãy gõ câu hỏi, ví dụ: «Điều 1 quy định gì?»",
  media: (m: Media) =>
    `${m === "sticker" ? "Cảm ơn nhãn dán của bạn! " : ""}Tôi chỉ đọc được câu hỏi bằng chữ, chưa xem được ${MEDIA_NAMES[m]}. Hãy gõ câu hỏi, ví dụ: «${EXAMPLES[0]}»`,
  adminUpload: "Kênh này chưa nhận văn bản qua chat: hãy gửi tệp qua Telegram, hoặc chép tệp vào thư mục văn bản trên máy chủ rồi gửi /reload.",
  rateLimited: (perMinute: number) => `Bạn hỏi hơi nhanh — tôi trả lời tối đa ${perMinute} câu mỗi phút cho mỗi người. Xin chờ một chút rồi hỏi tiếp nhé.`,
  restricted: "Xin lỗi, trợ lý chỉ phục vụ các cuộc trò chuyện đã được cơ quan cho phép.",
  error: "Xin lỗi, đã có lỗi khi xử lý câu hỏi này. Bạn thử lại sau ít phút nhé.",
  expired: "Câu trả lời này đã cũ, tôi không còn giữ các trích dẫn của nó. Bạn hãy hỏi lại nhé.",
  unitGone: "Không còn tìm thấy đơn vị này trong chỉ mục hiện tại (văn bản có thể vừa được nạp lại). Bạn hãy hỏi lại nhé.",
  staleButton: "Nút này không còn dùng được.",
  relatedTitle: "Các đoạn liên quan khác:",
  noRelated: "Không có đoạn liên quan nào khác.",
  feedbackThanks: "Cảm ơn bạn đã góp ý!",
  superseded: (doc: string, by?: string) => `${doc} đã được thay thế${by ? ` bởi ${by}` : ""}; nội dung trích dẫn có thể không còn hiệu lực.`,
  feedbackAgain: "Bạn đã góp ý cho câu trả lời này rồi.",
  inlineNothing: "Không tìm thấy đơn vị phù hợp",
};

const MEDIA_NAMES: Record<Media, string> = {
  sticker: "nhãn dán",
  photo: "hình ảnh",
  voice: "tin nhắn thoại",
  audio: "tệp âm thanh",
  video: "video",
  document: "tệp đính kèm",
  other: "loại tin nhắn này",
};

/**
 * Button labels. `citations` is how many "Nguyên văn" buttons the answer has (numbered only when
 * several); `votes`, once someone voted, shows the tally on 👍/👎.
 */
export function actionLabel(a: Action, citations: number, votes?: Votes): string {
  switch (a.kind) {
    case "full":
      return citations > 1 ? `Nguyên văn [${a.n}]` : "Nguyên văn";
    case "related":
      return "Văn bản liên quan";
    case "feedback":
      return (a.value === "up" ? "👍" : "👎") + (votes ? ` ${votes[a.value]}` : "");
  }
}

/** Talking points in chat (/dancuong). */
export const pointsTexts = {
  usage:
    "Cách dùng: /dancuong <chủ đề> | đối tượng: … | số ý: … | độ dài: …, ví dụ: /dancuong trách nhiệm của người đứng đầu | đối tượng: đảng viên | số ý: 5 | độ dài: ngắn. " +
    "Đối tượng: đảng viên, cán bộ lãnh đạo, đoàn viên thanh niên hoặc nhân dân; số ý từ 3 đến 7; độ dài trích dẫn: ngắn, vừa hoặc dài. Các tùy chọn có thể bỏ, gõ không dấu cũng được.",
  unknownOption: (option: string) => `Không hiểu tùy chọn «${option}»: hãy viết «đối tượng: …», «số ý: …» hoặc «độ dài: …», cách nhau bằng dấu |.`,
  emptyOption: (option: string) => `Tùy chọn «${option}» chưa có giá trị.`,
  unavailable: "Kênh này chưa soạn được dàn ý; hãy dùng lệnh npm run points trên máy chủ.",
};

/** Quizzes in chat (/quiz, /ketqua, /dunglai, /xuatquiz). */
export const quizTexts = {
  usage:
    "Cách dùng: /quiz <văn bản hoặc chủ đề> [số câu], ví dụ: /quiz Nghị định 73 10 hoặc /quiz khen thưởng 5. " +
    "Thêm «xuất file» ở cuối (hoặc dùng /xuatquiz) để nhận bộ câu hỏi kèm đáp án dạng tệp DOCX.",
  unavailable: "Kênh này chưa tổ chức được thi trắc nghiệm.",
  running: "Đang có một cuộc thi trong cuộc trò chuyện này: gõ /ketqua để xem điểm, hoặc /dunglai (người mở cuộc thi) để dừng trước khi mở cuộc thi mới.",
  noQuestions: "Không tạo được câu hỏi nào: phạm vi đã chọn không có dữ kiện (thời hạn, số liệu, cơ quan, danh sách…) để hỏi.",
  started: (title: string, count: number, asked: number, seconds: number, polls: boolean) =>
    [
      `🏁 Bắt đầu cuộc thi: ${title} — ${count} câu, mỗi câu ${seconds} giây. Câu 1 đến ngay sau đây.`,
      ...(count < asked ? [`Phạm vi đã chọn chỉ đủ dữ kiện cho ${count}/${asked} câu chắc chắn đúng.`] : []),
      polls
        ? "Chọn đáp án ngay trên từng câu hỏi; mỗi người chỉ được chọn một lần."
        : "Trả lời bằng cách gõ chữ cái của đáp án (A, B, C hoặc D); chỉ lần trả lời đầu tiên được tính.",
      "Gõ /ketqua để xem điểm; người mở cuộc thi gõ /dunglai để dừng sớm.",
    ],
  noneRunning: "Không có cuộc thi nào đang diễn ra. Gõ /quiz <văn bản hoặc chủ đề> để bắt đầu.",
  onlyStarter: "Chỉ người mở cuộc thi (hoặc quản trị viên) mới dừng được cuộc thi. Gõ /ketqua để xem điểm.",
  stopped: "Đã dừng cuộc thi.",
  exported: (title: string, count: number, asked: number) =>
    `${title}: ${count} câu${count < asked ? ` (phạm vi chỉ đủ dữ kiện cho ${count}/${asked} câu)` : ""}, đề và đáp án có trích dẫn nguồn trong tệp DOCX.`,
  /** Telegram poll question: numbered when it fits the 300 characters. */
  pollQuestion: (index: number, total: number, stem: string) => `Câu ${index + 1}/${total}: ${stem}`,
  recorded: (letter: string) => `Đã ghi nhận đáp án ${letter}. Đáp án đúng được công bố khi hết giờ.`,
  again: "Bạn đã trả lời câu này rồi; chỉ lần trả lời đầu tiên được tính.",
  late: "Câu này đã hết giờ trả lời; hãy chờ câu tiếp theo.",
};
