// Word's automatic list numbering (word/numbering.xml): a paragraph with w:numPr, given directly
// or by its paragraph style, shows a label Word writes in front of it (1.  一、  （二）  ③  a)).
// The label is not in the paragraph's runs; it is worked out here from the list's level
// definitions and counters, called for the paragraphs in document order (docx.ts listLabels), so
// that the text reads as the page shows it.
// Bullets have no label.
import { formatNumber } from './list-numbers.js';

/** An element of a parsed WordprocessingML part (w: names, whatever prefix the file used). */
export interface XmlEl {
  name: string;
  attrs: Record<string, string>;
  children: XmlEl[];
}

interface Level {
  start: number;
  format: string;
  text: string | null;
  /** w:suff: what stands between the label and the text (a tab, a space, or nothing). */
  suffix: string;
  /** w:isLgl: every level's number in this label as an arabic numeral. */
  legal: boolean;
  /** The paragraph style linked to this level (heading numbering), if any. */
  style: string | null;
}

interface ListDef {
  /** The counters' key: lists sharing an abstract definition without overrides count on together. */
  key: string;
  abstractId: string;
  levels: (Level | undefined)[];
}

const childOf = (el: XmlEl | undefined, name: string): XmlEl | undefined =>
  el?.children.find((c) => c.name === name);
const val = (el: XmlEl | undefined): string | undefined => el?.attrs['w:val'];
const MAX_LEVELS = 9;

function readLevel(lvl: XmlEl): Level {
  const start = Number.parseInt(val(childOf(lvl, 'w:start')) ?? '', 10);
  const suff = val(childOf(lvl, 'w:suff'));
  const legal = childOf(lvl, 'w:isLgl');
  return {
    start: Number.isFinite(start) && start >= 0 ? start : 1,
    format: val(childOf(lvl, 'w:numFmt')) ?? 'decimal',
    text: val(childOf(lvl, 'w:lvlText')) ?? null,
    suffix: suff === 'nothing' ? '' : ' ',
    legal:
      legal !== undefined && !['0', 'false', 'off'].includes((val(legal) ?? 'true').toLowerCase()),
    style: val(childOf(lvl, 'w:pStyle')) ?? null,
  };
}

/** A list level written as text (w:ilvl="1", <w:ilvl w:val="1"/>): 0–8, else undefined. */
function levelOf(text: string | undefined): number | undefined {
  const i = Number.parseInt(text ?? '', 10);
  return Number.isInteger(i) && i >= 0 && i < MAX_LEVELS ? i : undefined;
}

/** The numbering of one document: its lists, its paragraph styles' numbering, the counters. */
export class ListNumbering {
  private readonly lists = new Map<string, ListDef>();
  /** Paragraph style → its numbering (w:numPr, following w:basedOn). */
  private readonly styles = new Map<string, { numId?: string; ilvl?: number }>();
  private readonly counters = new Map<string, number[]>();

  constructor(numbering: XmlEl | undefined, styles: XmlEl | undefined) {
    const root = childOf(numbering, 'w:numbering');
    const abstracts = new Map<string, (Level | undefined)[]>();
    /** Abstract lists defined by a list style (w:numStyleLink): the style's own list is used. */
    const linked = new Map<string, string>();
    for (const a of root?.children ?? []) {
      if (a.name !== 'w:abstractNum') continue;
      const link = val(childOf(a, 'w:numStyleLink'));
      if (link !== undefined) linked.set(a.attrs['w:abstractNumId'] ?? '', link);
      const levels: (Level | undefined)[] = [];
      for (const lvl of a.children) {
        const i = lvl.name === 'w:lvl' ? levelOf(lvl.attrs['w:ilvl']) : undefined;
        if (i !== undefined) levels[i] = readLevel(lvl);
      }
      abstracts.set(a.attrs['w:abstractNumId'] ?? '', levels);
    }
    for (const num of root?.children ?? []) {
      if (num.name !== 'w:num') continue;
      const id = num.attrs['w:numId'] ?? '';
      const abstractId = val(childOf(num, 'w:abstractNumId')) ?? '';
      const base = abstracts.get(abstractId);
      if (!base) continue;
      const levels = [...base];
      let overridden = false;
      for (const o of num.children) {
        const i = o.name === 'w:lvlOverride' ? levelOf(o.attrs['w:ilvl']) : undefined;
        if (i === undefined) continue;
        overridden = true;
        const lvl = childOf(o, 'w:lvl');
        const start = Number.parseInt(val(childOf(o, 'w:startOverride')) ?? '', 10);
        const level = lvl ? readLevel(lvl) : levels[i];
        levels[i] = level && Number.isFinite(start) ? { ...level, start } : level;
      }
      this.lists.set(id, {
        key: overridden ? `num:${id}` : `abs:${abstractId}`,
        abstractId,
        levels,
      });
    }
    this.readStyles(styles);
    for (const [id, list] of this.lists) {
      const style = linked.get(list.abstractId);
      if (style === undefined || list.levels.some((l) => l !== undefined)) continue;
      const target = this.lists.get(this.styles.get(style)?.numId ?? '');
      if (target && target !== list) this.lists.set(id, { ...target, key: target.key });
    }
  }

