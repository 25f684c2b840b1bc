/**
 * A real, throw-away redis-server for tests: 127.0.0.1, a free port, no persistence. Tests that
 * need it skip with a clear message when redis-server is not installed (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./instances.js";

export const redisInstalled = spawnSync("redis-server", ["--version"]).status === 0;
if (!redisInstalled) console.warn("[skip] redis-server not installed (apt-get install -y redis-server): Redis tests are skipped");

export class RedisServer {
  private proc?: ChildProcess;

  /** `dataDir`: keep the data there (append-only file, every write synced), so a restart has it back. */
  private constructor(
    readonly port: number,
    private readonly dataDir?: string,
  ) {}

  static async start(opts: { dataDir?: string } = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), opts.dataDir);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server on the same port; resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.proc) throw new Error("redis-server already running");
    const persistence = this.dataDir ? ["--dir", this.dataDir, "--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
    const proc = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", ...persistence], { stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    let out = "";
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("Ready to accept connections")) resolve();
      });
      proc.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
    });
    proc.stdout!.resume();
  }

  /** kill -9: the server vanishes as in a crash; connections drop. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL");
    await exited;
  }

  /** Ids of the updates every inbox queue holds: stored, not yet removed as handled. */
  async inboxIds(): Promise<Set<string>> {
    const redis = new Redis(this.url, { lazyConnect: true });
    try {
      await redis.connect();
      const ids = new Set<string>();
      for (const key of await redis.keys("inbox:*")) if ((await redis.type(key)) === "hash") for (const id of await redis.hkeys(key)) ids.add(id);
      return ids;
    } finally {
      redis.disconnect();
    }
  }

  stop(): Promise<void> {
    return this.kill();
  }
}
