/**
 * Quizzes on Zalo, which has no polls: each question is a text with its options lettered A–D
 * (answered by typing the letter, scored in ZaloBot through ChatQuiz.answer), the answer and its
 * source are revealed when the time is up, and the leaderboard closes the quiz.
 */
import type { QuizPresenter } from "../../chat/quiz-runner.js";
import { leaderboardText, questionText, revealText } from "../../quiz/index.js";
import { renderReply } from "./render.js";
import type { ZaloSender } from "./send.js";

export function zaloQuizPresenter(sender: Pick<ZaloSender, "send">): QuizPresenter {
  const send = async (chatId: string, text: string) => {
    await sender.send(chatId, renderReply({ blocks: [{ kind: "notice", text }], actions: [] }));
  };
  return {
    polls: false,
    async ask(chatId, step, seconds) {
      await send(chatId, questionText(step.question, step.index, step.total, seconds));
      return undefined;
    },
    reveal: (chatId, q) => send(chatId, revealText(q)),
    finished: (chatId, board) => send(chatId, leaderboardText(board)),
  };
}
