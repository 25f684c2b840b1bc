/** The quiz feature's public surface, for channels and the CLI. */
export { generateQuiz, type FitReport, type QuizOptions } from "./generate.js";
export { quizTitle, type ScopeRequest } from "./scope.js";
export { verifyQuestion, type Verdict } from "./verify.js";
export { acceptDraft, type QuizDraft, type QuizSource, type QuizWriter } from "./writer.js";
export { quizWriterFromConfig } from "./llm.js";
export { QuizSessions, DEFAULT_QUESTION_SECONDS, RESULTS_LOG, type QuizSession, type QuizStep, type AnswerInput, type AnswerOutcome, type Leaderboard, type LeaderboardRow } from "./session.js";
export { questionText, parseAnswer, revealText, pollParams, leaderboardText, LETTERS } from "./play.js";
export { parseQuizRequest, CHAT_DEFAULT_COUNT, CHAT_MAX_COUNT, type QuizRequest } from "./request.js";
export { exportQuiz, formatForFile, EXPORT_FORMATS, type ExportFormat, type ExportedQuiz, type QuizMeta } from "./export.js";
export { KAHOOT_TIMES, ExportLimitError } from "./export-xlsx.js";
export { KAHOOT_LIMITS, TELEGRAM_LIMITS, MAX_COUNT, QuizError, type QuizKind, type QuizLimits, type QuizQuestion, type FactType } from "./types.js";
