// `shenbao review <outdir> --html FILE`: one static page for people who spot-check a run. A
// summary panel with small charts, filters, then every file: a form's indicator table rendered
// back with level codes, the target as written beside what was parsed, flags, provenance next to
// each value, rows with diagnostics highlighted, unplaced cells and extra fields; a file that
// failed or held no form with its code and message.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readJsonl } from '../emit/jsonl.js';
import type { ManifestEntry } from '../emit/manifest.js';
import { FORMS, MANIFEST } from '../emit/output.js';
import type { FormRecord, Provenance, Target } from '../normalize/schema.js';
import { barChart, esc, pageFrame } from './html.js';
import { InspectError } from './load.js';

/** Where a value was read, short: `p.2 (412,118)`, `Sheet1!D13`, `table 1 r12 c3`. */
export function provenanceText(p: Provenance | null | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.page !== null) parts.push(`p.${p.page}`);
  if (p.sheet !== null || p.cell !== null) parts.push(`${p.sheet ?? ''}!${p.cell ?? ''}`);
  if (p.table !== null) parts.push(`table ${p.table} r${p.row ?? '?'} c${p.col ?? '?'}`);
  if (p.paragraph !== null) parts.push(`¶${p.paragraph}`);
  return parts.join(' ');
}

function parsed(t: Target | null): string {
  if (!t) return '';
  const value =
    t.kind === 'range'
      ? `${t.value ?? '?'}–${t.value_max ?? '?'}`
      : t.kind === 'date'
        ? t.date
        : t.kind === 'text'
          ? t.text
          : t.value;
  return [t.kind, t.op, value, t.unit].filter((x) => x !== null && x !== undefined).join(' ');
}

const badge = (cls: string, text: string): string =>
  `<span class="badge ${cls}">${esc(text)}</span>`;

/** Diagnostics whose path points into `prefix` (e.g. `indicators[3]`). */
function diagnosticsAt(r: FormRecord, prefix: string): FormRecord['diagnostics'] {
  return r.diagnostics.filter(
    (d) =>
      d.path === prefix ||
      (d.path?.startsWith(`${prefix}.`) ?? false) ||
      (d.path?.startsWith(`${prefix}[`) ?? false),
  );
}

