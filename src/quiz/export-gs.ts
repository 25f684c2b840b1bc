/**
 * A Google Apps Script (.gs) that creates the quiz in Google Forms, which has no file import: pasted
 * into a new project at script.google.com and run, `createQuiz` makes a form in quiz mode with one
 * required multiple-choice item per question — choices with the key marked, points, and feedback
 * (answer, citation, the document's words) for right and wrong answers — and logs the form's links.
 * The questions are a JSON literal, so no text from the documents is ever read as code.
 */
import { citationLabel } from "../model/citation.js";
import type { QuizQuestion } from "./types.js";

export interface GsQuestion {
  title: string;
  choices: string[];
  correct: number;
  points: number;
  feedback: string;
}

export function gsQuestions(questions: QuizQuestion[]): GsQuestion[] {
  return questions.map((q) => ({
    title: q.stem,
    choices: q.options,
    correct: q.correct,
    points: 1,
    feedback: `Đáp án: ${q.options[q.correct]}. Nguồn: ${citationLabel(q.citation)}: «${q.quote}»`,
  }));
}

export function quizGs(questions: QuizQuestion[], opts: { title: string; description?: string }): Buffer {
  const data = JSON.stringify(gsQuestions(questions), null, 2);
  const script = `/**
 * ${opts.title.replace(/\*\//g, "* /")} — tạo bài kiểm tra trên Google Forms (Hỏi Văn Bản).
 * Cách dùng: script.google.com → Dự án mới → xóa mã mẫu, dán toàn bộ tệp này → Lưu →
 * chọn hàm createQuiz → Chạy → cấp quyền. Đường dẫn biểu mẫu hiện trong Nhật ký thực thi.
 */
var QUIZ_TITLE = ${JSON.stringify(opts.title)};
var QUIZ_DESCRIPTION = ${JSON.stringify(opts.description ?? "Câu hỏi và đáp án lấy từ nguyên văn các văn bản, có trích dẫn.")};
var QUESTIONS = ${data};

function createQuiz() {
  var form = FormApp.create(QUIZ_TITLE);
  form.setIsQuiz(true);
  form.setDescription(QUIZ_DESCRIPTION);
  QUESTIONS.forEach(function (q) {
    var item = form.addMultipleChoiceItem();
    item.setTitle(q.title);
    item.setRequired(true);
    item.setPoints(q.points);
    item.setChoices(q.choices.map(function (text, i) {
      return item.createChoice(text, i === q.correct);
    }));
    var feedback = FormApp.createFeedback().setText(q.feedback).build();
    item.setFeedbackForCorrect(feedback);
    item.setFeedbackForIncorrect(feedback);
  });
  Logger.log("Sửa biểu mẫu: " + form.getEditUrl());
  Logger.log("Gửi người làm bài: " + form.getPublishedUrl());
  return form;
}
`;
  return Buffer.from(script, "utf8");
}
