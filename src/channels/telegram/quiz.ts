/**
 * Quizzes on Telegram: each question is a native quiz poll (Telegram marks right and wrong, shows
 * the explanation with its source, and closes the poll when the question's time is up); votes
 * come back as poll_answer updates, scored by the shared ChatQuiz; the leaderboard is a message.
 */
import { Composer, type Api } from "grammy";
import type { User } from "grammy/types";
import type { QuizPresenter } from "../../chat/quiz-runner.js";
import { quizTexts } from "../../chat/texts.js";
import { leaderboardText, pollParams, TELEGRAM_LIMITS } from "../../quiz/index.js";
import { renderTelegram } from "../../render/telegram-html.js";
import type { BotContext } from "./context.js";

export function telegramQuizPresenter(api: Api): QuizPresenter {
  return {
    polls: true,
    async ask(chatId, step, seconds) {
      const p = pollParams(step.question, seconds);
      const numbered = quizTexts.pollQuestion(step.index, step.total, p.question);
      const msg = await api.sendPoll(Number(chatId), numbered.length <= TELEGRAM_LIMITS.stem ? numbered : p.question, p.options, p.other);
      return msg.poll.id;
    },
    async finished(chatId, board) {
      for (const html of renderTelegram([{ kind: "notice", text: leaderboardText(board) }]))
        await api.sendMessage(Number(chatId), html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    },
  };
}

/** "Nguyễn Văn A", else "@user", for the leaderboard. */
const displayName = (u: User) => [u.first_name, u.last_name].filter(Boolean).join(" ") || (u.username ? `@${u.username}` : String(u.id));

export const pollAnswers = new Composer<BotContext>();

pollAnswers.on("poll_answer", async (ctx) => {
  const { poll_id, user, option_ids } = ctx.pollAnswer;
  // Quiz polls are sent non-anonymous: a vote without a user is not one of ours.
  if (user) await ctx.conversation.quiz?.pollAnswer(poll_id, String(user.id), displayName(user), option_ids);
});
