/**
 * The real Telegram bot, end to end, against the fake Bot API server on 127.0.0.1: private and
 * group chats, buttons, follow-ups, long answers, hostile text, non-text messages, inline mode.
 * The fake rejects anything Telegram would (HTML, lengths, button data); no call may be rejected.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Chat, Message, User } from "grammy/types";
import { texts } from "../src/chat/texts.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { startTestBot, type TestBot } from "./fakes/telegram-bot.js";
import { FakeTelegram, parseTelegramHtml, type FakeCall } from "./fakes/telegram-server.js";

let corpus: ChatCorpus;
let fake: FakeTelegram;
let bot: TestBot;
beforeAll(async () => {
  corpus = await buildChatCorpus();
  fake = await new FakeTelegram().start();
  bot = await startTestBot(fake, { engine: corpus.engine });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  corpus?.cleanup();
});

let nextUser = 1000;
const user = (): User => ({ id: nextUser++, is_bot: false, first_name: "Đảng viên" });
const dm = (u: User): Chat.PrivateChat => ({ id: u.id, type: "private", first_name: u.first_name });
const group = (id: number): Chat.SupergroupChat => ({ id, type: "supergroup", title: "Chi bộ thử nghiệm" });
const plain = (c: FakeCall) => parseTelegramHtml(c.body.text);

/**
 * Sends a message and returns every message the bot sent to that chat in response. Updates of a
 * chat are handled in order, so once the reply to a following unique unknown command arrives,
 * all replies to the message are in.
 */
let sentinels = 0;
async function exchange(chat: Chat.PrivateChat | Chat.SupergroupChat, from: User, text: string | undefined, o: { replyTo?: Message; extra?: Record<string, unknown> } = {}) {
  const since = fake.calls.length;
  const sent = fake.send({ chat, from, text, ...o });
  const command = `ping_${++sentinels}`;
  fake.send({ chat, from, text: `/${command}@HoiVanBanBot` });
  const done = await fake.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === chat.id && plain(c) === texts.unknownCommand(command), since);
  const replies = fake.sent(chat.id, since).filter((c) => c !== done);
  return { sent, replies, since };
}

const buttons = (c: FakeCall): Array<{ text: string; callback_data: string }> => c.body.reply_markup?.inline_keyboard.flat() ?? [];

describe("start-up", () => {
  test("registers the Vietnamese command menu and leaves webhook mode before polling", async () => {
    await fake.waitFor((c) => c.method === "getUpdates");
    const methods = fake.calls.map((c) => c.method);
    expect(methods.indexOf("setMyCommands")).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf("deleteWebhook")).toBeLessThan(methods.indexOf("getUpdates"));
    const menu: Array<{ command: string; description: string }> = fake.calls.find((c) => c.method === "setMyCommands")!.body.commands;
    // Members' commands, each described; the admin ones stay out of the menu.
    expect(menu.map((c) => c.command)).toEqual(["hoi", "vanban", "dancuong", "quiz", "ketqua", "dunglai", "xuatquiz", "help", "start"]);
    expect(menu.every((c) => c.description.length > 0 && c.description.length <= 256)).toBe(true);
  });
});

