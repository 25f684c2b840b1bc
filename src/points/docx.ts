/**
 * A printable DOCX outline, written with the `docx` library, laid out as Vietnamese offices print
 * such material: the organ (left) and place and date (right) header, the title, the opening, the
 * numbered points (statement in bold, the quote indented in italics with its citation), the
 * documents' own tasks and the appeal to the audience, and the list of sources by full name.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { CLOSING_HEADING, originLine, showsQuote, sourceLabel } from "./labels.js";
import type { TalkingPoints } from "./types.js";

const NUMBERING = "talking-points";
const SOURCES = "talking-points-sources";
/** Sizes in half-points and twips, as the format counts them: 13 pt body, the usual for Party documents. */
const BODY_SIZE = 26;
const QUOTE_INDENT = 720;
/** Left blank to be written in by hand when not given. */
const BLANK_ORGAN = "………………………";
const BLANK_PLACE = "…………";

export interface PrintOptions {
  /** Issuing organ, e.g. "BAN TUYÊN GIÁO HUYỆN ỦY …" (upper case, as printed). */
  organ?: string;
  /** Place for the date line, e.g. "Hà Nội". */
  place?: string;
  date?: Date;
}

/** "Hà Nội, ngày 28 tháng 11 năm 2026". */
export function dateLine(place: string | undefined, date: Date): string {
  return `${place || BLANK_PLACE}, ngày ${date.getDate()} tháng ${date.getMonth() + 1} năm ${date.getFullYear()}`;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

function header(opts: PrintOptions): Table {
  const cell = (children: Paragraph[]) =>
    new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER }, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({
        children: [
          cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: (opts.organ || BLANK_ORGAN).toUpperCase(), bold: true })] })]),
          cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: dateLine(opts.place, opts.date ?? new Date()), italics: true })] })]),
        ],
      }),
    ],
  });
}

function quoteParagraphs(text: string, label: string): Paragraph[] {
  const lines = text.split("\n");
  return lines.map(
    (line, i) =>
      new Paragraph({
        indent: { left: QUOTE_INDENT },
        spacing: { after: i === lines.length - 1 ? 160 : 0 },
        children: [
          new TextRun({ text: `${i === 0 ? "«" : ""}${line}${i === lines.length - 1 ? "»" : ""}`, italics: true }),
          ...(i === lines.length - 1 ? [new TextRun({ text: ` [${label}]` })] : []),
        ],
      }),
  );
}

export async function pointsToDocx(tp: TalkingPoints, opts: PrintOptions = {}): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [header(opts)];
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [new TextRun({ text: tp.title, bold: true })] }));
  if (tp.notEnoughBasis) body.push(new Paragraph(tp.notEnoughBasis));
  else {
    body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: originLine(tp), italics: true })] }));
    for (const n of tp.notices) body.push(new Paragraph({ children: [new TextRun({ text: n, italics: true })] }));
    if (tp.opening) body.push(new Paragraph({ spacing: { before: 240, after: 120 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun(tp.opening)] }));
    for (const p of tp.points) {
      const label = sourceLabel(p.citation);
      const quoted = showsQuote(p);
      body.push(
        new Paragraph({
          numbering: { reference: NUMBERING, level: 0 },
          spacing: { before: 160 },
          alignment: AlignmentType.JUSTIFIED,
          children: [new TextRun({ text: p.statement, bold: true }), ...(quoted ? [] : [new TextRun({ text: ` [${label}]` })])],
        }),
      );
      if (quoted) body.push(...quoteParagraphs(p.quote, label));
    }
    if (tp.closing || tp.appeal) body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(CLOSING_HEADING)] }));
    if (tp.closing) body.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(`${tp.closing.statement} [${tp.closing.citations.map(sourceLabel).join("; ")}]`)] }));
    if (tp.appeal) body.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: 120 }, children: [new TextRun(tp.appeal)] }));
    if (tp.sources.length) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Tài liệu trích dẫn")] }));
      for (const s of tp.sources) body.push(new Paragraph({ numbering: { reference: SOURCES, level: 0 }, children: [new TextRun(s.fullName)] }));
    }
  }
  const level = (reference: string) => ({
    reference,
    levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }],
  });
  const doc = new Document({
    title: tp.title,
    creator: "Hỏi Văn Bản",
    styles: { default: { document: { run: { font: "Times New Roman", size: BODY_SIZE } } } },
    numbering: { config: [level(NUMBERING), level(SOURCES)] },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
