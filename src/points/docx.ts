/**
 * DOCX outline, written with the `docx` library: a title heading, numbered points (statement in
 * bold), each quote indented in italics followed by its citation in brackets, and the closing line.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import { CLOSING_HEADING, originLine, showsQuote, sourceLabel } from "./labels.js";
import type { TalkingPoints } from "./types.js";

const NUMBERING = "talking-points";
/** Sizes in half-points and twips, as the format counts them: 13 pt body, the usual for Party documents. */
const BODY_SIZE = 26;
const QUOTE_INDENT = 720;

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

export async function pointsToDocx(tp: TalkingPoints): Promise<Buffer> {
  const body: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(tp.title)] })];
  if (tp.notEnoughBasis) body.push(new Paragraph(tp.notEnoughBasis));
  else {
    body.push(new Paragraph({ children: [new TextRun({ text: originLine(tp), italics: true })] }));
    for (const n of tp.notices) body.push(new Paragraph({ children: [new TextRun({ text: n, italics: true })] }));
    for (const p of tp.points) {
      const label = sourceLabel(p.citation);
      const quoted = showsQuote(p);
      body.push(
        new Paragraph({
          numbering: { reference: NUMBERING, level: 0 },
          spacing: { before: 160 },
          children: [new TextRun({ text: p.statement, bold: true }), ...(quoted ? [] : [new TextRun({ text: ` [${label}]` })])],
        }),
      );
      if (quoted) body.push(...quoteParagraphs(p.quote, label));
    }
    if (tp.closing) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(CLOSING_HEADING)] }));
      body.push(new Paragraph(`${tp.closing.statement} [${tp.closing.citations.map(sourceLabel).join("; ")}]`));
    }
  }
  const doc = new Document({
    title: tp.title,
    creator: "Hỏi Văn Bản",
    styles: { default: { document: { run: { font: "Times New Roman", size: BODY_SIZE } } } },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }],
        },
      ],
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
