// The cross-format law: files listed together in fixtures/same-form.json hold the same forms and
// give the same records, apart from source, provenance and info diagnostics. A difference is a
// bug in an ingester or an extractor, never a reason to loosen the comparison.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../src/index.js';
import { comparable } from './helpers/comparable.js';

const root = path.resolve('fixtures/forms');
const { groups, composites } = JSON.parse(readFileSync('fixtures/same-form.json', 'utf8')) as {
  groups: string[][];
  composites: { file: string; parts: string[] }[];
};

async function records(file: string): Promise<unknown[]> {
  const result = await extractFile(path.join(root, file), { root });
  expect(result.status, file).toBe('ok');
  return result.records.map(comparable);
}

describe('the same form in several files gives the same records', () => {
  for (const [first, ...others] of groups) {
    for (const other of others) {
      it(`${other} = ${first!}`, async () => {
        expect(await records(other)).toEqual(await records(first!));
      });
    }
  }
});

describe('a file holding several forms gives the records of the forms it holds', () => {
  for (const { file, parts } of composites) {
    it(`${file} = ${parts.join(' + ')}`, async () => {
      const expected = [];
      for (const part of parts) expected.push(...(await records(part)));
      expect(await records(file)).toEqual(expected);
    });
  }
});
