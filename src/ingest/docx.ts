// Reads a Word .docx (a zip of WordprocessingML) into the document model straight from
// word/document.xml: paragraphs for text outside tables, one Table per w:tbl with w:gridSpan,
// w:vMerge and w:gridBefore expanded here, nested tables and text boxes after the rows holding
// them. Tracked insertions are kept, deletions dropped, hidden text and content-control prompts
// left out; headers, footers and notes are not read.
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { centralDirectory } from './zip.js';
import { SaxesParser } from 'saxes';
import { SYMBOL_FONT_CHARACTERS } from '../dict/symbols.js';
import { origin } from '../model/document.js';
import type { Block, Cell, IngestNote, SourceDocument, Table } from '../model/document.js';
import { bandTable, trimPadding } from './grid.js';
import { detectFormat } from './detect.js';
import { ListNumbering } from './docx-numbering.js';
import { IngestError } from './errors.js';

/** The largest XML part inflated (a form's document.xml is well under 1 MB). */
export const MAX_PART_BYTES = 200 * 2 ** 20;
/** The deepest element nesting accepted (deeper is a crafted file, not a form). */
const MAX_DEPTH = 2000;
const MAX_SPAN = 1000;

const W_NS = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main', // ISO strict
]);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const REL_NS = new Set([
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://purl.oclc.org/ooxml/package/relationships',
]);

/** An element of the parsed XML: `w:` and `mc:` names are prefixed so, whatever prefix the file used. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  /** Character data, kept only for w:t (the only text Word shows). */
  text: string;
}

function qualified(uri: string, local: string): string {
  if (W_NS.has(uri)) return `w:${local}`;
  if (uri === MC_NS) return `mc:${local}`;
  if (REL_NS.has(uri)) return `rel:${local}`;
  return `{${uri}}${local}`;
}

/** Parses an XML part into a small element tree; malformed XML is a corrupt file. */
function parseXml(xml: string, part: string): El {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_DEPTH) throw new Error(`elements nested deeper than ${MAX_DEPTH}`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (typeof a === 'string') continue;
      attrs[a.uri ? qualified(a.uri, a.local) : a.local] = a.value;
    }
    const el: El = {
      name: qualified(tag.uri ?? '', tag.local ?? tag.name),
      attrs,
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  const onText = (t: string): void => {
    const top = stack[stack.length - 1]!;
    if (top.name === 'w:t') top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new IngestError(
      'corrupt_container',
      `The document's ${part} is not well-formed XML: ${message}`,
    );
  }
  return root;
}

/**
 * The inflated parts asked for; a damaged or non-zip container is a corrupt file, and so is a part
 * whose bytes fail the CRC-32 the directory gives (fflate does not check it: a changed digit would
 * be read as it stands).
 */
function unzipParts(buf: Buffer, names: Set<string>): Record<string, Uint8Array> {
  const parts = unzipAll(buf, names);
  const crcs = new Map(centralDirectory(buf).map((e) => [e.name, e.crc]));
  for (const [name, bytes] of Object.entries(parts)) {
    const declared = crcs.get(name);
    if (declared !== undefined && crc32(bytes) >>> 0 !== declared) {
      throw new IngestError(
        'corrupt_container',
        `The .docx package is damaged: its part ${name} fails its checksum.`,
      );
    }
  }
  return parts;
}

