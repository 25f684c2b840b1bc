/**
 * DOCX export for class: the question sheet, then (on a new page) the answer key with each
 * answer's citation and the document's own words. Built with the `docx` library.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { citationLabel } from "../model/citation.js";
import { LETTERS } from "./play.js";
import type { QuizMeta } from "./export.js";
import type { QuizQuestion } from "./types.js";

const FONT = "Times New Roman";

function questionParagraphs(q: QuizQuestion, n: number): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: `Câu ${n}. `, bold: true }), new TextRun(q.stem)] }),
    ...q.options.map((o, i) => new Paragraph({ indent: { left: 400 }, children: [new TextRun(`${LETTERS[i]}. ${o}`)] })),
  ];
}

function keyParagraphs(q: QuizQuestion, n: number): Paragraph[] {
  return [
    new Paragraph({
      spacing: { before: 160 },
      children: [new TextRun({ text: `Câu ${n}: ${LETTERS[q.correct]}`, bold: true }), new TextRun(` — ${q.options[q.correct]}`)],
    }),
    new Paragraph({ indent: { left: 400 }, children: [new TextRun({ text: "Nguồn: ", italics: true }), new TextRun(citationLabel(q.citation))] }),
    new Paragraph({ indent: { left: 400 }, children: [new TextRun({ text: "Trích: ", italics: true }), new TextRun(`«${q.quote}»`)] }),
  ];
}

export async function quizDocx(questions: QuizQuestion[], meta: QuizMeta): Promise<Buffer> {
  const date = (meta.generatedAt ?? new Date()).toLocaleDateString("vi-VN");
  const doc = new Document({
    creator: "Hỏi Văn Bản",
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: meta.title, font: FONT })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${questions.length} câu hỏi — tạo ngày ${date}`, italics: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: "Phần câu hỏi", font: FONT })] }),
          ...questions.flatMap((q, i) => questionParagraphs(q, i + 1)),
          new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun({ text: "Đáp án và trích dẫn", font: FONT })] }),
          ...questions.flatMap((q, i) => keyParagraphs(q, i + 1)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
