// The text PDF.js (Firefox's reader) finds on each page of a PDF, pages separated by a
// form feed, as its text layer joins a page's items for copying and searching.
//
//   node tests/readers/pdfjs.mjs file.pdf
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const pages = [];
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
}
process.stdout.write(pages.join('\f'));
