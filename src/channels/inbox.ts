/**
 * The durable inbox between a platform and the handlers. An update is stored (SQLite or Redis,
 * the configured store) before the platform is told it arrived — the webhook's 200, the polling
 * offset — then handled from the store and removed once handled. An id seen within a day is
 * dropped: a re-delivery, or a copy that reached another instance. Each process owns what it
 * stored and keeps a heartbeat key alive; what a crashed process left (its heartbeat lapsed) is
 * claimed by a live one and handled again. So a crash can repeat an answer that was being sent,
 * never lose one.
 */
import { randomUUID } from "node:crypto";
import { DEDUPE_TTL_MS } from "../access/dedupe.js";
import { errorSummary, type Logger } from "../log.js";
import type { Store } from "../store/store.js";

/** How often a process renews its heartbeat and looks for abandoned updates. */
const SWEEP_MS = 3000;
/** A heartbeat older than this means its process is gone. */
const HEARTBEAT_TTL_MS = 4 * SWEEP_MS;
/** Abandoned updates taken per sweep. */
const SWEEP_BATCH = 1000;

export interface InboxOptions<T> {
  store: Store;
  /** One queue per channel and bot ("telegram:<bot id>"). */
  queue: string;
  log: Logger;
  handle: (update: T) => Promise<void>;
  /** Updates handled at once; `room()` waits below this. */
  concurrency?: number;
}

export class Inbox<T> {
  readonly owner = randomUUID();
  private readonly active = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: InboxOptions<T>) {}

  /**
   * Stores an update and starts handling it; resolves once it is stored (confirm it to the
   * platform then), false for a re-delivery. Rejects when the store cannot take it: do not confirm.
   */
  async receive(id: string, update: T): Promise<boolean> {
    const fresh = await this.o.store.enqueue(this.o.queue, id, update, this.owner, DEDUPE_TTL_MS);
    if (fresh) this.run(id, update);
    return fresh;
  }

  /** Resolves when fewer updates than the concurrency are being handled (polling back-pressure). */
  async room(): Promise<void> {
    const limit = this.o.concurrency ?? 200;
    while (this.active.size >= limit) await Promise.race(this.active.values());
  }

  /** Heartbeat and sweep now (updates a crash left behind), then every few seconds. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().then(() => this.sweep()), SWEEP_MS);
    this.timer.unref();
    await this.sweep();
  }

  /** Stops taking abandoned updates; resolves when every update being handled is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping;
    while (this.active.size) await Promise.all(this.active.values());
    await this.o.store.delete(this.heartbeatKey(this.owner)).catch(() => {});
  }

  private run(id: string, update: T): void {
    if (this.active.has(id)) return;
    const work = this.o
      .handle(update)
      // A failing update is logged and dropped: retrying it forever would block nothing but waste.
      .catch((err: unknown) => this.o.log.error({ err: errorSummary(err), queue: this.o.queue }, "update handler failed"))
      .then(() => this.o.store.dequeue(this.o.queue, id))
      .catch((err: unknown) => this.o.log.error({ err: errorSummary(err), queue: this.o.queue }, "could not remove a handled update from the inbox"))
      .finally(() => this.active.delete(id));
    this.active.set(id, work);
  }

  private heartbeatKey(owner: string): string {
    return `instance:${owner}`;
  }

  private async beat(): Promise<void> {
    await this.o.store.set(this.heartbeatKey(this.owner), 1, HEARTBEAT_TTL_MS).catch((err: unknown) => this.o.log.warn({ err: errorSummary(err) }, "inbox heartbeat failed"));
  }

  private sweep(): Promise<void> {
    if (this.stopped || this.sweeping) return this.sweeping ?? Promise.resolve();
    this.sweeping = this.takeAbandoned()
      .catch((err: unknown) => this.o.log.warn({ err: errorSummary(err), queue: this.o.queue }, "inbox sweep failed"))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async takeAbandoned(): Promise<void> {
    const alive = new Map<string, boolean>();
    const isAlive = async (owner: string) => {
      if (!alive.has(owner)) alive.set(owner, (await this.o.store.get(this.heartbeatKey(owner))) !== undefined);
      return alive.get(owner)!;
    };
    let taken = 0;
    for (const e of await this.o.store.pending<T>(this.o.queue, SWEEP_BATCH)) {
      if (this.stopped) return;
      if (this.active.has(e.id)) continue;
      // Ours and not being handled: handled, but its removal failed (store outage).
      if (e.owner === this.owner) {
        await this.o.store.dequeue(this.o.queue, e.id);
        continue;
      }
      if ((await isAlive(e.owner)) || !(await this.o.store.claim(this.o.queue, e.id, e.owner, this.owner))) continue;
      await this.room();
      this.run(e.id, e.value);
      taken++;
    }
    if (taken) this.o.log.info({ queue: this.o.queue, updates: taken }, "inbox: handling updates a stopped process left");
  }
}
