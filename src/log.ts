/** Structured logs (pino) on stderr, so stdout stays for answers and reports. */
import { pino, type Logger } from "pino";

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

/** How every error is logged, whichever platform or library it comes from. */
export interface ErrorSummary {
  name: string;
  message: string;
  /** The platform method that failed (sendMessage, getUpdates …). */
  method?: string;
  /** The platform's error code or HTTP status. */
  code?: number;
}

/**
 * An error as a log line may hold it: kind, method, code and message, never the request behind it
 * (a failed Bot API call carries its whole payload: chat id and the answer's text).
 */
export function errorSummary(err: unknown): ErrorSummary {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const e = err as Error & { method?: unknown; error_code?: unknown; code?: unknown };
  const code = typeof e.error_code === "number" ? e.error_code : typeof e.code === "number" ? e.code : undefined;
  return { name: e.name, message: e.message, ...(typeof e.method === "string" ? { method: e.method } : {}), ...(code !== undefined ? { code } : {}) };
}

export type { Logger };
