/**
 * Telegram's webhook: the secret header is checked (401 otherwise, body unread), the update is
 * stored in the inbox, and only then answered 200. A store that cannot take it makes the reply a
 * 500, so Telegram delivers the update again later.
 */
import type { Update } from "grammy/types";
import type { Inbox } from "../inbox.js";
import { readBody, secretMatches, type WebhookHandler } from "../webhooks.js";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function telegramWebhook(secret: string, inbox: Inbox<Update>): WebhookHandler {
  return async (req, res) => {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== "string" || !secretMatches(given, secret)) {
      req.resume();
      return void res.writeHead(401).end();
    }
    const body = await readBody(req);
    if (!body) return void res.writeHead(413).end();
    let update: Update | undefined;
    try {
      update = JSON.parse(body.toString("utf8")) as Update;
    } catch {
      update = undefined;
    }
    if (!update || typeof update !== "object" || !Number.isSafeInteger(update.update_id)) return void res.writeHead(400).end();
    await inbox.receive(String(update.update_id), update);
    res.writeHead(200).end();
  };
}
