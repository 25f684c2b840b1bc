/**
 * A document message's file as the admin service sees it: name and declared size first, the bytes
 * only on demand (getFile, then the Bot API's file endpoint), so an oversized or wrongly typed
 * upload is refused without downloading it. The cloud Bot API serves files of at most 20 MB.
 */
import type { Document } from "grammy/types";
import type { UploadedFile } from "../../chat/types.js";
import type { BotContext } from "./context.js";

const DEFAULT_API_ROOT = "https://api.telegram.org";

export function uploadedFile(ctx: BotContext, doc: Document): UploadedFile {
  return {
    name: doc.file_name ?? "van-ban",
    size: doc.file_size,
    async download() {
      const file = await ctx.api.getFile(doc.file_id);
      if (!file.file_path) throw new Error("getFile returned no file_path");
      const root = ctx.api.options?.apiRoot ?? DEFAULT_API_ROOT;
      // The URL holds the token: errors below name the status only.
      const res = await fetch(`${root}/file/bot${ctx.api.token}/${file.file_path}`);
      if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
