/**
 * Checks the options a person types (CLI flags, chat command arguments): accented or not, any case.
 * Errors are bilingual sentences ready to show.
 */
import { foldKey } from "../text/normalize.js";
import { AUDIENCES, LENGTHS, MAX_POINTS, MIN_POINTS, type Audience, type Length } from "./types.js";

export class PointsOptionError extends Error {}

const AUDIENCE_NAMES: Record<string, Audience> = {
  "dang vien": "đảng viên",
  "can bo lanh dao": "cán bộ lãnh đạo",
  "can bo": "cán bộ lãnh đạo",
  "lanh dao": "cán bộ lãnh đạo",
  "doan vien thanh nien": "đoàn viên thanh niên",
  "doan vien": "đoàn viên thanh niên",
  "thanh nien": "đoàn viên thanh niên",
  "nhan dan": "nhân dân",
  "nguoi dan": "nhân dân",
};

const LENGTH_NAMES: Record<string, Length> = { ngan: "ngan", short: "ngan", vua: "vua", medium: "vua", dai: "dai", long: "dai" };

function key(value: string): string {
  return foldKey(value).replace(/[^a-z0-9]+/g, " ").trim();
}

export function parseAudience(value: string): Audience {
  const a = AUDIENCE_NAMES[key(value)];
  if (!a) throw new PointsOptionError(`Đối tượng «${value}» không hợp lệ; chọn một trong: ${AUDIENCES.join(", ")} (unknown audience).`);
  return a;
}

export function parseCount(value: string | number): number {
  const n = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < MIN_POINTS || n > MAX_POINTS)
    throw new PointsOptionError(`Số ý phải là số nguyên từ ${MIN_POINTS} đến ${MAX_POINTS}, không phải «${value}» (count must be ${MIN_POINTS}–${MAX_POINTS}).`);
  return n;
}

export function parseLength(value: string): Length {
  const l = LENGTH_NAMES[key(value)];
  if (!l) throw new PointsOptionError(`Độ dài «${value}» không hợp lệ; chọn: ${LENGTHS.join(", ")} (ngắn, vừa, dài) (unknown length).`);
  return l;
}
