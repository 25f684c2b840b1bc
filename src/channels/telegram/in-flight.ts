/** Updates being answered, so shutdown can wait for them (webhook mode answers after acknowledging). */
import type { Logger } from "../../log.js";

export class InFlight {
  private pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Tracks work; its failure is logged here (handlers have their own error boundary). */
  track(work: Promise<void>): Promise<void> {
    const p = work.catch((err: unknown) => this.log.error({ err }, "telegram update failed")).finally(() => this.pending.delete(p));
    this.pending.add(p);
    return p;
  }

  /** Resolves when everything tracked so far (and started meanwhile) is done. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }
}