  private readStyles(styles: XmlEl | undefined): void {
    const defs = new Map<string, XmlEl>();
    for (const s of childOf(styles, 'w:styles')?.children ?? []) {
      // paragraph styles, and list styles (w:numStyleLink names one)
      const type = s.attrs['w:type'];
      if (s.name === 'w:style' && (type === 'paragraph' || type === 'numbering')) {
        defs.set(s.attrs['w:styleId'] ?? '', s);
      }
    }
    const resolve = (id: string, seen: Set<string>): { numId?: string; ilvl?: number } => {
      const s = defs.get(id);
      if (!s || seen.has(id)) return {};
      seen.add(id);
      const numPr = childOf(childOf(s, 'w:pPr'), 'w:numPr');
      const own = {
        numId: val(childOf(numPr, 'w:numId')),
        ilvl: numPr ? levelOf(val(childOf(numPr, 'w:ilvl'))) : undefined,
      };
      const parent = val(childOf(s, 'w:basedOn'));
      const inherited = parent ? resolve(parent, seen) : {};
      return { numId: own.numId ?? inherited.numId, ilvl: own.ilvl ?? inherited.ilvl };
    };
    for (const id of defs.keys()) {
      const r = resolve(id, new Set());
      if (r.numId !== undefined) this.styles.set(id, r);
    }
  }

  /** True when the document defines any list (most forms define none). */
  get empty(): boolean {
    return this.lists.size === 0;
  }

  /**
   * The label Word shows before paragraph `p` ('' for none, a bullet or a label-less level), with
   * the space or tab after it as one space; counts the paragraph in its list.
   */
  label(p: XmlEl): string {
    if (this.lists.size === 0) return '';
    const pPr = childOf(p, 'w:pPr');
    const style = val(childOf(pPr, 'w:pStyle'));
    const numPr = childOf(pPr, 'w:numPr');
    const fromStyle = style !== undefined ? this.styles.get(style) : undefined;
    const numId = val(childOf(numPr, 'w:numId')) ?? fromStyle?.numId;
    if (numId === undefined || numId === '0') return '';
    const list = this.lists.get(numId);
    if (!list) return '';
    let ilvl = numPr ? levelOf(val(childOf(numPr, 'w:ilvl'))) : undefined;
    ilvl ??= fromStyle?.ilvl;
    // heading numbering: the level linked to the paragraph's style
    ilvl ??= style !== undefined ? list.levels.findIndex((l) => l?.style === style) : 0;
    if (ilvl < 0) ilvl = 0;
    const level = list.levels[ilvl];
    if (!level) return '';
    const counts = this.counters.get(list.key) ?? [];
    this.counters.set(list.key, counts);
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl]! + 1;
    counts.length = ilvl + 1; // deeper levels start again
    if (level.format === 'bullet' || level.text === null) return '';
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const at = list.levels[k];
      const n = counts[k] ?? at?.start ?? 1;
      return formatNumber(n, level.legal ? 'decimal' : (at?.format ?? 'decimal'));
    });
    // the tab or space Word puts after the label is one space, as a run of blanks in text is
    return text === '' ? '' : text + level.suffix;
  }
}