describe("private chat", () => {
  test("/start: typing… first, then a Vietnamese greeting naming the loaded documents", async () => {
    const u = user();
    const { replies, since } = await exchange(dm(u), u, "/start");
    const calls = fake.calls.slice(since).filter((c) => c.body.chat_id === u.id).map((c) => c.method);
    expect(calls.slice(0, 2)).toEqual(["sendChatAction", "sendMessage"]);
    expect(fake.calls.slice(since).find((c) => c.method === "sendChatAction")!.body.action).toBe("typing");
    expect(plain(replies[0])).toContain("Xin chào");
    expect(plain(replies[0])).toContain("Quy chế 01/2099/QC-VƯ");
  });

  test("/vanban lists documents with status; hostile titles arrive escaped", async () => {
    const u = user();
    const { replies } = await exchange(dm(u), u, "/vanban");
    const text = replies.map(plain).join("\n");
    expect(text).toContain("vận hành vườn ươm <thử nghiệm> & ghi sổ");
    expect(text).toContain("chưa nạp");
    expect(text).toContain("đã được thay thế bởi Quy định 366-QĐ/TW");
    expect(replies[0].body.text).toContain("&lt;thử nghiệm&gt; &amp; ghi sổ");
  });

  test("a question gets the quote in a blockquote under its bold citation, with buttons", async () => {
    const u = user();
    const { replies } = await exchange(dm(u), u, "luống xương rồng được tưới mấy lần?");
    expect(replies).toHaveLength(1);
    expect(replies[0].body.parse_mode).toBe("HTML");
    expect(replies[0].body.text).toContain("<b>[1] Khoản 2 Điều 4 — Quy chế 01/2099/QC-VƯ</b>\n<blockquote>Luống xương rồng được tưới một lần mỗi tuần.</blockquote>");
    expect(buttons(replies[0]).map((b) => b.text)).toEqual(["Văn bản liên quan", "👍", "👎"]);
    expect(replies[0].body.reply_parameters).toBeUndefined();
  });

  test("buttons: Nguyên văn (long, split cleanly), Văn bản liên quan, 👍 / 👎 acknowledged", async () => {
    const u = user();
    const chat = dm(u);
    const { replies } = await exchange(chat, u, "Điều 6 quy chế vườn ươm");
    const answer = replies[0];
    const full = buttons(answer).find((b) => b.text === "Nguyên văn")!;
    expect(full).toBeDefined();

    let since = fake.calls.length;
    fake.press(u, answer.result, full.callback_data);
    await fake.waitFor((c) => c.method === "answerCallbackQuery", since);
    const parts = (await exchange(chat, u, "/help")).replies.filter((c) => !plain(c).startsWith("Cách hỏi"));
    expect(parts.length).toBe(2);
    expect(plain(parts[0])).toMatch(/^\[1\] Điều 6 — Quy chế 01\/2099\/QC-VƯ\n1\. Tuần thứ 1,/);
    expect(plain(parts[1])).toMatch(/^\[1\] Điều 6 — Quy chế 01\/2099\/QC-VƯ \(tiếp\)\n/);
    expect(plain(parts[1])).toContain("30. Tuần thứ 30,");
    for (const p of parts) expect(p.body.text).toMatch(/<blockquote>[^]*<\/blockquote>$/);

    const related = await exchange(chat, u, "luống xương rồng được tưới mấy lần?");
    const msg = related.replies[0];
    since = fake.calls.length;
    fake.press(u, msg.result, buttons(msg).find((b) => b.text === "Văn bản liên quan")!.callback_data);
    const rel = await fake.waitFor((c) => c.method === "sendMessage" && plain(c).startsWith(texts.relatedTitle), since);
    expect(plain(rel)).toContain("[1] ");

    since = fake.calls.length;
    fake.press(u, msg.result, buttons(msg).find((b) => b.text === "👍")!.callback_data);
    const ack = await fake.waitFor((c) => c.method === "answerCallbackQuery", since);
    expect(ack.body.text).toBe(texts.feedbackThanks);
    const edit = await fake.waitFor((c) => c.method === "editMessageReplyMarkup", since);
    expect(edit.body.message_id).toBe(msg.result.message_id);
    expect(buttons(edit).map((b) => b.text)).toEqual(["Văn bản liên quan", "👍 1", "👎 0"]);
    expect((await bot.store.recent<{ value: string }>("feedback", 1))[0].value).toBe("up");

    since = fake.calls.length;
    fake.press(u, msg.result, buttons(msg).find((b) => b.text === "👎")!.callback_data);
    expect((await fake.waitFor((c) => c.method === "answerCallbackQuery", since)).body.text).toBe(texts.feedbackAgain);

    since = fake.calls.length;
    fake.press(u, msg.result, "hỏng:dữ-liệu");
    expect((await fake.waitFor((c) => c.method === "answerCallbackQuery", since)).body.text).toBe(texts.staleButton);
  });

  test("follow-ups refer to what was just discussed", async () => {
    const u = user();
    const chat = dm(u);
    await exchange(chat, u, "điều 3 quy chế vườn ươm");
    expect(plain((await exchange(chat, u, "điều tiếp theo")).replies[0])).toMatch(/^\[1\] Điều 4 —/);
    expect(plain((await exchange(chat, u, "còn khoản 3 thì sao?")).replies[0])).toMatch(/^\[1\] Khoản 3 Điều 4 —[^]*trời mưa liên tục/);
    // "Nói rõ hơn" widens to the whole article around the clause.
    expect(plain((await exchange(chat, u, "nói rõ hơn")).replies[0])).toMatch(/^\[1\] Điều 4 —[^]*hai lần mỗi ngày[^]*trời mưa liên tục/);
  });

  test("hostile text in questions and documents is escaped", async () => {
    const u = user();
    const { replies } = await exchange(dm(u), u, "ký hiệu <b> & <unclosed trong sổ vườn");
    expect(replies).toHaveLength(1);
    expect(plain(replies[0])).toContain("Sổ vườn ghi ký hiệu <b> cho luống bón phân đạm và ký hiệu & cho luống tưới kép.");
    const doc = await exchange(dm(u), u, "điều 3 quy chế vườn ươm");
    expect(plain(doc.replies[0])).toContain('"<unclosed" kèm số luống; độ ẩm ghi theo dạng a < b > c.');
    const none = await exchange(dm(u), u, "<i>không</i> có <unclosed & gì cả");
    expect(none.replies).toHaveLength(1);
  });

  test("stickers, photos, voice and files get a polite explanation", async () => {
    const u = user();
    const media: Array<[string, Record<string, unknown>]> = [
      ["nhãn dán", { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }],
      ["hình ảnh", { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: "<b>ảnh</b>" }],
      ["tin nhắn thoại", { voice: { file_id: "v", file_unique_id: "v", duration: 1 } }],
      ["tệp đính kèm", { document: { file_id: "d", file_unique_id: "d" } }],
    ];
    for (const [name, extra] of media) {
      const { replies } = await exchange(dm(u), u, undefined, { extra });
      expect(replies).toHaveLength(1);
      expect(plain(replies[0])).toContain(name);
    }
  });

  test("emoji, no tone marks, very short and 5,000-character questions get sensible replies", async () => {
    const u = user();
    expect(plain((await exchange(dm(u), u, "🙏🙏")).replies[0])).toBe(texts.noText);
    expect(plain((await exchange(dm(u), u, "luong xuong rong tuoi may lan")).replies[0])).toContain("Khoản 2 Điều 4");
    expect(plain((await exchange(dm(u), u, "nd73?")).replies[0])).toContain("chưa được nạp");
    const paste = await exchange(dm(u), u, "Sổ vườn ghi ký hiệu gì? " + "x ".repeat(2500));
    expect(plain(paste.replies.at(-1)!)).toContain("Câu hỏi quá dài");
  });
});