function unzipAll(buf: Buffer, names: Set<string>): Record<string, Uint8Array> {
  try {
    return unzipSync(buf, {
      filter: (f) => {
        if (!names.has(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES) {
          throw new Error(`${f.name} inflates to ${f.originalSize} bytes`);
        }
        return true;
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new IngestError('corrupt_container', `The .docx package cannot be read: ${message}`);
  }
}

function decodeUtf(bytes: Uint8Array, part: string): string {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const encoding = utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new IngestError('corrupt_container', `The document's ${part} is not valid ${encoding}.`);
  }
}

/** The target of a relationships part's first relationship whose type ends with `type`. */
function relTarget(bytes: Uint8Array | undefined, part: string, type: string): string | null {
  if (!bytes) return null;
  try {
    const root = parseXml(decodeUtf(bytes, part), part);
    const rel = root.children
      .flatMap((r) => r.children)
      .find((r) => (r.attrs.Type ?? '').endsWith(`/${type}`));
    return rel?.attrs.Target ?? null;
  } catch {
    return null; // a broken relationships part does not hide the default part names
  }
}

/** A relationship target as a package part name, relative to the folder of the part naming it. */
function partName(target: string, from: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The main document part: the package's officeDocument relationship, else word/document.xml. */
function mainPart(buf: Buffer): { name: string; xml: string } {
  const DEFAULT = 'word/document.xml';
  const first = unzipParts(buf, new Set(['_rels/.rels', DEFAULT]));
  const target = relTarget(first['_rels/.rels'], '_rels/.rels', 'officeDocument');
  const name = target ? partName(target, '') : DEFAULT;
  const bytes = name in first ? first[name] : unzipParts(buf, new Set([name]))[name];
  const part = bytes ?? first[DEFAULT];
  if (!part) throw new IngestError('corrupt_container', `The .docx package has no ${name}.`);
  return { name: bytes ? name : DEFAULT, xml: decodeUtf(part, name) };
}

/**
 * The document's automatic list numbering, from the numbering part its relationships name (and
 * the styles part, read only when there are lists). These parts are optional: one that is
 * missing, damaged or not well-formed gives no labels, never a failed document (the text is all
 * there without them).
 */
function listNumbering(buf: Buffer, main: string): ListNumbering {
  const optional = (name: string): El | undefined => {
    try {
      const bytes = unzipParts(buf, new Set([name]))[name];
      return bytes === undefined ? undefined : parseXml(decodeUtf(bytes, name), name);
    } catch {
      return undefined;
    }
  };
  const folder = main.split('/').slice(0, -1).join('/');
  const relsName = `${folder ? `${folder}/` : ''}_rels/${main.split('/').at(-1)}.rels`;
  let rels: Uint8Array | undefined;
  try {
    rels = unzipParts(buf, new Set([relsName]))[relsName];
  } catch {
    rels = undefined;
  }
  const named = (type: string, fallback: string): string =>
    partName(relTarget(rels, relsName, type) ?? fallback, main);
  const numbering = optional(named('numbering', 'numbering.xml'));
  const lists = new ListNumbering(numbering, undefined);
  return lists.empty
    ? lists
    : new ListNumbering(numbering, optional(named('styles', 'styles.xml')));
}

/** The children of mc:AlternateContent Word would show: the first mc:Choice, else mc:Fallback. */
function alternateBranch(el: El): El[] {
  const branch =
    el.children.find((c) => c.name === 'mc:Choice') ??
    el.children.find((c) => c.name === 'mc:Fallback');
  return branch?.children ?? [];
}

/** Elements that only wrap content (kept as if their children stood in their place). */
// prettier-ignore
const WRAPPERS = new Set([
  'w:ins', 'w:moveTo', 'w:hyperlink', 'w:smartTag', 'w:customXml', 'w:fldSimple', 'w:dir',
  'w:bdo', 'w:sdtContent',
]);
/** Removed content (tracked deletions, moved-away text) and properties: never read. */
const DROPPED = new Set(['w:del', 'w:moveFrom', 'w:pPr', 'w:rPr', 'w:sdtPr', 'w:sdtEndPr']);

const NO_LABELS: ReadonlyMap<El, string> = new Map();

/**
 * The list labels of the body's paragraphs, worked out in document order (nested tables and text
 * boxes where they stand, one branch of mc:AlternateContent), before the body is read (it reads a
 * table's rows before the tables nested in them). A paragraph with no text shown (hidden, or a
 * prompt taken out) gets no label and is not counted.
 */
function listLabels(body: El, numbering: ListNumbering): ReadonlyMap<El, string> {
  const labels = new Map<El, string>();
  if (numbering.empty) return labels;
  const stack: El[] = [body];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (DROPPED.has(el.name)) continue;
    if (el.name === 'w:p' && new ParagraphText([]).read(el).trim() !== '') {
      const label = numbering.label(el);
      if (label !== '') labels.set(el, label);
    }
    const children = el.name === 'mc:AlternateContent' ? alternateBranch(el) : el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return labels;
}

/** Text of one paragraph; text boxes met in its runs go to `boxes` (each a w:txbxContent). */
class ParagraphText {
  private out = '';
  /** Open fields: true while reading a field's instruction (between begin and separate). */
  private fields: boolean[] = [];
  constructor(
    private boxes: El[],
    private labels: ReadonlyMap<El, string> = NO_LABELS,
  ) {}

  /** The paragraph's text, after the label of its automatic list numbering (1. 一、) if any. */
  read(p: El): string {
    this.out = this.labels.get(p) ?? '';
    this.fields = [];
    this.walk(p.children);
    return this.out;
  }

  private walk(nodes: El[]): void {
    for (const el of nodes) this.node(el);
  }

  private node(el: El): void {
    const name = el.name;
    if (DROPPED.has(name)) return;
    if (name === 'mc:AlternateContent') return this.walk(alternateBranch(el));
    if (name === 'w:txbxContent') return void this.boxes.push(el);
    if (name === 'w:sdt' || WRAPPERS.has(name) || name === 'w:r') return this.walk(el.children);
    const inInstruction = this.fields.some((f) => f);
    switch (name) {
      case 'w:t':
        if (!inInstruction) this.out += el.text;
        return;
      case 'w:tab':
      case 'w:ptab':
        if (!inInstruction) this.out += ' ';
        return;
      case 'w:br':
      case 'w:cr':
        if (!inInstruction) this.out += '\n';
        return;
      case 'w:noBreakHyphen':
        if (!inInstruction) this.out += '-';
        return;
      case 'w:fldChar': {
        const type = el.attrs['w:fldCharType'];
        if (type === 'begin') {
          if (!inInstruction) this.out += checkBoxText(el);
          this.fields.push(true);
        } else if (type === 'separate' && this.fields.length > 0)
          this.fields[this.fields.length - 1] = false;
        else if (type === 'end') this.fields.pop();
        return;
      }
      case 'w:sym':
        if (!inInstruction) this.out += symbolText(el);
        return;
      case 'w:instrText':
      case 'w:delText':
      case 'w:delInstrText':
        return;
      default:
        // drawings, pictures, objects: only text boxes inside them are read
        this.walk(el.children);
    }
  }
}

/** A symbol-font character (a tick box) as its Unicode character; '' for one not known. */
function symbolText(el: El): string {
  const font = (el.attrs['w:font'] ?? '').trim().toLowerCase();
  const code = Number.parseInt(el.attrs['w:char'] ?? '', 16);
  if (!Number.isFinite(code)) return '';
  return SYMBOL_FONT_CHARACTERS[font]?.[code & 0xff] ?? '';
}

/**
 * A legacy form check box (FORMCHECKBOX, whose box the field itself draws) as the glyph forms
 * use for it: ☑ when ticked (w:checked, else its default state), □ when not; '' for other fields.
 */
function checkBoxText(fldChar: El): string {
  const box = child(child(fldChar, 'w:ffData'), 'w:checkBox');
  if (!box) return '';
  const state = child(box, 'w:checked') ?? child(box, 'w:default');
  return state && on(state, state.name === 'w:checked') ? '☑' : '□';
}

/** A WordprocessingML on/off property: absent value means `absent`, else 1/true/on. */
function on(el: El, absent = true): boolean {
  const v = el.attrs['w:val'];
  return v === undefined ? absent : !['0', 'false', 'off'].includes(v.toLowerCase());
}

/** Elements of a run that show text. */
const SHOWN = new Set(['w:t', 'w:tab', 'w:ptab', 'w:br', 'w:cr', 'w:sym', 'w:noBreakHyphen']);

/** What the body holds that Word does not show as text, counted for the notes. */
interface Unshown {
  /** Runs of hidden text (w:vanish). */
  hidden: number;
  /** Content controls showing their placeholder prompt (单击或点击此处输入文字). */
  placeholders: number;
}

/**
 * Readies the body for reading, in place: the text of hidden runs (w:vanish: stale content left
 * in edited templates) and of content controls showing their placeholder is taken out (the
 * structure stays: a cell whose control shows its prompt is an empty cell), and the text of runs
 * in a symbol font (a tick box typed in Wingdings, as LibreOffice saves w:sym) is mapped to the
 * characters it shows.
 */
function prepareBody(body: El): Unshown {
  const counts: Unshown = { hidden: 0, placeholders: 0 };
  const stack: El[] = [body];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.name === 'w:sdt' && showsPlaceholder(el)) {
      counts.placeholders++;
      blankText(el);
      continue;
    }
    if (el.name === 'w:r') {
      const props = child(el, 'w:rPr');
      const vanish = child(props, 'w:vanish');
      if (vanish && on(vanish)) {
        if (el.children.some((c) => c.name === 'w:t' && c.text.trim() !== '')) counts.hidden++;
        el.children = el.children.filter((c) => !SHOWN.has(c.name));
        continue;
      }
      const fonts = child(props, 'w:rFonts');
      const ascii = symbolFont(fonts, 'w:ascii');
      const high = symbolFont(fonts, 'w:hAnsi');
      if (ascii || high) {
        for (const t of el.children)
          if (t.name === 'w:t') t.text = symbolChars(t.text, ascii, high);
      }
    }
    // (one push per child: spreading 100 000 children as arguments overflows the stack)
    for (const c of el.children) stack.push(c);
  }
  return counts;
}

function showsPlaceholder(sdt: El): boolean {
  const flag = child(child(sdt, 'w:sdtPr'), 'w:showingPlcHdr');
  return flag !== undefined && on(flag);
}

/** Empties the text of every run under `el`, keeping its paragraphs, rows and cells. */
function blankText(el: El): void {
  const stack: El[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === 'w:r') node.children = node.children.filter((c) => !SHOWN.has(c.name));
    else for (const c of node.children) stack.push(c);
  }
}

/** The symbol font one slot of a run's w:rFonts names (w:ascii, w:hAnsi), or null. */
function symbolFont(fonts: El | undefined, slot: 'w:ascii' | 'w:hAnsi'): string | null {
  const font = (fonts?.attrs[slot] ?? '').trim().toLowerCase();
  return font in SYMBOL_FONT_CHARACTERS ? font : null;
}

/**
 * Text typed in a symbol font as the characters its glyphs show. Word sets ASCII characters in
 * the w:ascii font and the others (the private-use codes F000–F0FF symbol fonts are mapped to)
 * in the w:hAnsi font; a known glyph is its character, a private-use code not known is left
 * out (it shows no character a reader knows), any other character stays as it is.
 */
function symbolChars(text: string, ascii: string | null, high: string | null): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const font = code < 0x80 ? ascii : high;
    const privateUse = code >= 0xf000 && code <= 0xf0ff;
    const glyph =
      font && (privateUse || code <= 0xff)
        ? SYMBOL_FONT_CHARACTERS[font]?.[code & 0xff]
        : undefined;
    out += glyph ?? (privateUse && font ? '' : ch);
  }
  return out;
}

