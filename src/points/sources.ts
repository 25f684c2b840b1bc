/**
 * Sources by full name, number and date, as a list of references is written: "Luật Thanh tra số
 * 84/2025/QH15 ngày 25/6/2025"; "Chỉ thị số 299/TTg ngày 10/11/1980 của Phủ Thủ tướng về …".
 */
import type { DocMeta } from "../model/document.js";

/** "25/6/2025" from "2025-06-25"; a bare year stays a year. */
export function viDate(iso: string | undefined): string | undefined {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : iso;
}

export function fullName(meta: DocMeta): string {
  const title = meta.title.trim();
  const date = viDate(meta.date);
  const number = meta.number ? ` số ${meta.number}` : "";
  const when = date ? (/^\d{4}$/.test(date) ? ` năm ${date}` : ` ngày ${date}`) : "";
  // A title that is a subject ("về công tác …") follows the number, date and issuer; a name ("Thanh tra") follows the kind.
  if (/^(?:về|quy định|hướng dẫn)\s/iu.test(title) || !title) {
    const issuer = meta.issuer ? ` của ${meta.issuer}` : "";
    return `${meta.kind}${number}${when}${issuer}${title ? ` ${title}` : ""}`;
  }
  const name = title.toLowerCase().startsWith(meta.kind.toLowerCase()) ? title : `${meta.kind} ${title.charAt(0).toUpperCase()}${title.slice(1)}`;
  return `${name}${number}${when}`;
}
