// Writes a flat OpenDocument spreadsheet (.fods) with one worksheet per HTML form, each sheet the
// form's table grid with its merged cells, for LibreOffice to save as .xlsx/.xls
// (scripts/make-office-workbooks.sh). Usage: tsx scripts/fods-from-html.ts OUT.fods A.html B.html …
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingestHtml } from '../src/ingest/html.js';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) throw new Error('usage: fods-from-html.ts OUT.fods A.html …');

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One sheet: every block of the page stacked, paragraphs as one-cell rows, tables as grids. */
function sheet(file: string, name: string): string {
  const { doc } = ingestHtml(readFileSync(file));
  const rows: string[] = [];
  for (const block of doc.parts[0]?.blocks ?? []) {
    if (block.kind === 'paragraph') {
      rows.push(
        `<table:table-row><table:table-cell office:value-type="string">${lines(block.text)}</table:table-cell></table:table-row>`,
      );
      continue;
    }
    const at = new Map(block.cells.map((c) => [`${c.row},${c.col}`, c]));
    const covered = new Set<string>();
    for (const c of block.cells) {
      for (let r = c.row; r < c.row + c.rowSpan; r++) {
        for (let k = c.col; k < c.col + c.colSpan; k++)
          if (r !== c.row || k !== c.col) covered.add(`${r},${k}`);
      }
    }
    for (let r = 0; r < block.rowCount; r++) {
      const cells: string[] = [];
      for (let k = 0; k < block.colCount; k++) {
        const c = at.get(`${r},${k}`);
        if (covered.has(`${r},${k}`)) cells.push('<table:covered-table-cell/>');
        else if (!c || c.text === '') cells.push('<table:table-cell/>');
        else {
          const span = `${c.rowSpan > 1 ? ` table:number-rows-spanned="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` table:number-columns-spanned="${c.colSpan}"` : ''}`;
          cells.push(
            `<table:table-cell office:value-type="string"${span}>${lines(c.text)}</table:table-cell>`,
          );
        }
      }
      rows.push(`<table:table-row>${cells.join('')}</table:table-row>`);
    }
  }
  return `<table:table table:name="${esc(name)}">${rows.join('\n')}</table:table>`;
}

function lines(text: string): string {
  return text
    .split('\n')
    .map((l) => `<text:p>${esc(l)}</text:p>`)
    .join('');
}

const sheets = inputs.map((f, i) =>
  sheet(f, `表${i + 1}-${path.basename(f, path.extname(f)).slice(0, 20)}`),
);
writeFileSync(
  out,
  `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
${sheets.join('\n')}
</office:spreadsheet></office:body></office:document>
`,
);
console.log(out);