/**
 * Lines trimmed, blank lines at the edges removed (as a reader sees the text). Blanks inside a
 * line become one space; with `gaps`, a run of two or more (tabs, spaced-out fill-ins) stays two
 * spaces: in a paragraph it parts the pairs printed on one line (项目名称：… ␣␣␣ 单位：元).
 */
function tidy(text: string, gaps = false): string {
  const blank = (run: string): string => (gaps && run.length > 1 ? '  ' : ' ');
  const lines = text.split('\n').map((l) => l.replace(/[ \t\r\f\u00a0]+/g, blank).trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

function intAttr(el: El | undefined, fallback: number): number {
  const v = Number.parseInt(el?.attrs['w:val'] ?? '', 10);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

function child(el: El | undefined, name: string): El | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Children named `names`, looking through wrappers (content controls, custom XML, insertions). */
function contentChildren(el: El, names: string[]): El[] {
  const out: El[] = [];
  for (const c of el.children) {
    if (names.includes(c.name)) out.push(c);
    else if (c.name === 'w:sdt') out.push(...contentChildren(child(c, 'w:sdtContent') ?? c, names));
    else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo')
      out.push(...contentChildren(c, names));
    else if (c.name === 'mc:AlternateContent') {
      const branch: El = { name: '#branch', attrs: {}, children: alternateBranch(c), text: '' };
      out.push(...contentChildren(branch, names));
    }
  }
  return out;
}

type RawCell = Omit<Cell, 'origin'>;

interface Grid {
  rowCount: number;
  colCount: number;
  cells: RawCell[];
  /**
   * Block content met in cells (nested tables, text boxes), with the row holding each and, for a
   * table, the cell holding it.
   */
  nested: { at: number; nodes: El[]; cell: RawCell | null }[];
}

/** Cell text: its paragraphs joined with \n; nested tables and text boxes go to `nested`. */
function cellText(tc: El, nested: El[][], labels: ReadonlyMap<El, string>): string {
  const lines: string[] = [];
  const boxes: El[] = [];
  const reader = new ParagraphText(boxes, labels);
  for (const el of contentChildren(tc, ['w:p', 'w:tbl'])) {
    if (el.name === 'w:tbl') nested.push([el]);
    else {
      lines.push(reader.read(el));
      for (const box of boxes.splice(0)) nested.push(box.children);
    }
  }
  return tidy(lines.join('\n'));
}

/** Reads one w:tbl: cells placed on the grid by w:gridBefore and w:gridSpan, w:vMerge as rowSpan. */
function readTable(tbl: El, labels: ReadonlyMap<El, string>): Grid {
  const cells: RawCell[] = [];
  const nested: Grid['nested'] = [];
  /** The cell whose grid column starts at each column, in the latest row that had one there. */
  const above = new Map<number, RawCell>();
  let rows = 0;
  for (const tr of contentChildren(tbl, ['w:tr'])) {
    const trPr = child(tr, 'w:trPr');
    if (child(trPr, 'w:del')) continue; // a tracked row deletion
    const y = rows++;
    let x = Math.min(intAttr(child(trPr, 'w:gridBefore'), 0), MAX_SPAN);
    let last: RawCell | null = null;
    for (const tc of contentChildren(tr, ['w:tc'])) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(intAttr(child(tcPr, 'w:gridSpan'), 1), MAX_SPAN));
      const found: El[][] = [];
      const text = cellText(tc, found, labels);
      const vMerge = child(tcPr, 'w:vMerge');
      const hMerge = child(tcPr, 'w:hMerge');
      const up = above.get(x);
      let holder: RawCell;
      if (vMerge && vMerge.attrs['w:val'] !== 'restart' && up && up.row + up.rowSpan === y) {
        up.rowSpan += 1; // a continuation: covered by the cell above
        if (text !== '') up.text = up.text === '' ? text : `${up.text}\n${text}`;
        holder = up;
      } else if (hMerge && hMerge.attrs['w:val'] !== 'restart' && last) {
        last.colSpan += span; // legacy horizontal merge
        if (text !== '') last.text = last.text === '' ? text : `${last.text}\n${text}`;
        holder = last;
      } else {
        last = { row: y, col: x, rowSpan: 1, colSpan: span, text };
        cells.push(last);
        above.set(x, last);
        holder = last;
      }
      for (const nodes of found) {
        const table = nodes.length === 1 && nodes[0]!.name === 'w:tbl';
        nested.push({ at: y, nodes, cell: table ? holder : null });
      }
      x += span;
    }
  }
  const hosts = new Set(nested.flatMap((n) => (n.cell ? [n.cell] : [])));
  return { ...trimPadding(cells, hosts), nested };
}

/** Turns a .docx into a SourceDocument with one part (the main document body). */
export function ingestDocx(buf: Buffer): { doc: SourceDocument } {
  const detected = detectFormat(buf, 'document.docx');
  if (detected.encrypted) {
    throw new IngestError('encrypted', 'The document is encrypted or password-protected.');
  }
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) {
    throw new IngestError('corrupt_container', 'The file is not a .docx package (not a zip).');
  }
  const main = mainPart(buf);
  const root = parseXml(main.xml, 'word/document.xml');
  const document = child(root, 'w:document');
  const body = child(document, 'w:body');
  if (!body) throw new IngestError('corrupt_container', 'The document part has no w:body.');
  const unshown = prepareBody(body);
  const labels = listLabels(body, listNumbering(buf, main.name));
  const notes: IngestNote[] = [];
  if (unshown.hidden > 0) {
    notes.push({
      code: 'hidden_content_skipped',
      severity: 'info',
      message: `${unshown.hidden} run(s) of hidden text (Word's hidden font) were not read.`,
      origin: null,
    });
  }
  if (unshown.placeholders > 0) {
    notes.push({
      code: 'placeholder_text_skipped',
      severity: 'info',
      message: `${unshown.placeholders} content control(s) showing their placeholder prompt were read as empty.`,
      origin: null,
    });
  }

  const blocks: Block[] = [];
  let paragraphNo = 0;
  let tableNo = 0;
  const pushParagraph = (text: string): void => {
    const tidied = tidy(text, true);
    if (tidied !== '')
      blocks.push({
        kind: 'paragraph',
        text: tidied,
        origin: origin({ paragraph: ++paragraphNo }),
      });
  };

  const emitTable = (tbl: El, host?: Table['host']): void => {
    const grid = readTable(tbl, labels);
    // Reading order: the rows up to a nested table (or text box), it, the rows after it.
    // A table with no text of its own (a layout wrapper) is not emitted.
    const table = grid.cells.some((c) => c.text !== '') ? ++tableNo : 0;
    let from = 0;
    const emitBand = (to: number): void => {
      const block = bandTable(grid, table, from, to);
      if (block) blocks.push(host ? { ...block, host } : block);
      from = to + 1;
    };
    for (const { at, nodes, cell } of grid.nested) {
      if (at >= from) emitBand(at);
      if (cell && table > 0) emitTable(nodes[0]!, { table, row: cell.row + 1, col: cell.col + 1 });
      else emitContent(nodes);
    }
    emitBand(grid.rowCount - 1);
  };

  function emitContent(nodes: El[]): void {
    for (const el of nodes) {
      if (el.name === 'w:p') {
        const boxes: El[] = [];
        pushParagraph(new ParagraphText(boxes, labels).read(el));
        for (const box of boxes) emitContent(box.children);
      } else if (el.name === 'w:tbl') emitTable(el);
      else if (el.name === 'mc:AlternateContent') emitContent(alternateBranch(el));
      else if (el.name === 'w:sdt') emitContent(child(el, 'w:sdtContent')?.children ?? []);
      else if (WRAPPERS.has(el.name)) emitContent(el.children);
      // w:sectPr, bookmarks, w:del, w:moveFrom … hold no text that is shown
    }
  }
  emitContent(body.children);

  return { doc: { parts: [{ sheet: null, hidden: false, blocks }], notes } };
}
