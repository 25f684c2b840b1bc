/** Talking points: build an outline for a topic, then render it for chats, Markdown or DOCX. */
export { buildTalkingPoints } from "./build.js";
export { pointsToBlocks } from "./blocks.js";
export { pointsToMarkdown } from "./markdown.js";
export { pointsToDocx } from "./docx.js";
export { outlineFileName } from "./filename.js";
export { parseAudience, parseCount, parseLength, PointsOptionError } from "./options.js";
export { LlmPointsWriter, pointsWriterFromConfig } from "./llm.js";
export type { PointsWriter } from "./writer.js";
export * from "./types.js";
