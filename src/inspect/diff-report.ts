// How a diff is shown: a summary for a terminal (colour only on a terminal and never with
// NO_COLOR), JSON for machines, and a self-contained HTML report.
import type { Change, ChangeKind, DiffResult } from './diff.js';
import { esc, page } from './html.js';

const SIGN: Record<'add' | 'del' | 'chg', string> = { add: '+', del: '-', chg: '~' };

function tone(kind: ChangeKind): 'add' | 'del' | 'chg' {
  return kind.endsWith('_added') ? 'add' : kind.endsWith('_removed') ? 'del' : 'chg';
}

/** A value in one line: strings quoted, targets as `"≥25000" (numeric >= 25000 人)`. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  const t = value as {
    raw?: unknown;
    kind?: unknown;
    op?: unknown;
    value?: unknown;
    unit?: unknown;
  };
  if ('raw' in t && 'kind' in t) {
    const parsed = [t.kind, t.op, t.value, t.unit]
      .filter((x) => x !== null && x !== undefined)
      .join(' ');
    return `${JSON.stringify(t.raw)} (${parsed})`;
  }
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function line(c: Change): string {
  const label = c.label ? ` ${c.label}` : '';
  const path = c.path ? ` ${c.path}` : '';
  if (c.kind === 'form_added' || c.kind === 'form_removed') return `${c.kind}${label}`;
  if (tone(c.kind) === 'add') return `${c.kind}${path}${label}: ${show(summaryOf(c.after))}`;
  if (tone(c.kind) === 'del') return `${c.kind}${path}${label}: ${show(summaryOf(c.before))}`;
  return `${c.kind}${path}${label}: ${show(c.before)} → ${show(c.after)}`;
}

/** An added or removed item in short: an indicator by its target, others as they are. */
function summaryOf(item: unknown): unknown {
  const x = item as {
    target?: { raw: unknown; kind: unknown; op: unknown; value: unknown; unit: unknown };
  } | null;
  return x && typeof x === 'object' && x.target ? x.target : item;
}

export function countsLine(r: DiffResult): string {
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(r.counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${total} change(s) in ${r.forms.length} form(s): ${kinds}`;
}

/** The terminal summary: counts per change kind, then per form. */
export function textReport(r: DiffResult, colour: boolean): string {
  const paint = (t: 'add' | 'del' | 'chg', s: string): string =>
    colour ? `\x1b[${t === 'add' ? 32 : t === 'del' ? 31 : 33}m${s}\x1b[0m` : s;
  const out = [`A: ${r.a} (${r.formsA} forms)`, `B: ${r.b} (${r.formsB} forms)`];
  for (const n of r.notes) out.push(`note: ${n}`);
  if (r.equal) {
    out.push('no changes');
    return out.join('\n');
  }
  out.push(countsLine(r), '');
  for (const f of r.forms) {
    const where = f.a && f.b && f.a !== f.b ? `${f.a} → ${f.b}` : (f.b ?? f.a);
    out.push(`${f.key}${where !== f.key ? `  [${where}]` : ''}`);
    for (const c of f.changes)
      out.push(`  ${paint(tone(c.kind), `${SIGN[tone(c.kind)]} ${line(c)}`)}`);
  }
  return out.join('\n');
}

export function jsonReport(r: DiffResult): string {
  return JSON.stringify(r, null, 2);
}

export function htmlReport(r: DiffResult): string {
  const rows = r.forms
    .map((f) => {
      const items = f.changes
        .map((c) => {
          const t = tone(c.kind);
          return `<tr class="${t}"><td>${SIGN[t]} ${esc(c.kind)}</td><td><code>${esc(c.path)}</code></td><td>${esc(c.label)}</td><td class="raw">${esc(c.before === null ? '' : show(t === 'del' ? summaryOf(c.before) : c.before))}</td><td class="raw">${esc(c.after === null ? '' : show(t === 'add' ? summaryOf(c.after) : c.after))}</td></tr>`;
        })
        .join('');
      return `<details class="form" open><summary><b>${esc(f.key)}</b> <span class="badge">${esc(f.status)}</span> <span class="muted">${esc(f.a ?? '')} → ${esc(f.b ?? '')}</span></summary><table><thead><tr><th>change</th><th>path</th><th>what</th><th>A</th><th>B</th></tr></thead><tbody>${items}</tbody></table></details>`;
    })
    .join('\n');
  const notes = r.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('');
  const body = `<h1>shenbao diff</h1>
<p>A: <code>${esc(r.a)}</code> (${r.formsA} forms)<br>B: <code>${esc(r.b)}</code> (${r.formsB} forms)</p>
${notes}
<p><b>${esc(r.equal ? 'no changes' : countsLine(r))}</b></p>
${rows}`;
  return page('shenbao diff', body);
}
