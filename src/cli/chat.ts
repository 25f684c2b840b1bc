/** The terminal channel: one question (`ask`) or an interactive conversation (`chat`). */
import readline from "node:readline";
import type { Engine } from "../engine/engine.js";
import type { Focus } from "../engine/types.js";
import { planAnswer } from "../render/plan.js";
import { renderText } from "../render/text.js";

export async function askOnce(engine: Engine, question: string, json: boolean): Promise<void> {
  const result = await engine.ask(question);
  console.log(json ? JSON.stringify(result, null, 1) : renderText(planAnswer(result)));
  if (result.status === "invalid") process.exitCode = 2;
}

export async function chatLoop(engine: Engine): Promise<void> {
  const loaded = engine.catalog().filter((c) => c.loaded).length;
  console.log(`Hỏi Văn Bản — ${loaded} văn bản đã nạp. Gõ câu hỏi rồi Enter; "thoát" hoặc Ctrl+D để kết thúc.`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let focus: Focus | undefined;
  rl.setPrompt("\n❓ ");
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (/^(thoat|thoát|exit|quit)$/i.test(q)) break;
    if (q) {
      const result = await engine.ask(q, { focus });
      focus = result.focus ?? focus;
      console.log(renderText(planAnswer(result)));
    }
    rl.prompt();
  }
  rl.close();
}
