// Reads a PDF into the document model: with the fast reader (pdf-fast.ts) when it understands the
// whole document, else with pdf.js (pdfjs-dist, legacy build, in this thread). Per page: the text
// runs with their positions (getTextContent) and the ruling lines the page draws (getOperatorList,
// pdf-draw.ts); pdf-layout.ts rebuilds the page's tables from them and pdf-pages.ts puts the pages
// together (tables across pages joined, headers and footers dropped). All pages form one part:
// forms may cross pages, and a PDF may hold many.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { origin } from '../model/document.js';
import type { IngestNote, SourceDocument } from '../model/document.js';
import { GLYPH_EQUIVALENTS, RADICAL_EQUIVALENTS } from '../dict/cjk-radicals.js';
import { CHECKED_BOXES, EMPTY_BOXES } from '../dict/grammar.js';
import { IngestError } from './errors.js';
import { OPS as FAST_OPS } from './pdf-content.js';
import { apply, drawing, upright, type Matrix, type TextItem } from './pdf-draw.js';
import { FastPdf } from './pdf-fast.js';
import { joinBands, placeBands } from './pdf-bands.js';
import { pageBlocks, type PageContent, type PdfBlock } from './pdf-layout.js';
import { dropFurniture, toBlocks } from './pdf-pages.js';
import { isWide, type Piece } from './pdf-text.js';

export { toBlocks } from './pdf-pages.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | null = null;

/**
 * pdf.js is loaded on the first PDF only (it costs a second of start-up), with its worker code
 * in this thread. The legacy build (the one that runs on Node 20) carries core-js polyfills that
 * replace built-ins for the whole process: Array.prototype.push, JSON.parse and JSON.stringify
 * become slower JavaScript versions (fixes for edge cases that neither pdf.js nor this project
 * meets; push alone took a tenth of the time of a PDF). The natives are put back once both
 * modules are loaded; what the polyfills add without replacing anything is left.
 */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const natives = {
      push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
      parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
      stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
    };
    const pdf = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // the fake worker takes the worker code from globalThis.pdfjsWorker instead of importing it
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??=
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    Object.defineProperty(Array.prototype, 'push', natives.push);
    Object.defineProperty(JSON, 'parse', natives.parse);
    Object.defineProperty(JSON, 'stringify', natives.stringify);
    return pdf;
  })();
  return loaded;
}

