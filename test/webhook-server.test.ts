/** The shared webhook server survives malformed and oversized requests sent over real sockets. */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookServer } from "../src/channels/webhooks.js";
import { createLogger } from "../src/log.js";

/** Sends raw bytes and returns the status line the server answered with ("" when it just closed). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.on("data", (d) => (reply += d.toString("latin1")));
    socket.on("end", () => resolve(reply.split("\r\n")[0] ?? ""));
    socket.on("close", () => resolve(reply.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
    socket.write(request);
  });
}

describe("webhook server under malformed requests", () => {
  const server = new WebhookServer(0, createLogger("silent"));
  let port = 0;
  let handled = 0;
  beforeAll(async () => {
    server.route("/telegram", (_req, res) => {
      handled++;
      res.writeHead(200).end("ok");
    });
    server.route("/boom", () => {
      throw new Error("handler bug");
    });
    port = (await server.listen("127.0.0.1"))!;
  });
  afterAll(() => server.close());

  const ugly: Array<[string, string]> = [
    ["double slash", "POST // HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"],
    ["bracket authority", "POST //[/../telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"],
    ["absolute form", "POST http://[::1/telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"],
    ["garbage request line", "\x00\x01 NOT HTTP\r\n\r\n"],
    ["huge URL", `POST /${"a".repeat(10_000)} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`],
    ["huge header", `POST /telegram HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(40_000)}\r\nConnection: close\r\n\r\n`],
    ["declared huge body", "POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n"],
    ["throwing handler", "POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"],
  ];

  it.each(ugly)("%s gets a 4xx/5xx and the server lives", async (_name, request) => {
    const status = await raw(port, request);
    expect(status === "" || /^HTTP\/1\.1 [45]\d\d/.test(status)).toBe(true);
    const before = handled;
    const ok = await raw(port, "POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    expect(ok).toMatch(/^HTTP\/1\.1 200/);
    expect(handled).toBe(before + 1);
  });

  it("answers 400 to a malformed path and 404 to an unknown one", async () => {
    expect(await raw(port, "POST //[/../telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).toMatch(/ 40[04] /);
    expect(await raw(port, "GET /telegram HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/ 404 /);
  });
});
