import { readFileSync } from 'node:fs';
import { ingestPdf } from '../src/ingest/pdf.js';
const bufs = process.argv.slice(2).map((f) => readFileSync(f));
for (const b of bufs) await ingestPdf(b); // warm
const t = performance.now();
let n = 0;
for (let k = 0; k < 5; k++) for (const b of bufs) { await ingestPdf(b); n++; }
console.log('ms per pdf', Math.round((performance.now() - t) / n));
