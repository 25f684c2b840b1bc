/**
 * Runs jobs one after another per chat and concurrently across chats: a chat's replies keep the
 * order of its messages ("nguyên văn 1" needs the answer before it), while one slow chat never
 * holds up the others. A failing job is reported and never blocks the jobs after it.
 */
export class ChatQueue {
  private tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Queues a job; the promise settles when it has run (its failure already reported). */
  run(chatId: string, job: () => Promise<void>): Promise<void> {
    const next: Promise<void> = (this.tails.get(chatId) ?? Promise.resolve())
      .then(job)
      .catch(this.onError)
      .finally(() => {
        if (this.tails.get(chatId) === next) this.tails.delete(chatId);
      });
    this.tails.set(chatId, next);
    return next;
  }

  /** Resolves once every queued job has finished (graceful stop). */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all(this.tails.values());
  }
}
