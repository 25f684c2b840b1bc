/**
 * The conversation as the channels run it: talking points and quizzes on, each with the LLM writer
 * the configuration asks for (wording only; every point and question is still verified).
 */
import type { Config } from "../config/env.js";
import type { Engine } from "../engine/engine.js";
import type { Logger } from "../log.js";
import { pointsWriterFromConfig } from "../points/index.js";
import { quizWriterFromConfig } from "../quiz/index.js";
import type { Store } from "../store/store.js";
import { Conversation } from "./conversation.js";
import { ChatPoints } from "./points.js";
import { ChatQuiz } from "./quiz.js";
import type { AdminService } from "./types.js";

export interface ConversationSetup {
  engine: Engine;
  config: Config;
  store: Store;
  log: Logger;
  /** Uploads and admin commands; absent where nobody administers (the terminal). */
  admin?: AdminService;
}

export function createConversation({ engine, config, store, log, admin }: ConversationSetup): Conversation {
  const points = new ChatPoints(engine, pointsWriterFromConfig(config, log));
  const quiz = new ChatQuiz({ engine, store, log, writer: quizWriterFromConfig(config, log) });
  return new Conversation({ engine, store, log, config, admin, points, quiz });
}
