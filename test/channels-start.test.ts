/**
 * `npm start` with both tokens: a channel that cannot start (here Telegram refuses the token)
 * is logged, and the other channel still serves members.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fakes/telegram-server.js";
import { FakeZaloServer, textUpdate } from "./fakes/zalo-server.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { startInstance, type Instance } from "./helpers/instances.js";
import { until as waitUntil } from "./helpers/wait.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const until = (cond: () => boolean, what: string, ms = 20_000) => waitUntil(cond, what, ms);

describe("starting the channels", () => {
  it("keeps Zalo answering when Telegram refuses its token", async () => {
    const corpus: ChatCorpus = await buildChatCorpus();
    cleanups.push(corpus.cleanup);
    const telegram = await new FakeTelegram().start();
    const zalo = await new FakeZaloServer().start();
    cleanups.push(() => telegram.close(), () => zalo.stop());
    const bot: Instance = await startInstance({
      TELEGRAM_BOT_TOKEN: "999:not-the-fake-servers-token",
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      CORPUS_DIR: corpus.corpusDir,
      INDEX_DIR: corpus.indexDir,
      STORE_PATH: path.join(corpus.corpusDir, "..", "store.db"),
    });
    cleanups.push(() => bot.stop());
    expect(bot.logs.some((l) => l.msg === "channel failed to start")).toBe(true);
    zalo.push(textUpdate("/start"));
    await until(() => zalo.sent.length > 0, "Zalo's reply");
    expect(zalo.sent[0].text).toContain("Xin chào");
  });
});