/** The package's data folders (CMaps for CJK fonts, standard fonts, decoders), read from disk. */
function dataDir(name: string): string {
  const build = path.dirname(fileURLToPath(import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs')));
  return path.join(build, '..', '..', name) + path.sep;
}

/**
 * The document pdf.js installs a font's @font-face rule into. Without a DOM its font loader fails
 * and asks the worker for the outline of every glyph as a fallback, shipped back as messages: a
 * third of a page's CPU for nothing (text is read from the font's Unicode map, not its shapes).
 * This stand-in takes the rule and drops it; nothing is drawn.
 */
const NO_FONT_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/** How long one PDF may take before it is given up (code `timeout`); a form takes under 1 s. */
export const PDF_DEADLINE_MS = 60_000;

/** Pages parsed concurrently (in this thread) while pdf.js waits for inflated streams. */
const PAGES_AT_ONCE = 4;

/** The most pages read from one PDF; a budget document with dozens of forms has a few hundred. */
export const MAX_PAGES = 2000;

/** What pdf.js reports of an annotation (the fields used here). */
interface Annotation {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  checkBox?: boolean;
  radioButton?: boolean;
  buttonValue?: unknown;
  rect?: number[];
  hidden?: boolean;
}

/**
 * The values of a fillable form's text and choice fields as text runs at the fields' places: a
 * filled-in PDF keeps what was typed in the fields (widget annotations), not in the page text.
 */
function fieldPieces(annotations: Annotation[], view: Matrix): Piece[] {
  const out: Piece[] = [];
  for (const a of annotations) {
    if (a.subtype !== 'Widget' || a.hidden || !Array.isArray(a.rect) || a.rect.length !== 4)
      continue;
    let value = Array.isArray(a.fieldValue) ? a.fieldValue.join(', ') : a.fieldValue;
    if (a.fieldType === 'Btn' && (a.checkBox || a.radioButton)) {
      // a tick box prints as the glyphs forms use for it, next to its printed option
      const on =
        typeof value === 'string' && value !== 'Off' && (!a.radioButton || value === a.buttonValue);
      value = on ? CHECKED_BOXES[0]! : EMPTY_BOXES[0]!;
    } else if (a.fieldType !== 'Tx' && a.fieldType !== 'Ch') continue;
    if (typeof value !== 'string' || value.trim() === '') continue;
    const [p, q] = [apply(view, a.rect[0]!, a.rect[1]!), apply(view, a.rect[2]!, a.rect[3]!)];
    const [left, right] = [Math.min(p[0], q[0]), Math.max(p[0], q[0])];
    const [top, bottom] = [Math.min(p[1], q[1]), Math.max(p[1], q[1])];
    const lines = foldRadicals(value).split(/\r\n?|\n/u);
    const step = (bottom - top) / lines.length;
    const size = Math.max(4, Math.min(12, step * 0.8));
    lines.forEach((line, k) => {
      const ems = [...line].reduce((n, c) => n + (isWide(c) ? 1 : 0.5), 0);
      const x0 = left + 2;
      out.push({
        text: line,
        x0,
        x1: Math.min(right - 1, x0 + ems * size),
        y: top + step * (k + 1) - size * 0.25,
        size,
        gap: false,
        font: 'form-field',
      });
    });
  }
  return out;
}

/** Characters a font with no usable Unicode mapping produces instead of text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const GARBAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uE000-\uF8FF\uFFFD]/gu;

/** Radical code points and the look-alikes of GLYPH_EQUIVALENTS. */
const FOLDED = new RegExp(
  `[\\u2E80-\\u2EF3\\u2F00-\\u2FD5${Object.keys(GLYPH_EQUIVALENTS).join('')}]`,
  'gu',
);

/**
 * Radical code points a font subset put for whole ideographs (居⺠ → 居民, ⽅ → 方), and dashes
 * a font maps to a look-alike (― → —, ⸺ → ——).
 */
export function foldRadicals(text: string): string {
  return text.replace(
    FOLDED,
    (c) => GLYPH_EQUIVALENTS[c] ?? RADICAL_EQUIVALENTS[c] ?? c.normalize('NFKC'),
  );
}

/** Text runs of a page in page coordinates; fonts whose text is mostly garbage are dropped. */
function piecesOf(
  items: TextItem[],
  view: Matrix,
): { pieces: Piece[]; unmapped: Set<string>; stripped: number } {
  const pieces: Piece[] = [];
  const bad = new Map<string, { bad: number; all: number }>();
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str === '' || !Array.isArray(it.transform)) continue;
    const t = it.transform as Matrix;
    const size = Math.hypot(t[2], t[3]) || it.height || 1;
    const len = Math.hypot(t[0], t[1]) || 1;
    const [x, y] = apply(view, t[4], t[5]);
    const [ex, ey] = apply(view, t[4] + (it.width * t[0]) / len, t[5] + (it.width * t[1]) / len);
    const gap = it.str.trim() === '' && it.height === 0;
    if (!gap) {
      const chars = [...it.str].filter((c) => c.trim() !== '');
      const count = bad.get(it.fontName) ?? { bad: 0, all: 0 };
      count.all += chars.length;
      count.bad += it.str.match(GARBAGE)?.length ?? 0;
      bad.set(it.fontName, count);
    }
    pieces.push({
      text: foldRadicals(it.str),
      x0: Math.min(x, ex),
      x1: Math.max(x, ex, x + 0.01),
      y: (y + ey) / 2,
      size,
      gap,
      font: it.fontName,
    });
  }
  const unmapped = new Set(
    [...bad].filter(([, c]) => c.all > 0 && c.bad / c.all >= 0.3).map(([f]) => f),
  );
  // the odd such character in a font that is otherwise readable is left out too, and counted
  let stripped = 0;
  const kept = pieces
    .filter((p) => !unmapped.has(p.font))
    .map((p) => {
      const text = p.text.replace(GARBAGE, '');
      stripped += [...p.text].length - [...text].length;
      return { ...p, text };
    });
  return { pieces: kept, unmapped, stripped };
}

/** Which reader reads a PDF: the fast one with pdf.js for what it declines, or one of them. */
export type PdfReader = 'auto' | 'pdfjs' | 'fast';

/** What the layout needs of one page, from either reader. */
interface PageInput {
  page: number;
  items: TextItem[];
  ops: { fnArray: number[]; argsArray: unknown[] };
  OPS: Record<string, number>;
  viewport: { transform: number[]; width: number; height: number };
  annotations: Annotation[];
}

/** The pages read, and the facts about them that become notes or a refusal. */
interface PagesRead {
  notes: IngestNote[];
  contents: PageContent[];
  textPages: number;
  imagePages: number[];
  unmappedPages: number[];
  /** Pages with no text and no image that paint paths (text turned into outlines, drawings). */
  drawnPages: number;
}

/** Painted paths a page with no text may have and still be blank (a frame, a ruled empty table). */
const PATHS_OF_A_FRAME = 50;

