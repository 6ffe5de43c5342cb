// Writes the current records of every fixture in fixtures/forms to fixtures/expected/ (one JSON
// per form, named like the forms/ output). Expected records are reviewed cell by cell against the
// source before they are committed; this script only saves typing.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectInputs, pathText } from '../src/cli/inputs.js';
import { recordPath } from '../src/emit/output.js';
import { extractFile } from '../src/index.js';

const root = path.resolve('fixtures/forms');
const out = path.resolve('fixtures/expected');
const only = process.argv.slice(2);

if (only.length === 0) await rm(out, { recursive: true, force: true });
for (const f of await collectInputs([root])) {
  if (only.length > 0 && !only.some((o) => f.rel.includes(o))) continue;
  const result = await extractFile(pathText(f.abs), { root });
  for (const record of result.records) {
    const file = path.join(out, path.relative('forms', recordPath(record)));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(record, null, 2) + '\n');
    console.log(path.relative(process.cwd(), file));
  }
}
