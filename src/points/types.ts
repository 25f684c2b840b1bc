/** Talking points (dàn ý tuyên truyền): structured data that the CLI, chats and exports render. */
import type { Citation } from "../model/citation.js";
import type { Role } from "./roles.js";

export const AUDIENCES = ["đảng viên", "cán bộ lãnh đạo", "đoàn viên thanh niên", "nhân dân"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How much of the document each point quotes: its sentence, its unit, or the unit at length. */
export const LENGTHS = ["ngan", "vua", "dai"] as const;
export type Length = (typeof LENGTHS)[number];

export const MIN_POINTS = 3;
export const MAX_POINTS = 7;
export const DEFAULT_POINTS = 5;

export interface TalkingPoint {
  /** What to say: offline, the document's own sentence (only case and end punctuation adjusted). */
  statement: string;
  /** Supporting words, a verbatim substring of the cited unit's full text. */
  quote: string;
  /** Where the point comes from; `citation.quote` equals `quote`. */
  citation: Citation;
  /** Its place in the argument: why → what → who does what → what we ask (points come in this order). */
  role?: Role;
}

export interface TalkingPoints {
  topic: string;
  title: string;
  audience: Audience;
  points: TalkingPoint[];
  /** Tasks or calls to action found among the retrieved passages, each sentence cited. */
  closing?: { statement: string; citations: Citation[] };
  /** Opening words for the audience (printed outline). */
  opening?: string;
  /** What we ask of the audience, in closing (printed outline). */
  appeal?: string;
  /** Documents the points come from, by full name, number and date, in order of first use. */
  sources: Array<{ docId: string; label: string; fullName: string }>;
  /** Set (and `points` empty) when the documents do not support the topic. */
  notEnoughBasis?: string;
  /** Vietnamese remarks to show with the outline (fewer points than asked, comparison not done). */
  notices: string[];
  mode: "extractive" | "llm";
}

export interface PointsOptions {
  audience?: Audience;
  /** Number of points wanted, 3–7; a count in the topic ("5 ý chính") is used when absent. */
  count?: number;
  length?: Length;
  /** Restrict to these documents (ids); otherwise documents named in the topic, else all. */
  docIds?: string[];
}

/** Verdict shown when the documents do not cover a topic; channels may match on it. */
export const NOT_ENOUGH_BASIS = "Không đủ căn cứ trong văn bản đã nạp";