/** A page's text runs and rulings in page coordinates, tallied into `read`. */
function addPage(input: PageInput, read: PagesRead): void {
  const { page: n, items, viewport } = input;
  const { view, width, height } = upright(
    items,
    viewport.transform as Matrix,
    viewport.width,
    viewport.height,
  );
  const { pieces, unmapped, stripped } = piecesOf(items, view);
  pieces.push(...fieldPieces(input.annotations, view));
  const lines = drawing(input.OPS, input.ops, view);
  const hasText = pieces.some((p) => !p.gap && p.text.trim() !== '');
  if (unmapped.size > 0 || stripped > 0) read.unmappedPages.push(n);
  if (hasText) read.textPages++;
  else if (lines.images > 0 && unmapped.size === 0) read.imagePages.push(n);
  else if (lines.paths > PATHS_OF_A_FRAME) read.drawnPages++;
  read.contents[n - 1] = { page: n, width, height, pieces, h: lines.h, v: lines.v };
}

/** An empty tally for a document of `numPages` pages, and how many of them are read. */
function startRead(numPages: number): { read: PagesRead; count: number } {
  const read: PagesRead = {
    notes: [],
    contents: [],
    textPages: 0,
    imagePages: [],
    unmappedPages: [],
    drawnPages: 0,
  };
  if (numPages > MAX_PAGES) {
    read.notes.push({
      code: 'truncated_document',
      severity: 'warning',
      message: `The PDF has ${numPages} pages; only the first ${MAX_PAGES} were read.`,
      origin: null,
    });
  }
  return { read, count: Math.min(numPages, MAX_PAGES) };
}

const timeout = (deadlineMs: number, page: number, count: number): IngestError =>
  new IngestError(
    'timeout',
    `Reading the PDF took longer than ${deadlineMs / 1000} s (at page ${page} of ${count}); it was stopped.`,
  );

/**
 * The pages through the fast reader (synchronously, pdf.js not loaded), or null when it declines
 * the document: it reads a document whole or not at all, so no document is read half by each.
 */
function readFast(
  buf: Buffer,
  deadlineMs: number,
  started: number,
  required: boolean,
): PagesRead | null {
  let page = 0;
  let count = 0;
  const budget = {
    operations: 0,
    check: () => {
      if (performance.now() - started > deadlineMs) throw timeout(deadlineMs, page, count);
    },
  };
  try {
    const pdf = new FastPdf(buf);
    const start = startRead(pdf.numPages);
    count = start.count;
    for (page = 1; page <= count; page++) {
      const { items, ops, viewport, clipped } = pdf.page(page, budget);
      addPage({ page, items, ops, OPS: FAST_OPS, viewport, annotations: [] }, start.read);
      if (clipped > 0) {
        start.read.notes.push({
          code: 'clipped_text',
          severity: 'info',
          message: `${clipped} character(s) drawn outside their clipping area, which a viewer does not show, were not read.`,
          origin: origin({ page }),
        });
      }
      budget.check();
    }
    return start.read;
  } catch (err) {
    // A document it does not understand, or trips on, goes to pdf.js; a timeout stands.
    if (required || err instanceof IngestError) throw err;
    return null;
  }
}

/**
 * The pages through pdf.js. The deadline counts from the first page (not pdf.js's start-up nor
 * the opening of the document) and includes what the fast reader spent before it declined.
 */
