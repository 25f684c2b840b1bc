/**
 * Real bot instances for scale-out tests and the load benchmark: each is `src/cli/main.ts start`
 * in its own process (Telegram webhook mode, the given environment), exactly what an operator
 * runs. Updates are POSTed to an instance's webhook as Telegram would, secret header included.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { Message, Update } from "grammy/types";
import type { FakeTelegram } from "../fakes/telegram-server.js";
import path from "node:path";
import { tempDir } from "./files.js";
import { REPO_ROOT } from "./shared.js";

export const WEBHOOK_SECRET = "test-webhook-secret-123";
export const WEBHOOK_PATH = "/telegram";

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface Instance {
  port: number;
  /** Parsed JSON log lines (pino on stderr). */
  logs: Array<Record<string, any>>;
  proc: ChildProcess;
  /** SIGTERM: graceful stop, resolves on exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
}

/** The environment of an instance serving `corpus` through the fake Telegram, sharing `redis`. */
export function instanceEnv(fake: { token: string; apiRoot: string }, redis: { url: string }, corpus: { indexDir: string; corpusDir: string }, rateLimit: number): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    REDIS_URL: redis.url,
    INDEX_DIR: corpus.indexDir,
    CORPUS_DIR: corpus.corpusDir,
    RATE_LIMIT_PER_MINUTE: String(rateLimit),
  };
}

/** A long-polling instance's environment: the fake Bot API, `corpus`, an SQLite store of its own. */
export function pollingEnv(fake: { token: string; apiRoot: string }, corpus: { indexDir: string; corpusDir: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "polling",
    STORE_PATH: path.join(tempDir("hvb-store-"), "store.db"),
    INDEX_DIR: corpus.indexDir,
    CORPUS_DIR: corpus.corpusDir,
    ...extra,
  };
}

/** Starts `main.ts start` and resolves once its channels are up. */
export async function startInstance(env: Record<string, string>, opts: { quiet?: boolean } = {}): Promise<Instance> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, WEBHOOK_PORT: String(port), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "ignore", opts.quiet ? "ignore" : "pipe"],
  });
  const logs: Array<Record<string, any>> = [];
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let buffered = "";
    const fail = () => reject(new Error(`instance exited before starting: ${buffered.slice(-2000)}${logs.map((l) => JSON.stringify(l)).join("\n").slice(-2000)}`));
    proc.once("exit", fail);
    if (opts.quiet) {
      // No logs to read: ready when the webhook server answers.
      void (async () => {
        for (;;) {
          if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) {
            proc.off("exit", fail);
            return resolve();
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      return;
    }
    proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        try {
          const entry = JSON.parse(line);
          logs.push(entry);
          if (entry.msg === "channels started") {
            proc.off("exit", fail);
            resolve();
          }
        } catch {
          logs.push({ msg: line });
        }
      }
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    await exited;
  };
  return { port, logs, proc, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
}

let nextUpdateId = 1_000_000;

/** A user's private text message as a webhook update (the fake learns the chat for its replies). */
export function textUpdate(fake: FakeTelegram, userId: number, text: string, extra: Record<string, unknown> = {}): Update {
  const message: Message = fake.send({ chat: { id: userId, type: "private", first_name: "Đảng viên" }, from: { id: userId, is_bot: false, first_name: "Đảng viên" }, text, extra });
  return { update_id: nextUpdateId++, message: message as Update["message"] };
}

/** POSTs an update to an instance's webhook; resolves with the HTTP status. */
export async function deliver(port: number, update: Update, secret = WEBHOOK_SECRET): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}
