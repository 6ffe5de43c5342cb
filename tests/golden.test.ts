// Golden records: every fixture form gives exactly the expected record, compared whole.
// The expected JSON under fixtures/expected/ was checked by a person against the source document.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs, pathText } from '../src/cli/inputs.js';
import { recordPath } from '../src/emit/output.js';
import { extractFile } from '../src/index.js';

const root = path.resolve('fixtures/forms');
const expectedRoot = path.resolve('fixtures/expected');
const inputs = await collectInputs([root]);
const expectedFiles = (await collectInputs([expectedRoot])).map((f) => f.rel).sort();

describe('golden records', () => {
  const produced: string[] = [];
  for (const input of inputs) {
    it(input.rel, async () => {
      const result = await extractFile(pathText(input.abs), { root });
      expect(result.status).toBe('ok');
      const rels = result.records.map((r) => path.relative('forms', recordPath(r)));
      produced.push(...rels);
      for (const [i, record] of result.records.entries()) {
        const expected = JSON.parse(await readFile(path.join(expectedRoot, rels[i]!), 'utf8'));
        expect(record).toEqual(expected);
      }
    });
  }
  it('has an expected record for every form and no stale ones', () => {
    expect([...produced].sort()).toEqual(expectedFiles);
  });
});