async function readWithPdfjs(buf: Buffer, deadlineMs: number, spent: number): Promise<PagesRead> {
  const pdf = await pdfjs();
  const task = pdf.getDocument({
    data: new Uint8Array(buf), // a copy: pdf.js takes ownership of the bytes it is given
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dataDir('standard_fonts'),
    wasmUrl: dataDir('wasm'),
    isEvalSupported: false,
    disableFontFace: false,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    ownerDocument: NO_FONT_DOCUMENT,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new IngestError(
        'encrypted',
        'The PDF is encrypted: it cannot be opened without a password.',
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new IngestError('corrupt_container', `The PDF cannot be read: ${message}`);
  }
  try {
    const { read, count } = startRead(doc.numPages);
    // Pages are read a few at a time: pdf.js inflates streams asynchronously, and another
    // page's parsing fills that wait. Results are kept in page order.
    const readPage = async (n: number): Promise<void> => {
      // a page pdf.js cannot build (a page tree that loops, a broken page object) is damage
      const { page, text, ops, annotations } = await (async () => {
        const page = await doc.getPage(n);
        // Annotations are left out of the drawing (a form field's box is no table ruling); the
        // values typed into a fillable form's fields are read from the fields themselves.
        const [text, ops, annotations] = await Promise.all([
          page.getTextContent({ includeMarkedContent: false, disableNormalization: true }),
          page.getOperatorList({ annotationMode: pdf.AnnotationMode.DISABLE }),
          page.getAnnotations({ intent: 'display' }) as Promise<Annotation[]>,
        ]);
        return { page, text, ops, annotations };
      })().catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        throw new IngestError('corrupt_container', `The PDF cannot be read: ${message}`);
      });
      const viewport = page.getViewport({ scale: 1 });
      const items = text.items as TextItem[];
      const OPS = pdf.OPS as Record<string, number>;
      addPage({ page: n, items, ops, OPS, viewport, annotations }, read);
      page.cleanup();
    };
    const started = performance.now() - spent;
    for (let first = 1; first <= count; first += PAGES_AT_ONCE) {
      const batch = [];
      for (let n = first; n < first + PAGES_AT_ONCE && n <= count; n++) batch.push(readPage(n));
      // a PDF that takes too long (a crafted content stream) is given up, not waited for
      const left = deadlineMs - (performance.now() - started);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>(
        (resolve) => (timer = setTimeout(() => resolve('late'), left)),
      );
      const outcome = await Promise.race([Promise.all(batch), late]).finally(() =>
        clearTimeout(timer),
      );
      if (outcome === 'late') {
        batch.forEach((p) => p.catch(() => undefined)); // they fail once the document is destroyed
        throw timeout(deadlineMs, first, count);
      }
    }
    read.unmappedPages.sort((a, b) => a - b);
    read.imagePages.sort((a, b) => a - b);
    return read;
  } finally {
    await doc.destroy();
  }
}

/** Turns a PDF into a SourceDocument: one part, blocks of every page in reading order. */
export async function ingestPdf(
  buf: Buffer,
  options: { deadlineMs?: number; reader?: PdfReader } = {},
): Promise<{ doc: SourceDocument }> {
  const deadlineMs = options.deadlineMs ?? PDF_DEADLINE_MS;
  const reader = options.reader ?? 'auto';
  const started = performance.now();
  const fast = reader === 'pdfjs' ? null : readFast(buf, deadlineMs, started, reader === 'fast');
  const { notes, contents, textPages, imagePages, unmappedPages, drawnPages } =
    fast ?? (await readWithPdfjs(buf, deadlineMs, performance.now() - started));
  const blocks: PdfBlock[] = [];
  const furniture = dropFurniture(contents);
  if (furniture > 0) {
    notes.push({
      code: 'page_furniture_dropped',
      severity: 'info',
      message: `${furniture} header or footer line(s) printed in the page margins (page numbers, a printing date, a file path repeated on each page) were not read.`,
      origin: null,
    });
  }
  const bands = joinBands(contents);
  for (const join of bands.joins) {
    notes.push({
      code: 'page_continues_right',
      severity: 'info',
      message: `Page ${join.page} holds the columns of page ${join.into} that did not fit on its paper; it was read beside it.`,
      origin: origin({ page: join.page }),
    });
  }
  for (const content of bands.contents) blocks.push(...pageBlocks(content));
  if (textPages === 0) {
    if (unmappedPages.length > 0) {
      throw new IngestError(
        'unmapped_font',
        "The PDF's text is in fonts with no usable Unicode mapping: it cannot be read as text.",
      );
    }
    if (imagePages.length === 0 && drawnPages > 0)
      throw new IngestError(
        'no_text_layer',
        'The PDF has no text: its pages are drawn (text turned into outlines, or drawings); OCR is not done.',
      );
    if (imagePages.length === 0)
      throw new IngestError(
        'no_form_found',
        'The PDF has no text and no image: its pages are blank.',
      );
    throw new IngestError(
      'no_text_layer',
      'The PDF has no text layer: its pages are images (a scan); OCR is not done.',
    );
  }
  for (const n of imagePages) {
    notes.push({
      code: 'no_text_layer',
      severity: 'warning',
      message: `Page ${n} has no text layer (an image or a scan); it was not read.`,
      origin: origin({ page: n }),
    });
  }
  for (const n of unmappedPages) {
    notes.push({
      code: 'unmapped_font',
      severity: 'warning',
      message: `Page ${n} has text with no usable Unicode mapping (a font without one, or control and private-use code points); that text was left out rather than read as garbage.`,
      origin: origin({ page: n }),
    });
  }
  // (the page read after a page: past those read beside their pages)
  const order = bands.contents.map((c) => c.page);
  const next = (page: number): number => {
    const k = order.indexOf(page);
    return k < 0 ? page + 1 : (order[k + 1] ?? page + 1);
  };
  const read = toBlocks(blocks, notes, next);
  placeBands(read, bands.joins);
  return { doc: { parts: [{ sheet: null, hidden: false, blocks: read }], notes } };
}
