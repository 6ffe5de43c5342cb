// The seed as it was submitted (text export: one line per row, TAB between cells, merged cells
// written once) must give the same record as its HTML rebuild with real rowspans: fill-down and
// rowspans are two spellings of one table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { extractFile } from '../src/index.js';
import type { Block } from '../src/model/document.js';
import { grid, para, recordsOfDoc } from './helpers/build.js';
import { comparable } from './helpers/comparable.js';

/** Lines with a TAB are table rows (a blank line inside a table is an empty row); others are paragraphs. */
function blocksOfTsv(text: string): Block[] {
  const blocks: Block[] = [];
  let rows: string[][] | null = null;
  let pendingBlank = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    if (line.includes('\t')) {
      if (rows && pendingBlank > 0) for (let k = 0; k < pendingBlank; k++) rows.push([]);
      rows ??= [];
      rows.push(line.split('\t'));
      pendingBlank = 0;
    } else if (line.trim() === '') {
      pendingBlank++;
    } else {
      if (rows) blocks.push(grid(rows, blocks.length + 1));
      rows = null;
      pendingBlank = 0;
      blocks.push(para(line, blocks.length + 1));
    }
  }
  if (rows) blocks.push(grid(rows, blocks.length + 1));
  return blocks;
}

it('the submitted text export of the seed gives the HTML rebuild’s record', async () => {
  const tsv = readFileSync('fixtures/seed/000_52c260094030f1a0.txt', 'utf8');
  const fromText = recordsOfDoc(blocksOfTsv(tsv));
  const html = await extractFile(path.resolve('fixtures/forms/seed-policy-2023.html'));
  expect(fromText.map(comparable)).toEqual(html.records.map(comparable));
});
