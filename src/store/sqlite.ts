/**
 * The embedded default store: one SQLite file in WAL mode, so a crash loses nothing committed
 * and readers never block the writer. Synchronous better-sqlite3 calls behind the async interface.
 * Private by default: the file is readable by its owner only (0600, its folder 0700), and expired
 * rows are deleted by a periodic sweep, not merely hidden.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { keyMentions, recordMentions, type PendingEntry, type Store } from "./store.js";

/** How often expired rows are deleted. */
export const SWEEP_INTERVAL_MS = 10 * 60_000;

export class SqliteStore implements Store {
  private db: Database.Database;
  private sweeper: NodeJS.Timeout;

  constructor(file: string, sweepMs = SWEEP_INTERVAL_MS) {
    if (file !== ":memory:") {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // Created private before SQLite opens it; -wal and -shm take the database file's mode.
      closeSync(openSync(file, "a", 0o600));
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    }
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, at INTEGER NOT NULL, record TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS log_name_at ON log (name, at);
      CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires > 0;
      CREATE TABLE IF NOT EXISTS inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, id TEXT NOT NULL, owner TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (queue, id));
    `);
    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  private now = () => Date.now();

  /** Deletes every expired row (chat context, counters, markers); returns how many. */
  sweep(): number {
    return this.db.prepare("DELETE FROM kv WHERE expires > 0 AND expires <= ?").run(this.now()).changes;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const row = this.db.prepare("SELECT value, expires FROM kv WHERE key = ?").get(key) as { value: string; expires: number } | undefined;
    if (!row) return undefined;
    if (row.expires && row.expires <= this.now()) {
      this.db.prepare("DELETE FROM kv WHERE key = ?").run(key);
      return undefined;
    }
    return JSON.parse(row.value) as T;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.db
      .prepare("INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires")
      .run(key, JSON.stringify(value), ttlMs ? this.now() + ttlMs : 0);
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    const tx = this.db.transaction(() => {
      this.db.prepare("DELETE FROM kv WHERE key = ? AND expires > 0 AND expires <= ?").run(key, this.now());
      return this.db.prepare("INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, ?, ?)").run(key, JSON.stringify(value), ttlMs ? this.now() + ttlMs : 0).changes === 1;
    });
    return tx();
  }

  async delete(key: string): Promise<void> {
    this.db.prepare("DELETE FROM kv WHERE key = ?").run(key);
  }

  async incr(key: string, ttlMs?: number): Promise<number> {
    const tx = this.db.transaction(() => {
      const now = this.now();
      this.db.prepare("DELETE FROM kv WHERE key = ? AND expires > 0 AND expires <= ?").run(key, now);
      this.db.prepare("INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, '0', ?)").run(key, ttlMs ? now + ttlMs : 0);
      this.db.prepare("UPDATE kv SET value = CAST(value AS INTEGER) + 1 WHERE key = ?").run(key);
      return Number((this.db.prepare("SELECT value FROM kv WHERE key = ?").get(key) as { value: string }).value);
    });
    return tx();
  }

  async append(log: string, record: object): Promise<void> {
    this.db.prepare("INSERT INTO log (name, at, record) VALUES (?, ?, ?)").run(log, this.now(), JSON.stringify(record));
  }

  async recent<T extends object>(log: string, limit: number, since = 0): Promise<Array<T & { at: number }>> {
    const rows = this.db.prepare("SELECT at, record FROM log WHERE name = ? AND at >= ? ORDER BY id DESC LIMIT ?").all(log, since, limit) as Array<{ at: number; record: string }>;
    return rows.map((r) => ({ ...(JSON.parse(r.record) as T), at: r.at }));
  }

  async enqueue<T>(queue: string, id: string, value: T, owner: string, seenTtlMs: number): Promise<boolean> {
    const tx = this.db.transaction(() => {
      const now = this.now();
      const seen = `seen:${queue}:${id}`;
      this.db.prepare("DELETE FROM kv WHERE key = ? AND expires > 0 AND expires <= ?").run(seen, now);
      if (this.db.prepare("INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, '1', ?)").run(seen, now + seenTtlMs).changes !== 1) return false;
      this.db.prepare("INSERT OR REPLACE INTO inbox (queue, id, owner, value) VALUES (?, ?, ?, ?)").run(queue, id, owner, JSON.stringify(value));
      return true;
    });
    return tx();
  }

  async pending<T>(queue: string, limit: number): Promise<Array<PendingEntry<T>>> {
    const rows = this.db.prepare("SELECT id, owner, value FROM inbox WHERE queue = ? ORDER BY seq LIMIT ?").all(queue, limit) as Array<{ id: string; owner: string; value: string }>;
    return rows.map((r) => ({ id: r.id, owner: r.owner, value: JSON.parse(r.value) as T }));
  }

  async claim(queue: string, id: string, from: string, to: string): Promise<boolean> {
    return this.db.prepare("UPDATE inbox SET owner = ? WHERE queue = ? AND id = ? AND owner = ?").run(to, queue, id, from).changes === 1;
  }

  async dequeue(queue: string, id: string): Promise<void> {
    this.db.prepare("DELETE FROM inbox WHERE queue = ? AND id = ?").run(queue, id);
  }

  async forget(id: string): Promise<number> {
    const tx = this.db.transaction(() => {
      // LIKE narrows the scan; the exact checks decide ("12" must not erase "123").
      const keys = (this.db.prepare("SELECT key FROM kv WHERE instr(key, ?) > 0").all(id) as Array<{ key: string }>).filter((r) => keyMentions(r.key, id));
      const rows = (this.db.prepare("SELECT id, record FROM log WHERE instr(record, ?) > 0").all(JSON.stringify(id)) as Array<{ id: number; record: string }>).filter((r) => recordMentions(r.record, id));
      for (const k of keys) this.db.prepare("DELETE FROM kv WHERE key = ?").run(k.key);
      for (const r of rows) this.db.prepare("DELETE FROM log WHERE id = ?").run(r.id);
      return keys.length + rows.length;
    });
    return tx();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.db.close();
  }
}
