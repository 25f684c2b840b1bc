/**
 * `npm run eval --answers`: answer accuracy and citation precision against a configured endpoint,
 * "not run" offline; the retrieval figures stay the last line of output either way.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runEval } from "../src/cli/eval.js";
import { loadConfig } from "../src/config/env.js";
import { FakeOpenAIServer } from "./fakes/openai-server.js";
import { FIXTURE_DOC, llmConfig, makeCorpus } from "./fakes/llm-corpus.js";

const QUESTIONS = [
  { id: "t-1", question: "Thời hạn mượn sách tối đa là bao lâu?", relevant: [{ doc: FIXTURE_DOC, article: "3" }], answer: "14 ngày" },
  { id: "t-2", question: "Học sinh dưới 12 tuổi mượn sách có phải có cha mẹ ký vào phiếu mượn không?", relevant: [{ doc: FIXTURE_DOC, article: 2 }], answer: "Có" },
  // A wrong gold answer and article, so that both figures have something to miss.
  { id: "t-3", question: "Thủ thư trực tủ sách vào lúc nào?", relevant: [{ doc: FIXTURE_DOC, article: "6" }], answer: "sáng Chủ nhật" },
  { id: "t-4", question: "Bạn đọc làm mất sách phải bồi thường thế nào?", relevant: [{ doc: FIXTURE_DOC, article: "4" }] },
];

let fake: FakeOpenAIServer;
let dirs: ReturnType<typeof makeCorpus>;
let questions: string;

beforeAll(async () => {
  fake = await new FakeOpenAIServer().start();
  dirs = makeCorpus();
  questions = path.join(dirs.root, "questions.jsonl");
  writeFileSync(questions, QUESTIONS.map((q) => JSON.stringify(q)).join("\n") + "\n");
});

afterAll(async () => {
  await fake.stop();
  rmSync(dirs.root, { recursive: true, force: true });
});

async function printed(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe("eval --answers", () => {
  it('offline: "not run", retrieval JSON still last', async () => {
    const lines = await printed(() => runEval(loadConfig({ LOG_LEVEL: "silent" }), { corpus: dirs.corpus, questions, answers: true }));
    expect(lines).toContain("answer mode: not run (no LLM configured)");
    const last = JSON.parse(lines.at(-1)!);
    expect(last).toMatchObject({ n: 4, r1: expect.any(Number), mrr10: expect.any(Number) });
    expect(fake.chatRequests).toHaveLength(0);
  });

  it("with an endpoint: accuracy and citation precision over questions with a gold answer", async () => {
    fake.script = (req) => {
      const user = req.messages[1].content;
      if (user.includes("Thời hạn mượn sách"))
        return { content: JSON.stringify({ sentences: [{ text: "Bạn đọc được mượn sách tối đa 14 ngày kể từ ngày mượn.", sources: [1] }] }) };
      if (user.includes("Học sinh dưới 12 tuổi"))
        return { content: JSON.stringify({ sentences: [{ text: "Có, học sinh dưới 12 tuổi mượn sách phải có cha mẹ ký vào phiếu mượn.", sources: [1] }] }) };
      // Otherwise the first passage, copied: a supported answer that misses the (wrong) gold.
      const first = user.match(/<passage id="1"[^>]*>\n([\s\S]*?)\n<\/passage>/)![1];
      return { content: JSON.stringify({ sentences: [{ text: first, sources: [1] }] }) };
    };
    const config = llmConfig(fake.baseURL, { LOG_LEVEL: "silent" });
    const lines = await printed(() => runEval(config, { corpus: dirs.corpus, questions, answers: true }));
    const line = lines.find((l) => l.startsWith("answer mode: "))!;
    const figures = JSON.parse(line.slice("answer mode: ".length));
    expect(figures).toMatchObject({ model: "fake-model", n: 3, llm: 3, accuracy: 0.6667, citation_precision: 0.6667, tokens: 480 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ n: 4 });
    expect(lines.indexOf(line)).toBeLessThan(lines.length - 1);
  });
});
