// Field-level differences between two runs. Records are paired by source.file + form_index (or,
// with key 'name', by fields.name + fiscal_year); inside a pair, list items are paired by what
// they are, not where they are: indicators by (level 1, level 2, name), categories by their codes
// and label, funding items by name, extra fields by label, unplaced cells by text, diagnostics by
// code, path and message. An inserted indicator row is then one addition, not a cascade of
// changes below it.
import type { FormRecord, Target } from '../normalize/schema.js';
import { parse, type Item, type Run } from './load.js';

export type PairKey = 'file' | 'name';

export type ChangeKind =
  | 'form_added'
  | 'form_removed'
  | 'field_changed'
  | 'target_changed'
  | 'indicator_added'
  | 'indicator_removed'
  | 'indicator_renamed'
  | 'category_added'
  | 'category_removed'
  | 'funding_item_added'
  | 'funding_item_removed'
  | 'extra_field_added'
  | 'extra_field_removed'
  | 'unplaced_added'
  | 'unplaced_removed'
  | 'diagnostic_added'
  | 'diagnostic_removed';

export interface Change {
  kind: ChangeKind;
  /** JSON path in the record (B's index for what B has, A's for what only A has). */
  path: string;
  /** What the path points at, in words: `产出指标 › 数量指标 › 调查样本数量`. */
  label: string | null;
  before: unknown;
  after: unknown;
}

export interface FormDiff {
  key: string;
  status: 'added' | 'removed' | 'changed';
  /** source.file#form_index on each side. */
  a: string | null;
  b: string | null;
  changes: Change[];
}

export interface DiffResult {
  a: string;
  b: string;
  formsA: number;
  formsB: number;
  equal: boolean;
  counts: Partial<Record<ChangeKind, number>>;
  forms: FormDiff[];
  /** Doubts about the comparison itself (duplicate keys, unreadable lines). */
  notes: string[];
}

export interface DiffOptions {
  key: PairKey;
  /** Compare provenance and source.sha256 too. */
  provenance: boolean;
}

const where = (i: Item): string => `${i.file}#${i.formIndex}`;

function keyOf(i: Item, key: PairKey): string {
  return key === 'file' ? where(i) : `${i.name ?? '(no name)'} (${i.fiscalYear ?? 'no year'})`;
}

/** Items by key; a key met twice gets `#2`, `#3` … in file order, with a note. */
function byKey(run: Run, key: PairKey, notes: string[]): Map<string, Item> {
  const out = new Map<string, Item>();
  const seen = new Map<string, number>();
  for (const it of run.items) {
    const k = keyOf(it, key);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k} #${n}`, it);
  }
  const dup = [...seen].filter(([, n]) => n > 1);
  if (dup.length > 0) {
    notes.push(
      `${run.label}: ${dup.length} key(s) occur more than once (paired in file order): ` +
        dup
          .slice(0, 5)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', '),
    );
  }
  return out;
}

/** A copy without provenance anywhere and without source.sha256. */
function stripped(record: FormRecord): FormRecord {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'provenance') out[k] = walk(x);
    return out;
  };
  const r = walk(record) as FormRecord;
  return { ...r, source: { ...r.source, sha256: '' } };
}

const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

/** What a target looks like in a change: the text as written and the parsed value. */
function targetView(t: Target | null): unknown {
  return t === null ? null : { raw: t.raw, kind: t.kind, op: t.op, value: t.value, unit: t.unit };
}

/** Scalar and list-of-scalar differences under `path`, one change per differing leaf. */
function fields(
  before: unknown,
  after: unknown,
  path: string,
  label: string | null,
  out: Change[],
): void {
  if (same(before, after)) return;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      fields(before[k], after[k], path === '' ? k : `${path}.${k}`, label, out);
    }
    return;
  }
  out.push({ kind: 'field_changed', path, label, before: before ?? null, after: after ?? null });
}

interface ListSpec<T> {
  /** Path of the list in the record. */
  path: string;
  added: ChangeKind;
  removed: ChangeKind;
  key: (item: T) => string;
  label: (item: T) => string | null;
  /** Fields left out of the comparison of paired items (derived from other lists). */
  ignore?: readonly string[];
}

