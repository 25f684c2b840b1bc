/**
 * One rate limit for every way of asking, against a real `main.ts start`: a user who asked once
 * (RATE_LIMIT_PER_MINUTE=5) and then presses «Nguyên văn» 300 times, in a group, gets at most the
 * rest of the minute's allowance of full texts and a toast for the rest — nothing more posted into
 * the group; inline queries beyond the limit get no results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeTelegram, type FakeCall } from "./fakes/telegram-server.js";
import { pollingEnv, startInstance, type Instance } from "./helpers/instances.js";
import { until } from "./helpers/wait.js";

const LIMIT = 5;

describe("rate limits count messages, button presses and inline queries alike", () => {
  let corpus: ChatCorpus;
  let fake: FakeTelegram;
  let bot: Instance;

  beforeAll(async () => {
    [corpus, fake] = await Promise.all([buildChatCorpus(), new FakeTelegram().start()]);
    bot = await startInstance(pollingEnv(fake, corpus, { RATE_LIMIT_PER_MINUTE: String(LIMIT) }));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    corpus?.cleanup();
  });

  it("300 «Nguyên văn» presses in a group send at most the allowance; the rest get a toast", async () => {
    const group = { id: -100777, type: "supergroup" as const, title: "Chi bộ thử nghiệm" };
    const presser = { id: 808080, is_bot: false, first_name: "Người bấm" };
    const since = fake.calls.length;
    fake.send({ chat: group, from: presser, text: `@${fake.botInfo.username} Điều 6 quy chế vườn ươm` });
    const answer = await fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === group.id && c.body.reply_markup, since, 30_000);
    const full = answer.body.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith("Nguyên văn"));
    expect(full).toBeDefined();
    const pressed = fake.calls.length;
    for (let i = 0; i < 300; i++) fake.press(presser, answer.result, full.callback_data);
    const answered = () => fake.calls.slice(pressed).filter((c: FakeCall) => c.method === "answerCallbackQuery");
    await until(() => answered().length >= 300, "every press answered", 60_000);
    // The question used one of the five: four presses served, each posting the article (which
    // takes two messages); the other 296 answered with a toast only the presser sees.
    const served = answered().filter((c) => !c.body.text);
    expect(served).toHaveLength(LIMIT - 1);
    expect(answered().filter((c) => /Bạn hỏi hơi nhanh/.test(c.body.text ?? ""))).toHaveLength(300 - (LIMIT - 1));
    const posted = fake.calls.slice(pressed).filter((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === group.id);
    expect(posted.length).toBe(2 * (LIMIT - 1));
  }, 90_000);

  it("inline queries beyond the limit get no results", async () => {
    const user = { id: 909090, is_bot: false, first_name: "Người tra" };
    const since = fake.calls.length;
    for (let i = 0; i < 20; i++) fake.inline(user, `tưới cây lần ${i}`);
    const answers = () => fake.calls.slice(since).filter((c) => c.method === "answerInlineQuery");
    await until(() => answers().length >= 20, "every inline query answered", 60_000);
    expect(answers().filter((c) => c.body.results.length > 0).length).toBeLessThanOrEqual(LIMIT);
    expect(answers().filter((c) => c.body.results.length > 0).length).toBeGreaterThan(0);
  }, 90_000);
});
