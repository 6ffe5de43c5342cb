// The README's generated tables equal what the schema and the dictionaries say today,
// and the README starts with the two commands a newcomer runs.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderReadme } from '../src/normalize/readme-tables.js';

const readme = readFileSync('README.md', 'utf8');

it('README tables are generated from the schema and dictionaries (run `npm run readme`)', () => {
  expect(renderReadme(readme)).toBe(readme);
});

it('README opens with the install-and-run command and the test command', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
  expect(firstBlock).toHaveLength(2);
  expect(firstBlock[0]).toMatch(/^npm ci && npm start\b/);
  expect(firstBlock[1]).toMatch(/^npm test\b/);
});

it('README lists every field of the schema', () => {
  for (const field of [
    'source.sha256',
    'indicators[].target.op_source',
    'funding.items[].amount_yuan',
  ]) {
    expect(readme).toContain(`\`${field}\``);
  }
});
