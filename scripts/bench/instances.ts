/**
 * Scale-out load benchmark: answers per second and latency with 1, 2 and 4 bot instances, each a
 * real `main.ts start` process in Telegram webhook mode, sharing one real redis-server (sessions,
 * rate limits, update de-duplication) and one index. Updates are POSTed to the instances round-
 * robin, as a load balancer would; the fake Bot API runs in a worker thread and reports each
 * answer. N chats ask at once, each asking again when its answer arrived; latency runs from the
 * POST to the fake receiving the answer. Instances share this machine's cores with the driver,
 * the fake and Redis, so the gain levels off at the core count (printed with the figures).
 * `npx tsx scripts/bench/instances.ts [chats] [perChat]`.
 */
import os from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Update } from "grammy/types";
import { buildChatCorpus, SAMPLE_QUESTIONS as QUESTIONS } from "../../test/fakes/chat-corpus.js";
import { FakeTelegram } from "../../test/fakes/telegram-server.js";
import { deliver, instanceEnv, startInstance, type Instance } from "../../test/helpers/instances.js";
import { redisInstalled, RedisServer } from "../../test/helpers/redis.js";


export const INSTANCE_COUNTS = [1, 2, 4];

export interface InstancesBenchOptions {
  chats?: number;
  questionsPerChat?: number;
  counts?: number[];
}

export interface InstancesRow {
  instances: number;
  answers: number;
  seconds: number;
  answersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface InstancesBenchResult {
  cpus: number;
  chats: number;
  rows: InstancesRow[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (x: number) => Number(x.toFixed(2));

export async function runInstancesBench(o: InstancesBenchOptions = {}): Promise<InstancesBenchResult> {
  if (!redisInstalled) throw new Error("redis-server not installed (apt-get install -y redis-server)");
  const chats = o.chats ?? 64;
  const perChat = o.questionsPerChat ?? 30;
  const [corpus, redis, fake] = await Promise.all([buildChatCorpus(), RedisServer.start(), startFakeWorker()]);
  const rows: InstancesRow[] = [];
  let nextChat = 1;
  let nextUpdate = 1;
  const ask = (port: number, chatId: number, text: string) => {
    const update = {
      update_id: nextUpdate++,
      message: { message_id: nextUpdate, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "B" }, from: { id: chatId, is_bot: false, first_name: "B" }, text },
    } as Update;
    const answered = fake.answered(chatId);
    const started = performance.now();
    return deliver(port, update).then(async (status) => {
      if (status !== 200) throw new Error(`webhook answered HTTP ${status}`);
      await answered;
      return performance.now() - started;
    });
  };
  try {
    for (const n of o.counts ?? INSTANCE_COUNTS) {
      const env = instanceEnv(fake, redis, corpus, 1_000_000);
      const instances: Instance[] = await Promise.all(Array.from({ length: n }, () => startInstance(env, { quiet: true })));
      try {
        let turn = 0;
        const port = () => instances[turn++ % n].port;
        // Warm-up, 200 questions per instance (JIT, sockets, Redis connections), so every setting is measured warm.
        await Promise.all(
          Array.from({ length: 8 * n }, async (_, c) => {
            const chat = nextChat++;
            for (let q = 0; q < 25; q++) await ask(port(), chat, QUESTIONS[(c + q) % QUESTIONS.length]);
          }),
        );
        const first = nextChat;
        nextChat += chats;
        const latencies: number[] = [];
        const started = performance.now();
        await Promise.all(
          Array.from({ length: chats }, async (_, c) => {
            for (let q = 0; q < perChat; q++) latencies.push(await ask(port(), first + c, QUESTIONS[(c + q) % QUESTIONS.length]));
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        const sorted = latencies.sort((a, b) => a - b);
        rows.push({ instances: n, answers: sorted.length, seconds: round(seconds), answersPerSecond: round(sorted.length / seconds), p50Ms: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)) });
      } finally {
        await Promise.all(instances.map((i) => i.stop()));
      }
    }
  } finally {
    await fake.close();
    await redis.stop();
    corpus.cleanup();
  }
  return { cpus: os.availableParallelism(), chats, rows };
}

interface FakeWorker {
  token: string;
  apiRoot: string;
  /** Resolves when the next message to this chat reaches the fake. */
  answered(chatId: number): Promise<void>;
  close(): Promise<void>;
}

async function startFakeWorker(): Promise<FakeWorker> {
  // Loader hooks do not reach worker threads in Node 20: the worker registers tsx itself.
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: "fake-telegram-webhooks" } });
  const ready = await new Promise<{ token: string; apiRoot: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const waiting = new Map<number, () => void>();
  worker.on("message", ({ chatId }: { chatId: number }) => {
    waiting.get(chatId)?.();
    waiting.delete(chatId);
  });
  return {
    ...ready,
    answered: (chatId) => new Promise<void>((resolve) => waiting.set(chatId, resolve)),
    close: async () => void (await worker.terminate()),
  };
}

/** The worker side: a FakeTelegram reporting every accepted sendMessage by chat. */
async function serveFake(): Promise<void> {
  const fake = await new FakeTelegram().start();
  fake.subscribe((c) => {
    if (c.method === "sendMessage" && !c.error) parentPort!.postMessage({ chatId: c.body.chat_id });
    // Calls are only counted here: drop them so a long run does not hold them all in memory.
    fake.calls.length = 0;
  });
  parentPort!.postMessage({ token: fake.token, apiRoot: fake.apiRoot });
}

/** A Markdown table of the rows. */
export function instancesTable(r: InstancesBenchResult): string {
  return [
    `${r.chats} chats asking at once, ${r.cpus} CPU cores shared by the instances, Redis, the fake Bot API and the driver.`,
    "",
    "| instances | answers | answers/s | p50 ms | p95 ms |",
    "|---|---|---|---|---|",
    ...r.rows.map((x) => `| ${x.instances} | ${x.answers} | ${x.answersPerSecond} | ${x.p50Ms} | ${x.p95Ms} |`),
  ].join("\n");
}

if (!isMainThread && workerData?.role === "fake-telegram-webhooks") await serveFake();
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [chats, perChat] = process.argv.slice(2).map(Number);
  const result = await runInstancesBench({ chats: chats || undefined, questionsPerChat: perChat || undefined });
  console.log(instancesTable(result));
  console.log(JSON.stringify(result));
}
