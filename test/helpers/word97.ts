/**
 * Word 97 .doc files with real automatic numbering, made from paragraphs: an ODT is written by hand
 * (LibreOffice's own list model: list styles, chapter numbering on the heading style, lists that run
 * on or start over), then LibreOffice saves it with its "MS Word 97" filter, as an office would save
 * an old file. A DOCX made with the docx library does not survive LibreOffice's import with its lists
 * intact, hence ODT. Needs `soffice` (apt-get install libreoffice-writer-nogui).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";

/** True when LibreOffice can be run here. */
export const hasSoffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].some((p) => existsSync(p));

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"';

const num = (level: number, format: string, prefix: string, suffix: string, start = 1): string =>
  `<text:list-level-style-number text:level="${level}" style:num-format="${format}" style:num-prefix="${prefix}" style:num-suffix="${suffix}" text:start-value="${start}"/>`;

/** Dieu: Điều / khoản / điểm as three levels of one list; Khoan1, Khoan2: khoản lists of their own;
 *  TuBa: "3)", "4)"…; Gach: "-" bullets; headings of level 1 are numbered "Chương I", "Chương II". */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS}><office:styles>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"/>
<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="I" style:num-prefix="Chương " style:num-suffix=""/></text:outline-style>
<text:list-style style:name="Dieu">${num(1, "1", "Điều ", ".")}${num(2, "1", "", ".")}${num(3, "a", "", ")")}</text:list-style>
<text:list-style style:name="Khoan1">${num(1, "1", "", ".")}</text:list-style>
<text:list-style style:name="Khoan2">${num(1, "1", "", ".")}</text:list-style>
<text:list-style style:name="TuBa">${num(1, "1", "", ")", 3)}</text:list-style>
<text:list-style style:name="Gach"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style>
</office:styles></office:document-styles>`;

/** A paragraph: plain, a numbered heading (Chương), or an item of a list at a level (1-based). */
export type Para = string | { chuong: string } | { list: "Dieu" | "Khoan1" | "Khoan2" | "TuBa" | "Gach"; level?: number; text: string };

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Tracked deletions of the document being written: "[-words-]" in a paragraph's text is a deletion
 *  recorded with track changes on; "[-a whole paragraph¶-]" at the start of one deletes the
 *  paragraph before it, its paragraph mark included. */
let deletions: string[] = [];
const para = (text: string): string => {
  const body = esc(text).replace(/\[-(.*?)-\]/g, (_m, gone: string) => {
    const id = `ct${deletions.length + 1}`;
    const content = gone.endsWith("¶") ? `<text:p>${gone.slice(0, -1)}</text:p><text:p/>` : `<text:p>${gone}</text:p>`;
    deletions.push(`<text:changed-region xml:id="${id}" text:id="${id}"><text:deletion><office:change-info><dc:creator>Người sửa mẫu</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>${content}</text:deletion></text:changed-region>`);
    return `<text:change text:change-id="${id}"/>`;
  });
  return `<text:p text:style-name="Standard">${body}</text:p>`;
};

/** List items at `level`; deeper items go into a sub-list of the item before them. */
function items(list: Array<{ level: number; text: string }>, level: number): string {
  let out = "";
  for (let i = 0; i < list.length;) {
    let body = "";
    if (list[i].level === level) body = para(list[i++].text);
    let j = i;
    while (j < list.length && list[j].level > level) j++;
    if (j > i) body += `<text:list>${items(list.slice(i, j), level + 1)}</text:list>`;
    i = j;
    out += `<text:list-item>${body}</text:list-item>`;
  }
  return out;
}

/** Consecutive items of one list make a <text:list>; "Dieu" runs on across them (continue-list).
 *  (LibreOffice saves a restart inside one list, text:start-value, as a one-paragraph list that
 *  Word and LibreOffice read back as "1., 1.": restarts here are lists of their own.) */
function content(paras: Para[]): string {
  let out = "";
  deletions = [];
  let dieuId: string | undefined;
  for (let i = 0; i < paras.length;) {
    const p = paras[i];
    if (typeof p === "string") { out += para(p); i++; continue; }
    if ("chuong" in p) { out += `<text:h text:style-name="Heading_20_1" text:outline-level="1">${esc(p.chuong)}</text:h>`; i++; continue; }
    const run: Array<{ level: number; text: string }> = [];
    for (; i < paras.length; i++) {
      const q = paras[i];
      if (typeof q === "string" || "chuong" in q || q.list !== p.list) break;
      run.push({ level: q.level ?? 1, text: q.text });
    }
    let attrs = `text:style-name="${p.list}"`;
    if (p.list === "Dieu") attrs += dieuId ? ` text:continue-list="${dieuId}"` : ` xml:id="${(dieuId = "dieu")}"`;
    out += `<text:list ${attrs}>${items(run, 1)}</text:list>`;
  }
  const tracked = deletions.length ? `<text:tracked-changes>${deletions.join("")}</text:tracked-changes>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS}><office:body><office:text>${tracked}${out}</office:text></office:body></office:document-content>`;
}

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

async function odt(paras: Para[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.text", { compression: "STORE" });
  zip.file("META-INF/manifest.xml", MANIFEST);
  zip.file("styles.xml", STYLES);
  zip.file("content.xml", content(paras));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Word 97 .doc bytes for each named document, converted in one LibreOffice run. */
export async function word97(docs: Record<string, Para[]>): Promise<Record<string, Buffer>> {
  const work = mkdtempSync(path.join(tmpdir(), "hvb-word97-"));
  try {
    const names = Object.keys(docs);
    for (const name of names) writeFileSync(path.join(work, `${name}.odt`), await odt(docs[name]));
    execFileSync("soffice", [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", work, ...names.map((n) => path.join(work, `${n}.odt`))], { stdio: "ignore" });
    return Object.fromEntries(names.map((n) => [n, readFileSync(path.join(work, `${n}.doc`))]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
