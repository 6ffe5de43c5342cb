// Reads an HTML page (also Word/Excel "save as web page" exports) into the document model:
// paragraphs for text outside tables, one Table per <table> with rowspan/colspan expanded here.
import { ENUMERATION_COMMA } from '../dict/grammar.js';
import { origin } from '../model/document.js';
import type { Block, Cell, IngestNote, SourceDocument, Table } from '../model/document.js';
import { decodeHtml } from './encoding.js';
import { IngestError } from './errors.js';
import { formatNumber } from './list-numbers.js';
import { isMht, mhtPage } from './mht.js';
import { bandTable, trimPadding, type GridCell } from './grid.js';
import { parseHtml, type DomNode } from './html-parse.js';

// prettier-ignore
const SKIP = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math',
  'xml', 'option', 'datalist',
]);
// prettier-ignore
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'center',
  'pre', 'blockquote', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'address', 'main',
  'form', 'fieldset', 'legend', 'figure', 'figcaption', 'hr', 'caption', 'details', 'summary',
  'listing', 'plaintext', 'textarea', 'tr', 'td', 'th',
]);
const PRE = new Set(['pre', 'textarea', 'listing', 'plaintext']);
// prettier-ignore
const TEXT_INPUTS = new Set(['', 'text', 'number', 'date', 'email', 'tel', 'url', 'month', 'search']);
const MAX_COLSPAN = 1000;
/** Tables inside tables deeper than this are read as text (forms nest two or three). */
const MAX_TABLE_DEPTH = 64;
const MAX_ROWSPAN = 65534;

/** Accumulates visible text: <br> forces a line break, block edges start a new line if needed. */
class TextSink {
  private lines: string[] = [''];
  text(s: string): void {
    this.lines[this.lines.length - 1] += s;
  }
  hardBreak(): void {
    this.lines.push('');
  }
  softBreak(): void {
    if ((this.lines[this.lines.length - 1] ?? '').trim() !== '') this.lines.push('');
  }
  /** The text so far (lines trimmed, space runs collapsed, blank edges removed); then resets. */
  take(): string {
    const lines = this.lines.map((l) => l.replace(/[ \t\r\n\f]+/g, ' ').trim());
    this.lines = [''];
    while (lines.length > 0 && lines[0] === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }
}

/** Hidden content met while reading (display:none rows and blocks, the hidden attribute). */
interface Hidden {
  count: number;
}

/** True for an element a browser does not show: style display:none or the hidden attribute. */
function isHidden(node: DomNode): boolean {
  const a = node.attribs;
  return a !== undefined && (a.hidden !== undefined || /display\s*:\s*none/i.test(a.style ?? ''));
}

interface Walk {
  sink: TextSink;
  hidden: Hidden;
  /** Called at the start and end of each block-level element. */
  boundary(): void;
  /** Called for each <table> met; its content is not walked. */
  table(el: DomNode): void;
}

/**
 * Walks an element's content in document order, with an explicit stack rather than recursion:
 * a page of tens of thousands of nested (or never closed) elements must not exhaust the stack.
 */
function walk(root: DomNode, w: Walk, rootPre: boolean): void {
  const stack: ({ node: DomNode; pre: boolean } | null)[] = [{ node: root, pre: rootPre }];
  /** The markers of the <ol> items met so far (1. a. and the Chinese styles), as a browser shows them. */
  const markers = new Map<DomNode, string>();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === null) {
      w.boundary(); // the end of a block element, after its content
      continue;
    }
    const { node, pre } = item;
    if (node.type === 'text') {
      const data = node.data ?? '';
      if (!pre) {
        w.sink.text(data.replace(/[ \t\r\n\f]+/g, ' '));
        continue;
      }
      const lines = data.split(/\r\n?|\n/);
      lines.forEach((line, i) => {
        if (i > 0) w.sink.hardBreak();
        w.sink.text(line);
      });
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue; // comments, directives, script, style, cdata
    const name = node.name ?? '';
    if (SKIP.has(name)) continue;
    if (isHidden(node)) {
      if (textOf(node).trim() !== '') w.hidden.count++;
      continue;
    }
    if (name === 'table') {
      w.table(node);
      continue;
    }
    if (name === 'br') {
      w.sink.hardBreak();
      continue;
    }
    if (name === 'input') {
      const type = (node.attribs?.type ?? '').toLowerCase();
      if (TEXT_INPUTS.has(type)) w.sink.text(node.attribs?.value ?? '');
      continue;
    }
    if (name === 'select') {
      w.sink.text(selectedOption(node));
      continue;
    }
    if (BLOCKS.has(name)) {
      w.boundary();
      stack.push(null);
    }
    if (name === 'ol') listMarkers(node, markers);
    const marker = name === 'li' ? markers.get(node) : undefined;
    if (marker) w.sink.text(marker);
    const children = node.children ?? [];
    const childPre = pre || PRE.has(name);
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ node: children[i]!, pre: childPre });
  }
}

