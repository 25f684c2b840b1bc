/** What the bot says to admins (and to non-admins trying admin features), in Vietnamese. */
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;

export const adminTexts = {
  uploadRefused: "Xin lỗi, chỉ quản trị viên mới gửi được văn bản để nạp. Nếu bạn muốn hỏi, hãy gõ câu hỏi bằng chữ.",
  uploadTooLarge: (name: string, size: number, max: number) => `Không nhận «${name}»: tệp quá lớn (${mb(size)}, giới hạn ${mb(max)}).`,
  uploadRejected: (reason: string) => `Không nhận tệp — ${reason}. Chỉ mục hiện tại không thay đổi.`,
  downloadFailed: (name: string) => `Không tải được «${name}» từ máy chủ chat. Bạn thử gửi lại nhé; chỉ mục hiện tại không thay đổi.`,
  uploadAccepted: (name: string, size: number, pages: number | undefined, replaced: string[]) =>
    `Đã nhận «${name}» (${mb(size)}${pages ? `, ${pages} trang` : ""})` +
    (replaced.length ? `, thay cho ${replaced.map((r) => `«${r}»`).join(", ")}` : "") +
    ". Đang nạp lại chỉ mục trong nền — trong lúc này trợ lý vẫn trả lời theo chỉ mục hiện tại.",
  unansweredOff: "Máy chủ đặt LOG_UNANSWERED=0 nên không lưu các câu hỏi chưa trả lời được; đặt LOG_UNANSWERED=1 để dùng /chuatraloi.",
  reloadStarted: "Đang nạp lại thư mục văn bản (chỉ đọc lại các tệp đã thay đổi) — trong lúc này trợ lý vẫn trả lời theo chỉ mục hiện tại.",
  waiting: "Một lần nạp khác đang chạy; lần nạp này sẽ bắt đầu ngay khi lần kia xong.",
  progress: (done: number, total: number) => `Đang nạp: ${done}/${total} tệp…`,
  ocrProgress: (file: string, done: number, total: number) => `Đang nhận dạng chữ (OCR) bản scan «${file}»: ${done}/${total} trang…`,
  unchanged: (n: number) => `${n} tệp khác không đổi.`,
  switched: (version: string) => `Đã chuyển sang chỉ mục ${version}. Các phiên bản trợ lý khác tự cập nhật trong vài giây.`,
  failed: (reason: string) => `Chưa nạp được: ${reason}. Chỉ mục hiện tại vẫn trả lời như cũ. Gửi /reload để thử lại.`,
  uploadUndone: (name: string, reason: string, replaced: string[]) =>
    `Tệp «${name}» bị từ chối khi nạp: ${reason}. ` +
    (replaced.length ? `Đã khôi phục ${replaced.map((r) => `«${r}»`).join(", ")} và nạp lại.` : "Đã gỡ tệp khỏi thư mục văn bản."),
};
