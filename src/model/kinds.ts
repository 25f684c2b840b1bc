/**
 * Kinds of Vietnamese documents, in one place: header parsing, layout detection, references inside
 * a text, document names in questions and talking-points requests all derive their lists from it.
 */

export interface DocumentKind {
  /** As written in titles and citations: "Nghị định", "Chỉ thị". */
  name: string;
  /** Divided into articles (Điều): state legal documents, Party regulations and rules. */
  articles?: true;
  /** Issued under a capitalised kind line with narrative sections (Party and office documents). */
  directive?: true;
  /** Its title is a proper name ("Luật Đất đai"), so its first letter stays capital. */
  namedTitle?: true;
  /** Also an everyday word that opens an article's title ("Điều 7 Báo cáo thống kê"). */
  commonWord?: true;
  /** Abbreviations people type, folded ("nd 73", "ct 34"). */
  abbreviations?: readonly string[];
}

/** Every kind the documents are issued as; longer names first, so "Thông tư liên tịch" wins over "Thông tư". */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { name: "Văn bản hợp nhất", articles: true },
  { name: "Thông tư liên tịch", articles: true },
  { name: "Nghị quyết liên tịch", articles: true },
  { name: "Bộ luật", articles: true, namedTitle: true, abbreviations: ["bl"] },
  { name: "Luật", articles: true, namedTitle: true },
  { name: "Pháp lệnh", articles: true, namedTitle: true },
  { name: "Hiến pháp", articles: true, namedTitle: true },
  { name: "Nghị định", articles: true, abbreviations: ["nd"] },
  { name: "Nghị quyết", articles: true, directive: true, abbreviations: ["nq"] },
  { name: "Thông tư", articles: true, abbreviations: ["tt"] },
  { name: "Quyết định", articles: true, directive: true, abbreviations: ["qd"] },
  { name: "Chỉ thị", directive: true, abbreviations: ["ct"] },
  { name: "Quy định", articles: true, directive: true, commonWord: true, abbreviations: ["qd"] },
  { name: "Quy chế", articles: true, directive: true },
  { name: "Kết luận", directive: true, commonWord: true, abbreviations: ["kl"] },
  { name: "Hướng dẫn", directive: true, commonWord: true, abbreviations: ["hd"] },
  { name: "Công văn", directive: true, abbreviations: ["cv"] },
  { name: "Thông báo", directive: true, commonWord: true },
  { name: "Thông tri", directive: true },
  { name: "Kế hoạch", directive: true, commonWord: true },
  { name: "Chương trình", directive: true, commonWord: true },
  { name: "Đề án", directive: true, commonWord: true },
  { name: "Báo cáo", directive: true, commonWord: true },
  { name: "Tờ trình", directive: true, commonWord: true },
  { name: "Lệnh" },
];

/**
 * Names met only in references to other texts ("Điều 3 Công ước …", "Văn bản này"): treaties the
 * documents cite, and the generic word for a document.
 */
export const REFERENCED_KINDS: readonly string[] = ["Văn bản", "Công ước", "Hiệp định", "Điều ước"];

/** Names of the kinds that have `flag`, in list order. */
export function kindNames(flag?: Exclude<keyof DocumentKind, "name" | "abbreviations">): string[] {
  return DOCUMENT_KINDS.filter((k) => !flag || k[flag]).map((k) => k.name);
}