/** The list-style-type a style attribute sets (list-style-type, or a keyword of list-style). */
function listStyleType(node: DomNode): string | null {
  const style = (node.attribs?.style ?? '').toLowerCase();
  const m = /list-style(?:-type)?\s*:\s*([^;]+)/.exec(style);
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  return words.find((k) => k in LIST_STYLE_FORMATS) ?? null;
}

/** CSS list-style-type → the numbering format and the text after the number ('' for none). */
const LIST_STYLE_FORMATS: Record<string, [string, string] | null> = {
  none: null,
  disc: null,
  circle: null,
  square: null,
  decimal: ['decimal', '.'],
  'decimal-leading-zero': ['decimalZero', '.'],
  'lower-alpha': ['lowerLetter', '.'],
  'lower-latin': ['lowerLetter', '.'],
  'upper-alpha': ['upperLetter', '.'],
  'upper-latin': ['upperLetter', '.'],
  'lower-roman': ['lowerRoman', '.'],
  'upper-roman': ['upperRoman', '.'],
  'cjk-ideographic': ['chineseCounting', ENUMERATION_COMMA],
  'simp-chinese-informal': ['chineseCounting', ENUMERATION_COMMA],
  'simp-chinese-formal': ['chineseLegalSimplified', ENUMERATION_COMMA],
  'cjk-heavenly-stem': ['ideographTraditional', ENUMERATION_COMMA],
  'cjk-earthly-branch': ['ideographZodiac', ENUMERATION_COMMA],
  'cjk-decimal': ['decimal', ENUMERATION_COMMA],
};

/** The type attribute of <ol> → the numbering format. */
const OL_TYPES: Record<string, string> = {
  '1': 'decimal',
  a: 'lowerLetter',
  A: 'upperLetter',
  i: 'lowerRoman',
  I: 'upperRoman',
};

/**
 * The markers a browser shows before the items of an <ol>: numbered from its start attribute
 * (down from the item count when reversed), an item's value attribute setting its number, in
 * the format of its type attribute or list-style-type (none: no marker).
 */
function listMarkers(ol: DomNode, markers: Map<DomNode, string>): void {
  const items = elementChildren(ol, ['li']);
  const reversed = ol.attribs?.reversed !== undefined;
  const start = Number.parseInt(ol.attribs?.start ?? '', 10);
  let n = Number.isFinite(start) ? start : reversed ? items.length : 1;
  const olStyle = listStyleType(ol);
  const olType = OL_TYPES[ol.attribs?.type ?? ''];
  for (const li of items) {
    if (isHidden(li)) continue; // (a hidden item is not counted)
    const value = Number.parseInt(li.attribs?.value ?? '', 10);
    if (Number.isFinite(value)) n = value;
    const css = listStyleType(li) ?? olStyle;
    const style: [string, string] | null | undefined =
      css !== null ? LIST_STYLE_FORMATS[css] : olType ? [olType, '.'] : ['decimal', '.'];
    // (a browser writes the marker 1. with a space after it; the Chinese styles end in 、)
    if (style)
      markers.set(li, `${formatNumber(n, style[0])}${style[1]}${style[1] === '.' ? ' ' : ''}`);
    n += reversed ? -1 : 1;
  }
}

