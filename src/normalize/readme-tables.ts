// The README's generated tables: record fields (from the zod schema), diagnostic codes and
// manifest error codes (from their dictionaries). A test keeps the README equal to these.
import { DIAGNOSTIC_CODES, FILE_ERROR_CODES } from '../dict/diagnostics.js';
import { fieldTable } from './field-table.js';

export function diagnosticTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(
    ([code, d]) => `| \`${code}\` | ${d.severity} | ${d.meaning.replace(/\|/g, '\\|')} |`,
  );
  return ['| code | severity | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function fileErrorTable(): string {
  const rows = Object.entries(FILE_ERROR_CODES).map(
    ([code, d]) => `| \`${code}\` | ${d.status} | ${d.meaning} |`,
  );
  return ['| code | status | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Generated blocks by marker name: `<!-- name:start -->` … `<!-- name:end -->`. */
export function readmeBlocks(): Record<string, string> {
  return { fields: fieldTable(), diagnostics: diagnosticTable(), 'file-errors': fileErrorTable() };
}

/** The README text with every generated block replaced by its current content. */
export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, body] of Object.entries(readmeBlocks())) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README has no ${name} block`);
    out = out.replace(re, (_m, a: string, b: string) => `${a}${body}\n${b}`);
  }
  return out;
}
