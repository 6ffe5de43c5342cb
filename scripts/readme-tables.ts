// Rewrites the generated tables of README.md (record fields, diagnostic codes, error codes).
import { readFile, writeFile } from 'node:fs/promises';
import { renderReadme } from '../src/normalize/readme-tables.js';

const readme = await readFile('README.md', 'utf8');
await writeFile('README.md', renderReadme(readme));
console.log('README.md tables updated');