/** What a <select> shows: its selected option, else its first option. */
function selectedOption(select: DomNode): string {
  const options: DomNode[] = [];
  const visit = (n: DomNode): void => {
    if (n.type === 'tag' && n.name === 'option') options.push(n);
    else for (const c of n.children ?? []) visit(c);
  };
  visit(select);
  const chosen = options.find((o) => o.attribs?.selected !== undefined) ?? options[0];
  return chosen ? textOf(chosen) : '';
}

/**
 * A table's text as one paragraph: cells and rows parted by a space, hidden and never-shown
 * elements (script, style …) left out (an explicit stack, as in walk).
 */
function flatText(node: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      parts.push(n.data ?? '');
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    const name = n.name ?? '';
    if (SKIP.has(name) || isHidden(n)) continue;
    if (BLOCKS.has(name) || name === 'br') parts.push(' ');
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** All text under a node, in document order (an explicit stack, as in walk). */
function textOf(node: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push(n.data ?? '');
    else for (let i = (n.children ?? []).length - 1; i >= 0; i--) stack.push(n.children![i]!);
  }
  return parts.join('');
}

function elementChildren(node: DomNode, names: string[]): DomNode[] {
  return (node.children ?? []).filter((c) => c.type === 'tag' && names.includes(c.name ?? ''));
}

/** Text of a cell or caption: nested tables are left out and handed to `nested`. */
function blockText(el: DomNode, nested: DomNode[], hidden: Hidden): string {
  const sink = new TextSink();
  const w: Walk = {
    sink,
    hidden,
    boundary: () => sink.softBreak(),
    table: (t) => void nested.push(t),
  };
  for (const child of el.children ?? []) walk(child, w, false);
  return sink.take();
}

/**
 * The HTML rule for rowspan/colspan: leading digits after optional whitespace ("2px" is 2);
 * anything else (missing, negative, non-numeric) is null.
 */
function spanAttr(value: string | undefined): number | null {
  const m = /^[\t\n\f\r ]*\+?(\d+)/.exec(value ?? '');
  return m?.[1] ? Math.min(Number(m[1]), MAX_ROWSPAN) : null;
}

interface RawRow {
  cells: { el: DomNode; text: string }[];
  /** Index (exclusive) where this row's row group ends, for rowspan="0". */
  groupEnd: number;
}

interface Grid {
  rowCount: number;
  colCount: number;
  cells: Omit<Cell, 'origin'>[];
  caption: string;
  nested: DomNode[];
  /** The row of the outer table each nested table sits in (-1: in the caption). */
  nestedAt: number[];
  /** The cell each nested table sits in (null: in the caption). */
  nestedIn: (GridCell | null)[];
}

/** Reads one <table>: rows in document order (not those of nested tables), spans expanded. */
function readTable(table: DomNode, hidden: Hidden): Grid {
  const nested: DomNode[] = [];
  const nestedAt: number[] = [];
  /** The cell element each nested table sits in. */
  const nestedEl: (DomNode | null)[] = [];
  let caption = '';
  const rows: RawRow[] = [];
  const addRows = (trs: DomNode[]): void => {
    const start = rows.length;
    for (const tr of trs) {
      // a hidden row (a template row, Excel's column-width row) is not part of what a person sees
      if (isHidden(tr)) {
        if (textOf(tr).trim() !== '') hidden.count++;
        continue;
      }
      const shown = elementChildren(tr, ['td', 'th']).filter((el) => {
        if (!isHidden(el)) return true;
        if (textOf(el).trim() !== '') hidden.count++;
        return false;
      });
      const cells = shown.map((el) => {
        const text = blockText(el, nested, hidden);
        while (nestedEl.length < nested.length) nestedEl.push(el);
        return { el, text };
      });
      while (nestedAt.length < nested.length) nestedAt.push(rows.length);
      rows.push({ cells, groupEnd: 0 });
    }
    for (const row of rows.slice(start)) row.groupEnd = rows.length;
  };
  let loose: DomNode[] = [];
  for (const child of elementChildren(table, ['caption', 'thead', 'tbody', 'tfoot', 'tr'])) {
    if (child.name === 'tr') {
      loose.push(child);
      continue;
    }
    addRows(loose);
    loose = [];
    if (child.name === 'caption') {
      caption = caption || blockText(child, nested, hidden);
      while (nestedAt.length < nested.length) nestedAt.push(-1);
      while (nestedEl.length < nested.length) nestedEl.push(null);
    } else addRows(elementChildren(child, ['tr']));
  }
  addRows(loose);
  const placed = new Map<DomNode, GridCell>();
  const hosts = new Set(nestedEl.filter((el): el is DomNode => el !== null));
  const grid = placeCells(rows, placed, hosts);
  const nestedIn = nestedEl.map((el) => (el === null ? null : (placed.get(el) ?? null)));
  return { ...grid, caption, nested, nestedAt, nestedIn };
}

