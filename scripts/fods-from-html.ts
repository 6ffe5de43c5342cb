// Writes a flat OpenDocument spreadsheet (.fods) with one worksheet per HTML form, each sheet the
// form's table grid with its merged cells, for LibreOffice to save as .xlsx/.xls
// (scripts/make-office-workbooks.sh). Usage: tsx scripts/fods-from-html.ts [--typed] OUT.fods A.html …
//
// With --typed, a cell that holds only a date (2026/1/1, 2024-07-01, 2024年7月1日) or only a
// percentage (95%, 95.20%) is written the way a person typing it into a spreadsheet stores it:
// a date value or a fraction, with a number format that shows exactly the form's text.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingestHtml } from '../src/ingest/html.js';

const args = process.argv.slice(2);
const typed = args[0] === '--typed';
const [out, ...inputs] = typed ? args.slice(1) : args;
if (!out || inputs.length === 0) {
  throw new Error('usage: fods-from-html.ts [--typed] OUT.fods A.html …');
}

/** Number formats for typed cells: cell style name → data style (flat ODS XML). */
const STYLES = `<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>
<number:date-style style:name="N2"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<number:date-style style:name="N3"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
${[0, 1, 2]
  .map(
    (d) =>
      `<number:percentage-style style:name="P${d}"><number:number number:decimal-places="${d}" number:min-decimal-places="${d}" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>`,
  )
  .join('\n')}
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/>
<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N3"/>
${[0, 1, 2].map((d) => `<style:style style:name="cp${d}" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="P${d}"/>`).join('\n')}
</office:automatic-styles>`;

const pad = (n: string): string => n.padStart(2, '0');

/** The typed-value attributes for a cell whose whole text is a date or a percentage, else null. */
function typedValue(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m && !/^0/.test(m[2]!) && !/^0/.test(m[3]!)) {
    return `table:style-name="ce1" office:value-type="date" office:date-value="${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}"`;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return `table:style-name="ce2" office:value-type="date" office:date-value="${t}"`;
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m && !/^0/.test(m[2]!) && !/^0/.test(m[3]!)) {
    return `table:style-name="ce3" office:value-type="date" office:date-value="${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}"`;
  }
  m = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(t);
  if (m) {
    const decimals = m[2]?.length ?? 0;
    const value = (Number(`${m[1]}.${m[2] ?? '0'}`) / 100).toPrecision(12).replace(/\.?0+$/, '');
    return `table:style-name="cp${decimals}" office:value-type="percentage" office:value="${Number(value)}"`;
  }
  return null;
}

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
          const value = (typed && typedValue(c.text)) || 'office:value-type="string"';
          cells.push(`<table:table-cell ${value}${span}>${lines(c.text)}</table:table-cell>`);
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
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
${STYLES}
<office:body><office:spreadsheet>
${sheets.join('\n')}
</office:spreadsheet></office:body></office:document>
`,
);
console.log(out);
