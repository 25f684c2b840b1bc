/**
 * What the fake Bot API needs for polls and uploads: Telegram's checks on sendPoll (question
 * 1–300 characters, 2–10 options of 1–100, quiz explanation ≤ 200 characters with ≤ 2 line breaks,
 * correct_option_ids in range, open_period 5–2628000 s), and a multipart/form-data reader that
 * resolves grammY's "attach://<id>" fields to the uploaded bytes.
 */

export class BadRequest extends Error {}

/** An uploaded file as it appears in a recorded call's body. */
export interface Upload {
  file_name: string;
  data: Buffer;
}

const optionText = (o: unknown) => (typeof o === "string" ? o : (o as { text?: unknown })?.text);

/** Throws the Bot API's error for a sendPoll Telegram would refuse. */
export function checkPoll(body: Record<string, any>): void {
  const { question, options, type, correct_option_ids, explanation, open_period } = body;
  if (typeof question !== "string" || question.length < 1 || question.length > 300) throw new BadRequest("Bad Request: POLL_QUESTION_INVALID");
  if (!Array.isArray(options) || options.length < 2 || options.length > 10) throw new BadRequest("Bad Request: POLL_ANSWERS_INVALID");
  for (const o of options) {
    const text = optionText(o);
    if (typeof text !== "string" || text.length < 1 || text.length > 100) throw new BadRequest("Bad Request: POLL_ANSWER_INVALID");
  }
  if (type === "quiz") {
    const ids = correct_option_ids;
    if (!Array.isArray(ids) || !ids.length || ids.some((i) => !Number.isInteger(i) || i < 0 || i >= options.length))
      throw new BadRequest("Bad Request: wrong correct option ids specified");
  }
  if (explanation !== undefined) {
    if (typeof explanation !== "string" || explanation.length > 200) throw new BadRequest("Bad Request: POLL_EXPLANATION_TOO_LONG");
    if ((explanation.match(/\n/g) ?? []).length > 2) throw new BadRequest("Bad Request: POLL_EXPLANATION_INVALID");
  }
  if (open_period !== undefined && (!Number.isInteger(open_period) || open_period < 5 || open_period > 2628000))
    throw new BadRequest("Bad Request: POLL_OPEN_PERIOD_INVALID");
}

/** The poll of the Message sendPoll returns. */
export function sentPoll(id: string, body: Record<string, any>) {
  return {
    id,
    question: body.question,
    options: body.options.map((o: unknown, i: number) => ({ persistent_id: String(i), text: optionText(o), voter_count: 0 })),
    total_voter_count: 0,
    is_closed: false,
    is_anonymous: body.is_anonymous ?? true,
    type: body.type ?? "regular",
    allows_multiple_answers: false,
    allows_revoting: false,
    members_only: false,
    ...(body.type === "quiz" ? { correct_option_ids: body.correct_option_ids, explanation: body.explanation } : {}),
    ...(body.open_period ? { open_period: body.open_period } : {}),
  };
}

/** A multipart/form-data body (grammY uploads): fields as Telegram reads them, files in place of "attach://" values. */
export function parseMultipart(bytes: Buffer, contentType: string): Record<string, any> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new BadRequest("Bad Request: multipart boundary missing");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Record<string, any> = {};
  const files = new Map<string, Upload>();
  let at = bytes.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = bytes.indexOf(delimiter, start);
    if (next < 0) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = bytes.subarray(start, next).subarray(2, -2);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0) {
      const head = part.subarray(0, split).toString("utf8");
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
      const fileName = /filename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(head);
      if (fileName) files.set(name, { file_name: fileName[1] ?? fileName[2], data: Buffer.from(content) });
      else {
        const value = content.toString("utf8");
        // Numbers, booleans and objects come as their JSON text.
        fields[name] = /^(?:[[{]|-?\d+$|true$|false$)/.test(value) ? JSON.parse(value) : value;
      }
    }
    at = next;
  }
  for (const [k, v] of Object.entries(fields)) {
    const attached = typeof v === "string" && v.startsWith("attach://") ? files.get(v.slice("attach://".length)) : undefined;
    if (attached) fields[k] = attached;
  }
  return fields;
}