/** The HTML table algorithm: each cell goes to the first free slot, skipping earlier rowspans. */
/**
 * Places the cells on the grid; `placed` receives the grid cell of each element in `hosts` (the
 * cells holding nested tables), which count as text when padding is trimmed.
 */
function placeCells(
  rows: RawRow[],
  placed: Map<DomNode, GridCell>,
  hosts: ReadonlySet<DomNode>,
): Pick<Grid, 'rowCount' | 'colCount' | 'cells'> {
  const occupied: Set<number>[] = rows.map(() => new Set<number>());
  const cells: Omit<Cell, 'origin'>[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    for (const { el, text } of row.cells) {
      while (occupied[y]?.has(x)) x += 1;
      const colAttr = spanAttr(el.attribs?.colspan);
      const rowAttr = spanAttr(el.attribs?.rowspan);
      const wantCols = Math.min(colAttr && colAttr > 0 ? colAttr : 1, MAX_COLSPAN);
      let rowSpan = rowAttr === null ? 1 : rowAttr === 0 ? row.groupEnd - y : rowAttr;
      rowSpan = Math.max(1, Math.min(rowSpan, rows.length - y));
      let colSpan = 1; // a colspan stops where an earlier rowspan already sits
      while (colSpan < wantCols && !occupied[y]?.has(x + colSpan)) colSpan += 1;
      for (let r = y; r < y + rowSpan; r++) {
        for (let c = x; c < x + colSpan; c++) occupied[r]?.add(c);
      }
      const cell = { row: y, col: x, rowSpan, colSpan, text };
      cells.push(cell);
      if (hosts.has(el)) placed.set(el, cell);
      x += colSpan;
    }
  });
  return trimPadding(cells, new Set(placed.values()));
}

/** The <body> element (parse5 always makes one), found without a selector engine. */
function findBody(node: DomNode): DomNode | null {
  for (const child of node.children ?? []) {
    if (child.type !== 'tag') continue;
    if (child.name === 'body') return child;
    if (child.name === 'html') return findBody(child);
  }
  return null;
}

/**
 * True when the file was cut off inside a table: more tables opened than closed, and the page
 * does not end with </body> or </html> (a merely sloppy page ends properly).
 */
function endsInsideTable(text: string): boolean {
  const opened = text.match(/<table\b/giu)?.length ?? 0;
  const closed = text.match(/<\/table\s*>/giu)?.length ?? 0;
  const endsProperly = /<\/(?:html|body)\s*>\s*$/iu.test(text.slice(-256).trimEnd());
  return opened > closed && !endsProperly;
}

/** The page of a single-file web page (.mht); any other bytes as they are. */
function unwrapMht(buf: Buffer): Buffer {
  if (!isMht(buf.subarray(0, 4096).toString('latin1'))) return buf;
  const page = mhtPage(buf);
  if (!page)
    throw new IngestError(
      'corrupt_container',
      'The single-file web page (.mht) holds no HTML page.',
    );
  return page;
}

/**
 * Characters that stand for bytes the encoding could not map (U+FFFD). (Private-use characters
 * are text of their own: Wingdings boxes, a GBK user-defined glyph for a rare name.)
 */
function countGarbled(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) n++;
  return n;
}