/** Pairs two lists by key (in order among equal keys) and reports additions, removals, changes. */
function list<T extends object>(
  a: readonly T[],
  b: readonly T[],
  spec: ListSpec<T>,
  out: Change[],
  compare: (x: T, y: T, path: string, label: string | null) => void = (x, y, p, l) =>
    fields(omit(x, spec.ignore), omit(y, spec.ignore), p, l, out),
): { removed: number[]; added: number[] } {
  const slots = new Map<string, number[]>();
  a.forEach((x, i) => slots.set(spec.key(x), [...(slots.get(spec.key(x)) ?? []), i]));
  const paired = new Set<number>();
  const added: number[] = [];
  b.forEach((y, j) => {
    const i = slots.get(spec.key(y))?.shift();
    if (i === undefined) added.push(j);
    else {
      paired.add(i);
      compare(a[i]!, y, `${spec.path}[${j}]`, spec.label(y));
    }
  });
  const removed = a.map((_, i) => i).filter((i) => !paired.has(i));
  return { removed, added };
}

function omit<T extends object>(x: T, keys: readonly string[] = []): unknown {
  if (keys.length === 0) return x;
  return Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k)));
}

function report<T>(
  a: readonly T[],
  b: readonly T[],
  spec: ListSpec<T>,
  found: { removed: number[]; added: number[] },
  out: Change[],
): void {
  for (const i of found.removed) {
    out.push({
      kind: spec.removed,
      path: `${spec.path}[${i}]`,
      label: spec.label(a[i]!),
      before: a[i],
      after: null,
    });
  }
  for (const j of found.added) {
    out.push({
      kind: spec.added,
      path: `${spec.path}[${j}]`,
      label: spec.label(b[j]!),
      before: null,
      after: b[j],
    });
  }
}

type Indicator = FormRecord['indicators'][number];

const indicatorLabel = (x: Indicator): string =>
  [x.level1?.label ?? x.level1?.code, x.level2?.label ?? x.level2?.code, x.name]
    .filter((s) => s !== null && s !== undefined)
    .join(' › ');

const group = (x: Indicator): string => `${x.level1?.code ?? ''}|${x.level2?.code ?? ''}`;

/** Differences inside one indicator pair: targets as one change each, other fields by leaf. */
function indicator(
  x: Indicator,
  y: Indicator,
  path: string,
  label: string | null,
  out: Change[],
): void {
  for (const t of ['target', 'target_midterm'] as const) {
    if (!same(x[t], y[t])) {
      out.push({
        kind: 'target_changed',
        path: `${path}.${t}`,
        label,
        before: targetView(x[t]),
        after: targetView(y[t]),
      });
    }
  }
  const { target: _a, target_midterm: _b, ...restX } = x;
  const { target: _c, target_midterm: _d, ...restY } = y;
  fields(restX, restY, path, label, out);
}

