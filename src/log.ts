/** Structured logs (pino) on stderr, so stdout stays for answers and reports. */
import { pino, type Logger } from "pino";

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export type { Logger };