function indicatorTable(r: FormRecord): string {
  if (r.indicators.length === 0) return '<p class="muted">No indicator table.</p>';
  const rows = r.indicators
    .map((x, i) => {
      const diags = diagnosticsAt(r, `indicators[${i}]`);
      const notes = diags
        .map((d) => `<div>${badge(`sev-${d.severity}`, d.code)} ${esc(d.message)}</div>`)
        .join('');
      return `<tr class="${diags.length > 0 ? 'has-diag' : ''}">
<td class="num">${i + 1}</td>
<td>${esc(x.level1?.code ?? '')}<div class="muted">${esc(x.level1?.label ?? '')}</div></td>
<td>${esc(x.level2?.code ?? '')}<div class="muted">${esc(x.level2?.label ?? '')}</div></td>
<td>${esc(x.name)}${notes}</td>
<td class="raw">${esc(x.target.raw)}</td>
<td>${esc(parsed(x.target))}${x.target_midterm ? `<div class="muted">mid-term: ${esc(x.target_midterm.raw)} → ${esc(parsed(x.target_midterm))}</div>` : ''}</td>
<td>${esc(x.unit ?? '')}</td>
<td>${x.flags.map((f) => badge('', f)).join(' ')}${x.weight !== null ? ` <span class="muted">w ${esc(x.weight)}</span>` : ''}</td>
<td class="prov">${esc(provenanceText(x.provenance))}</td>
</tr>`;
    })
    .join('');
  return `<table class="indicators"><thead><tr><th>#</th><th>level 1</th><th>level 2</th><th>indicator</th><th>target as written</th><th>parsed</th><th>unit</th><th>flags</th><th>where</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function fieldRows(r: FormRecord): string {
  const rows: [string, unknown][] = [
    ['form type', r.form_type],
    ['title', r.title],
    ['fiscal year', r.fiscal_year],
    ['name', r.fields.name],
    ['authority', r.fields.authority],
    ['implementing unit', r.fields.implementing_unit],
    ['annual (yuan)', r.funding.annual_yuan],
    ['total (yuan)', r.funding.total_yuan],
    ['unit declared', r.funding.unit_declared],
  ];
  return `<table class="fields"><tbody>${rows
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function listTable(title: string, head: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return `<h3>${esc(title)}</h3><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function formSection(r: FormRecord, status: string): string {
  const noted = r.diagnostics.filter((d) => d.severity !== 'info').length;
  const name = r.fields.name ?? r.title ?? '(no name)';
  const search = `${r.source.file} ${name}`.toLowerCase();
  const diagnostics = listTable(
    'Diagnostics',
    ['severity', 'code', 'message', 'path', 'where'],
    r.diagnostics.map((d) => [
      `<td>${badge(`sev-${d.severity}`, d.severity)}</td>`,
      `<td><code>${esc(d.code)}</code></td>`,
      `<td>${esc(d.message)}</td>`,
      `<td><code>${esc(d.path ?? '')}</code></td>`,
      `<td class="prov">${esc(provenanceText(d.provenance))}</td>`,
    ]),
  );
  const unplaced = listTable(
    'Unplaced cells',
    ['text', 'where'],
    r.unplaced.map((u) => [
      `<td>${esc(u.text)}</td>`,
      `<td class="prov">${esc(provenanceText(u.provenance))}</td>`,
    ]),
  );
  const extra = listTable(
    'Extra fields',
    ['label', 'value', 'where'],
    r.extra_fields.map((e) => [
      `<td>${esc(e.label)}</td>`,
      `<td>${esc(e.value)}</td>`,
      `<td class="prov">${esc(provenanceText(e.provenance))}</td>`,
    ]),
  );
  const where = `${r.source.file}${r.source.form_count > 1 ? ` #${r.source.form_index}` : ''}`;
  return `<details class="form" data-entry data-status="${esc(status)}" data-diag="${noted}" data-search="${esc(search)}">
<summary>${badge(`s-${status}`, status)} <b>${esc(where)}</b> — ${esc(name)} <span class="muted">${r.indicators.length} indicators, ${noted} diagnostics${r.unplaced.length > 0 ? `, ${r.unplaced.length} unplaced` : ''}</span></summary>
${fieldRows(r)}
${indicatorTable(r)}
${diagnostics}${unplaced}${extra}
</details>`;
}

function fileSection(m: ManifestEntry): string {
  const search = m.file.toLowerCase();
  return `<div class="form" data-entry data-status="${esc(m.status)}" data-diag="${m.error ? 1 : 0}" data-search="${esc(search)}">
${badge(`s-${m.status}`, m.status)} <b>${esc(m.file)}</b> <code>${esc(m.error?.code ?? '')}</code> <span class="muted">${esc(m.error?.message ?? '')}</span>
</div>`;
}

const count = <K extends string>(map: Map<K, number>, key: K): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};
const sorted = (m: Map<string, number>): [string, number][] =>
  [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

const FILTER_SCRIPT = `(() => {
  const q = (s) => document.querySelector(s);
  const apply = () => {
    const diag = q('#f-diag').checked;
    const failed = q('#f-failed').checked;
    const text = q('#f-text').value.trim().toLowerCase();
    let shown = 0;
    for (const el of document.querySelectorAll('[data-entry]')) {
      const keep = (!diag || el.dataset.diag !== '0') && (!failed || el.dataset.status === 'failed') && (!text || el.dataset.search.includes(text));
      el.hidden = !keep;
      if (keep) shown++;
    }
    q('#shown').textContent = String(shown);
  };
  for (const input of document.querySelectorAll('.filters input')) input.addEventListener('input', apply);
  apply();
})();`;

/**
 * Writes the review page of an output folder to `file`, in two passes over forms.jsonl (the
 * counts for the charts, then the forms one at a time), so memory stays flat for any run size.
 */
export function writeReview(dir: string, file: string): { unreadable: number } {
  const forms = path.join(dir, FORMS);
  if (!existsSync(forms)) {
    throw new InspectError(`${dir} is not an output folder of convert (no ${FORMS}).`);
  }
  // lines cut short by an interrupted run are left out, and the page says so
  const bad = { count: 0 };
  const manifest = [...readJsonl<ManifestEntry>(path.join(dir, MANIFEST), bad)].map((l) => l.value);
  const status = new Map(manifest.map((m) => [m.file, m.status]));
  const byStatus = new Map<string, number>();
  for (const m of manifest) count(byStatus, m.status);
  const level2 = new Map<string, number>();
  const kinds = new Map<string, number>();
  const codes = new Map<string, number>();
  let formCount = 0;
  for (const { value: r } of readJsonl<FormRecord>(forms, bad)) {
    formCount++;
    for (const x of r.indicators) {
      count(level2, x.level2?.code ?? '(none)');
      count(kinds, x.target.kind);
    }
    for (const d of r.diagnostics) count(codes, d.code);
  }
  const notOk = manifest.filter((m) => m.status !== 'ok');
  const entries = formCount + notOk.length;
  const panel = [
    barChart('Files per status', sorted(byStatus), '#5a8f5a'),
    barChart('Indicators per level-2 code', sorted(level2)),
    barChart('Target kinds', sorted(kinds), '#8a6bbf'),
    barChart('Top diagnostic codes', sorted(codes), '#c27c3a'),
  ].join('');
  const name = path.basename(path.resolve(dir));
  const { head, tail } = pageFrame(`shenbao review — ${name}`, FILTER_SCRIPT);
  const fd = openSync(file, 'w');
  try {
    writeSync(
      fd,
      `${head}<h1>shenbao review — ${esc(name)}</h1>
<p>${manifest.length} files, ${formCount} forms. ${[...byStatus].map(([s, n]) => `${badge(`s-${s}`, s)} ${n}`).join(' ')}</p>
${bad.count > 0 ? `<p class="sev-warning">${bad.count} line(s) of the output cut short or unreadable (an interrupted run?) are not shown.</p>` : ''}
<div class="panel">${panel}</div>
<div class="filters">
<label><input type="checkbox" id="f-diag"> has diagnostics</label>
<label><input type="checkbox" id="f-failed"> failed</label>
<label>search <input type="search" id="f-text" placeholder="file or name"></label>
<span class="muted"><span id="shown">${entries}</span> of ${entries} shown</span>
</div>
<main>
`,
    );
    for (const { value: r } of readJsonl<FormRecord>(forms)) {
      writeSync(fd, formSection(r, status.get(r.source.file) ?? 'ok') + '\n');
    }
    for (const m of notOk) writeSync(fd, fileSection(m) + '\n');
    writeSync(fd, `</main>${tail}`);
  } finally {
    closeSync(fd);
  }
  return { unreadable: bad.count };
}