/** Every difference between two records of a pair. */
export function diffRecords(
  ra: FormRecord,
  rb: FormRecord,
  opts: { provenance: boolean },
): Change[] {
  const [a, b] = opts.provenance ? [ra, rb] : [stripped(ra), stripped(rb)];
  const out: Change[] = [];
  const {
    indicators: ia,
    categories: ca,
    unplaced: ua,
    extra_fields: ea,
    diagnostics: da,
    funding: fa,
    ...restA
  } = a;
  const {
    indicators: ib,
    categories: cb,
    unplaced: ub,
    extra_fields: eb,
    diagnostics: db,
    funding: fb,
    ...restB
  } = b;
  const { items: itemsA, ...fundA } = fa;
  const { items: itemsB, ...fundB } = fb;
  fields(restA, restB, '', null, out);
  fields(fundA, fundB, 'funding', null, out);

  // indicators: by (level 1, level 2, name); an unpaired pair in the same category with the same
  // target is one indicator renamed, not one removed and one added
  const spec: ListSpec<Indicator> = {
    path: 'indicators',
    added: 'indicator_added',
    removed: 'indicator_removed',
    key: (x) => `${group(x)}|${x.name ?? ''}`,
    label: indicatorLabel,
  };
  const found = list(ia, ib, spec, out, (x, y, p, l) => indicator(x, y, p, l, out));
  const added = new Set(found.added);
  const removed: number[] = [];
  for (const i of found.removed) {
    const j = [...added].find(
      (k) => group(ib[k]!) === group(ia[i]!) && same(ia[i]!.target, ib[k]!.target),
    );
    if (j === undefined) {
      removed.push(i);
      continue;
    }
    added.delete(j);
    out.push({
      kind: 'indicator_renamed',
      path: `indicators[${j}].name`,
      label: indicatorLabel(ib[j]!),
      before: ia[i]!.name,
      after: ib[j]!.name,
    });
    const { name: _x, ...x } = ia[i]!;
    const { name: _y, ...y } = ib[j]!;
    indicator(
      { ...x, name: null },
      { ...y, name: null },
      `indicators[${j}]`,
      indicatorLabel(ib[j]!),
      out,
    );
  }
  report(ia, ib, spec, { removed, added: [...added].sort((p, q) => p - q) }, out);

  const items = <T extends object>(x: readonly T[], y: readonly T[], s: ListSpec<T>): void =>
    report(x, y, s, list(x, y, s, out), out);
  items(ca, cb, {
    path: 'categories',
    added: 'category_added',
    removed: 'category_removed',
    key: (c) => `${c.level1}|${c.level2}|${c.label ?? ''}`,
    label: (c) => c.label,
    // derived from the indicators, whose changes are reported themselves
    ignore: ['indicator_count'],
  });
  items(itemsA, itemsB, {
    path: 'funding.items',
    added: 'funding_item_added',
    removed: 'funding_item_removed',
    key: (f) => f.name ?? '',
    label: (f) => f.name,
  });
  items(ea, eb, {
    path: 'extra_fields',
    added: 'extra_field_added',
    removed: 'extra_field_removed',
    key: (e) => e.label,
    label: (e) => e.label,
  });
  items(ua, ub, {
    path: 'unplaced',
    added: 'unplaced_added',
    removed: 'unplaced_removed',
    key: (u) => u.text,
    label: (u) => u.text,
  });
  items(da, db, {
    path: 'diagnostics',
    added: 'diagnostic_added',
    removed: 'diagnostic_removed',
    key: (d) => `${d.code}|${d.path ?? ''}|${d.message}`,
    label: (d) => d.code,
  });
  return out;
}

/** Compares two runs. */
export function diffRuns(a: Run, b: Run, opts: DiffOptions): DiffResult {
  const notes: string[] = [];
  for (const run of [a, b]) {
    if (run.unreadable > 0)
      notes.push(`${run.label}: ${run.unreadable} unreadable line(s) left out`);
  }
  const ma = byKey(a, opts.key, notes);
  const mb = byKey(b, opts.key, notes);
  const forms: FormDiff[] = [];
  for (const [key, ia] of ma) {
    const ib = mb.get(key);
    if (!ib) {
      forms.push({
        key,
        status: 'removed',
        a: where(ia),
        b: null,
        changes: [{ kind: 'form_removed', path: '', label: ia.name, before: null, after: null }],
      });
      continue;
    }
    if (ia.text === ib.text) continue;
    const changes = diffRecords(parse(ia), parse(ib), opts);
    if (changes.length > 0)
      forms.push({ key, status: 'changed', a: where(ia), b: where(ib), changes });
  }
  for (const [key, ib] of mb) {
    if (!ma.has(key)) {
      forms.push({
        key,
        status: 'added',
        a: null,
        b: where(ib),
        changes: [{ kind: 'form_added', path: '', label: ib.name, before: null, after: null }],
      });
    }
  }
  forms.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const f of forms) for (const c of f.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  return {
    a: a.label,
    b: b.label,
    formsA: a.items.length,
    formsB: b.items.length,
    equal: forms.length === 0,
    counts,
    forms,
    notes,
  };
}
