/**
 * The one way to ask a model (src/llm/task.ts), against a fake OpenAI-compatible server: transient
 * failures tried again only when asked and while time is left, a reply the caller cannot use never
 * retried, and one log line per task with tokens summed over attempts and the caller's context.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanMessage } from "@langchain/core/messages";
import { loadConfig } from "../src/config/env.js";
import { LlmFault } from "../src/llm/call.js";
import { chatModelFromConfig } from "../src/llm/client.js";
import { runModelTask, type ModelOptions } from "../src/llm/task.js";
import { FakeOpenAIServer, type ChatReply } from "./fakes/openai-server.js";
import { memoryLogger } from "./fakes/llm-corpus.js";

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await new FakeOpenAIServer().start();
});
afterAll(() => fake?.stop());

/** Replies in turn, the last one repeated. */
function setup(replies: ChatReply[], retries?: number) {
  let n = 0;
  fake.script = () => replies[Math.min(n++, replies.length - 1)];
  const model = chatModelFromConfig(loadConfig({ LLM_MODEL: "fake-model", OPENAI_BASE_URL: fake.baseURL }))!;
  const { log, records } = memoryLogger();
  const opts: ModelOptions = { model, modelName: "fake-model", timeoutMs: 5000, log, retries };
  const calls = () => n;
  return { opts, records, calls };
}

const task = {
  name: "summary",
  messages: [new HumanMessage("Tóm tắt quy chế mẫu.")],
  context: { docId: "qc-mau" },
  used: "summary used",
  notUsed: "summary not used",
  read: (text: string) => {
    if (!text.startsWith("Tóm tắt")) throw new LlmFault("format_ignored", "no summary");
    return { value: text, log: { chars: text.length } };
  },
};

describe("runModelTask", () => {
  it("tries a rate-limited call again when asked, summing tokens and saying how many attempts it took", async () => {
    const { opts, records, calls } = setup([{ status: 429 }, { content: "Tóm tắt: hai điều.", usage: { prompt_tokens: 10, completion_tokens: 5 } }], 2);
    const r = await runModelTask(opts, task);
    expect(r).toEqual({ ok: true, value: "Tóm tắt: hai điều.", usage: { input: 10, output: 5, total: 15 } });
    expect(calls()).toBe(2);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ msg: "summary used", llm: "summary", model: "fake-model", docId: "qc-mau", attempts: 2, chars: 18, tokens: { total: 15 } });
  });

  it("by default a failure is final: the cause is returned and logged once", async () => {
    const { opts, records, calls } = setup([{ status: 503 }, { content: "Tóm tắt: không đến." }]);
    const r = await runModelTask(opts, task);
    expect(r).toMatchObject({ ok: false, cause: "server_error" });
    expect(calls()).toBe(1);
    expect(records).toEqual([expect.objectContaining({ msg: "summary not used", cause: "server_error", docId: "qc-mau" })]);
  });

  it("a reply the caller cannot use is not asked again, and its tokens are still counted", async () => {
    const { opts, records, calls } = setup([{ content: "Xin chào!", usage: { prompt_tokens: 7, completion_tokens: 2 } }], 3);
    const r = await runModelTask(opts, task);
    expect(r).toMatchObject({ ok: false, cause: "format_ignored", usage: { input: 7, output: 2, total: 9 } });
    expect(calls()).toBe(1);
    expect(records[0]).toMatchObject({ cause: "format_ignored", tokens: { total: 9 } });
  });

  it("retries stop at the task's deadline, and a timeout is not retried", async () => {
    const hanging = setup([{ hang: true }], 5);
    expect(await runModelTask({ ...hanging.opts, timeoutMs: 300 }, task)).toMatchObject({ ok: false, cause: "timeout" });
    expect(hanging.calls()).toBe(1);
    const failing = setup([{ status: 503 }], 1_000_000);
    const started = Date.now();
    const r = await runModelTask({ ...failing.opts, timeoutMs: 300 }, task);
    // The last attempt ends with the deadline, or just before it with the server's error.
    expect(r.ok || r.cause).toMatch(/^(server_error|timeout)$/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(failing.calls()).toBeGreaterThan(1);
  });
});
