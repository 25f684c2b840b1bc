/**
 * Configuration from the environment, validated once. Every variable is listed in .env.example.
 * Invalid values stop start-up with a message naming the variable, never a silent default.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));
const list = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
const optional = z.string().optional().transform((v) => (v ? v : undefined));

const schema = z.object({
  CORPUS_DIR: z.string().default("corpus"),
  INDEX_DIR: z.string().default("data/index"),
  STORE_PATH: z.string().default("data/hoivanban.db"),
  REDIS_URL: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_QUESTIONS: bool.default(false),
  /** Keep the text (only) of questions the documents could not answer, for /chuatraloi. */
  LOG_UNANSWERED: bool.default(true),
  /** Largest file accepted by ingest and chat uploads, in megabytes. */
  MAX_FILE_MB: z.coerce.number().positive().default(20),
  /** Heap of the child process that reads one untrusted file (a bomb costs it, not the bot). */
  PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(768),
  /** Longest time reading one file may take. */
  PARSE_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
  /** OCR of scanned PDF pages during ingest (tesseract.js, model from npm). */
  OCR: bool.default(true),
  /** Tesseract language codes joined by "+", each installed as @tesseract.js-data/<code>. */
  OCR_LANG: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/, "language codes such as vie or vie+eng").default("vie"),

  EMBEDDER: z.enum(["corpus", "hashing", "openai", "none"]).default("none"),
  EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  /** Weight of vector similarity beside lexical scores; default 0.3 with a model, 0.1 with corpus vectors, 0 otherwise. */
  VECTOR_WEIGHT: z.coerce.number().min(0).max(5).optional(),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  LLM_MODEL: optional,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  /** Longest model answer in tokens (cost bound; answers are a few sentences). */
  LLM_MAX_TOKENS: z.coerce.number().int().positive().default(800),
  /** Never send document text to any endpoint, whatever else is configured. */
  OFFLINE_ONLY: bool.default(false),

  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: z.string().url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
  TELEGRAM_WEBHOOK_URL: optional,
  TELEGRAM_WEBHOOK_SECRET: optional,

  ZALO_BOT_TOKEN: optional,
  ZALO_API_ROOT: z.string().url().default("https://bot-api.zaloplatforms.com"),
  ZALO_MODE: z.enum(["polling", "webhook"]).default("polling"),
  ZALO_WEBHOOK_URL: optional,
  ZALO_WEBHOOK_SECRET: optional,
  /** The Zalo bot's display name, as members tag it in groups (@tên); else getMe's, else the product name. */
  ZALO_BOT_NAME: optional,
  /** Messages the Zalo bot may send a month (free plan: 3,000); 0 for no cap. */
  ZALO_MONTHLY_MESSAGES: z.coerce.number().int().min(0).default(3000),

  /** Port of the HTTP server that receives webhooks (Telegram and Zalo share it). */
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Questions per user per minute before the polite slow-down message. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** How long a chat's last answer stays the subject of follow-up questions. */
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().default(30),
  ACCESS_MODE: z.enum(["open", "restricted"]).default("open"),
  ALLOWED_CHATS: list.default([]),
  ADMIN_IDS: list.default([]),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads ./.env when present; variables already set in the environment win. */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as left in a copied .env.example) means "use the default".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.TELEGRAM_MODE === "webhook" && c.TELEGRAM_BOT_TOKEN && !c.TELEGRAM_WEBHOOK_SECRET)
    throw new ConfigError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET");
  if (c.ZALO_MODE === "webhook" && c.ZALO_BOT_TOKEN && (!c.ZALO_WEBHOOK_SECRET || c.ZALO_WEBHOOK_SECRET.length < 8))
    throw new ConfigError("ZALO_MODE=webhook needs ZALO_WEBHOOK_SECRET of 8–256 characters");
  return { ...c, CORPUS_DIR: path.resolve(c.CORPUS_DIR), INDEX_DIR: path.resolve(c.INDEX_DIR), STORE_PATH: path.resolve(c.STORE_PATH) };
}