describe("groups", () => {
  test("answers only when addressed, as a reply to the calling message", async () => {
    const u = user();
    const g = group(-100200);
    expect((await exchange(g, u, "luống xương rồng được tưới mấy lần?")).replies).toEqual([]);
    expect((await exchange(g, u, "/hoi@SomeOtherBot luống xương rồng được tưới mấy lần?")).replies).toEqual([]);
    // Another bot's command without a bot name is not for us either.
    expect((await exchange(g, u, "/poll ai đi họp chi bộ?")).replies).toEqual([]);
    expect((await exchange(g, u, undefined, { extra: { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } } })).replies).toEqual([]);

    const viaCommand = await exchange(g, u, "/hoi luống xương rồng được tưới mấy lần?");
    expect(viaCommand.replies).toHaveLength(1);
    expect(viaCommand.replies[0].body.reply_parameters.message_id).toBe(viaCommand.sent.message_id);
    expect(plain(viaCommand.replies[0])).toContain("Khoản 2 Điều 4");

    const viaMention = await exchange(g, u, "@HoiVanBanBot luống rau mầm tưới mấy lần?");
    expect(viaMention.replies[0].body.reply_parameters.message_id).toBe(viaMention.sent.message_id);
    expect(plain(viaMention.replies[0])).toContain("Khoản 1 Điều 4");

    const viaReply = await exchange(g, u, "còn khoản 3 thì sao?", { replyTo: viaMention.replies[0].result });
    expect(viaReply.replies[0].body.reply_parameters.message_id).toBe(viaReply.sent.message_id);
    expect(plain(viaReply.replies[0])).toContain("Khoản 3 Điều 4");

    const stickerReply = await exchange(g, u, undefined, { replyTo: viaReply.replies[0].result, extra: { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } } });
    expect(plain(stickerReply.replies[0])).toContain("nhãn dán");
  });

  test("buttons in a group reply under the answer", async () => {
    const u = user();
    const g = group(-100300);
    const { replies } = await exchange(g, u, "/hoi Điều 6 quy chế vườn ươm");
    const since = fake.calls.length;
    fake.press(u, replies[0].result, buttons(replies[0]).find((b) => b.text === "Nguyên văn")!.callback_data);
    const first = await fake.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === g.id, since);
    expect(first.body.reply_parameters.message_id).toBe(replies[0].result.message_id);
  });
});

describe("inline mode", () => {
  test("offers matching units titled with their citation, as escaped HTML", async () => {
    const u = user();
    let since = fake.calls.length;
    fake.inline(u, "điều 3 qc01");
    const answer = await fake.waitFor((c) => c.method === "answerInlineQuery", since);
    const results = answer.body.results as Array<{ id: string; title: string; input_message_content: { message_text: string } }>;
    expect(results[0].title).toBe("Điều 3 — Quy chế 01/2099/QC-VƯ");
    expect(parseTelegramHtml(results[0].input_message_content.message_text)).toContain("ký hiệu <b> cho luống");

    since = fake.calls.length;
    fake.inline(u, "   ");
    expect((await fake.waitFor((c) => c.method === "answerInlineQuery", since)).body.results).toEqual([]);
  });
});

test("Telegram rejected nothing the bot sent", () => {
  expect(fake.rejected()).toEqual([]);
});
