/**
 * Talking points in chat ("/dancuong"), for every channel: the outline as the shared render
 * blocks (each point with its citation), plus the DOCX and Markdown files for channels that can
 * send documents. An unsupported topic gets the "Không đủ căn cứ trong văn bản" verdict and no file.
 */
import type { Engine } from "../engine/engine.js";
import {
  buildTalkingPoints, outlineFileName, pointsToBlocks, pointsToDocx, pointsToMarkdown, PointsOptionError, type PointsWriter,
} from "../points/index.js";
import { parsePointsArgs, type PointsRequest } from "./points-options.js";
import { pointsTexts } from "./texts.js";
import type { Reply } from "./types.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MARKDOWN_MIME = "text/markdown; charset=utf-8";

const notice = (text: string): Reply => ({ blocks: [{ kind: "notice", text }], actions: [] });

export class ChatPoints {
  constructor(
    private readonly engine: Engine,
    /** With an LLM configured the wording is smoother; each point is still checked against its quote. */
    private readonly writer?: PointsWriter,
  ) {}

  /** The reply to "/dancuong <args>". */
  async reply(args: string): Promise<Reply> {
    let req: PointsRequest;
    try {
      req = parsePointsArgs(args);
    } catch (e) {
      if (e instanceof PointsOptionError) return notice(e.message);
      throw e;
    }
    if (!/[\p{L}\p{N}]/u.test(req.topic)) return notice(pointsTexts.usage);
    const tp = await buildTalkingPoints(this.engine, req.topic, { ...req.options, writer: this.writer });
    const blocks = pointsToBlocks(tp);
    if (tp.notEnoughBasis) return { blocks, actions: [] };
    return {
      blocks,
      actions: [],
      files: [
        { name: outlineFileName(tp, "docx"), data: await pointsToDocx(tp), mime: DOCX_MIME },
        { name: outlineFileName(tp, "md"), data: Buffer.from(pointsToMarkdown(tp), "utf8"), mime: MARKDOWN_MIME },
      ],
    };
  }
}
