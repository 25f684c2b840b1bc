/**
 * Quizzes on Zalo, which has no polls: each question is a text with its options lettered A–D
 * (answered by typing the letter, scored in ZaloBot through ChatQuiz.answer), the answer and its
 * source are revealed when the time is up, and the leaderboard closes the quiz. In a group a
 * typed letter reaches the bot only as a reply to it or with its @mention, so each question there
 * says how to answer.
 */
import type { QuizPresenter } from "../../chat/quiz-runner.js";
import { leaderboardText, questionText, revealText } from "../../quiz/index.js";
import { renderReply } from "./render.js";
import type { ZaloSender } from "./send.js";
import { zaloTexts } from "./texts.js";

/** `groupName(chatId)`: the bot's name when the chat is a group, else undefined. */
export function zaloQuizPresenter(sender: Pick<ZaloSender, "send">, groupName: (chatId: string) => string | undefined = () => undefined): QuizPresenter {
  const send = async (chatId: string, text: string) => {
    await sender.send(chatId, renderReply({ blocks: [{ kind: "notice", text }], actions: [] }));
  };
  return {
    polls: false,
    async ask(chatId, step, seconds) {
      const name = groupName(chatId);
      const text = questionText(step.question, step.index, step.total, seconds);
      await send(chatId, name ? `${text}\n${zaloTexts.groupAnswer(name)}` : text);
      return undefined;
    },
    reveal: (chatId, q) => send(chatId, revealText(q)),
    finished: (chatId, board) => send(chatId, leaderboardText(board)),
  };
}