/** Turns an HTML file into a SourceDocument with one part. Never runs scripts. */
export function ingestHtml(
  buf: Buffer,
  options: { parser?: 'parse5' } = {},
): { doc: SourceDocument } {
  const decoded = decodeHtml(unwrapMht(buf));
  const notes: IngestNote[] = [];
  if (decoded.how === 'sniffed') {
    notes.push({
      code: 'encoding_sniffed',
      severity: 'info',
      message: decoded.overruled
        ? `The page declares ${decoded.overruled} but its bytes are not; they were decoded as ${decoded.encoding}.`
        : `The page declares no charset; its bytes were decoded as ${decoded.encoding}.`,
      origin: null,
    });
  }
  // bytes the chosen encoding cannot map (a page saved half in one encoding, half in another)
  // show as U+FFFD or private-use characters: the text around them may be garbled
  const garbled = countGarbled(decoded.text);
  if (garbled > 0) {
    notes.push({
      code: 'undecodable_bytes',
      severity: 'warning',
      message: `${garbled} character(s) of the page could not be decoded as ${decoded.encoding} (shown as �); the text around them may be garbled.`,
      origin: null,
    });
  }
  if (endsInsideTable(decoded.text)) {
    notes.push({
      code: 'truncated_document',
      severity: 'warning',
      message:
        'The page ends inside an open table; the file looks truncated and rows may be missing.',
      origin: null,
    });
  }
  // the walk skips script, style, head and the like itself: no selector pass is needed
  const { root } = parseHtml(decoded.text, options.parser);
  const body = findBody(root) ?? root;

  const blocks: Block[] = [];
  const hidden: Hidden = { count: 0 };
  let paragraphNo = 0;
  let tableNo = 0;
  const sink = new TextSink();
  const pushParagraph = (text: string): void => {
    if (text !== '')
      blocks.push({ kind: 'paragraph', text, origin: origin({ paragraph: ++paragraphNo }) });
  };
  let flattened = 0;
  const emitTable = (el: DomNode, host?: Table['host'], depth = 1): void => {
    if (depth > MAX_TABLE_DEPTH) {
      // (a crafted page: each level costs a stack frame) the rest is read as text, not lost
      flattened++;
      pushParagraph(flatText(el));
      return;
    }
    const grid = readTable(el, hidden);
    pushParagraph(grid.caption);
    // Reading order: the outer table's rows up to a nested table, the nested table, the rows
    // after it (a footer below a framed form stays below it). A table with no text of its own
    // (a layout wrapper) is not emitted.
    const table = grid.cells.some((c) => c.text !== '') ? ++tableNo : 0;
    let from = 0;
    const emitBand = (to: number): void => {
      const block = bandTable(grid, table, from, to);
      if (block) blocks.push(host ? { ...block, host } : block);
      from = to + 1;
    };
    grid.nested.forEach((inner, k) => {
      const at = grid.nestedAt[k]!;
      if (at >= from) emitBand(at);
      const cell = grid.nestedIn[k];
      emitTable(
        inner,
        cell && table > 0 ? { table, row: cell.row + 1, col: cell.col + 1 } : undefined,
        depth + 1,
      );
    });
    emitBand(grid.rowCount - 1);
  };
  const w: Walk = {
    sink,
    hidden,
    boundary: () => pushParagraph(sink.take()),
    table: (el) => {
      pushParagraph(sink.take());
      emitTable(el);
    },
  };
  walk(body, w, false);
  pushParagraph(sink.take());
  if (flattened > 0) {
    notes.push({
      code: 'tables_nested_deep',
      severity: 'info',
      message: `Tables are nested inside each other more than ${MAX_TABLE_DEPTH} deep; the deeper ones were read as paragraphs of their text.`,
      origin: null,
    });
  }
  if (hidden.count > 0) {
    notes.push({
      code: 'hidden_content_skipped',
      severity: 'info',
      message: `${hidden.count} hidden element(s) with text (display:none rows, cells or blocks) were not read.`,
      origin: null,
    });
  }

  return { doc: { parts: [{ sheet: null, hidden: false, blocks }], notes } };
}
