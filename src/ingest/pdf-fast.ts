// The fast PDF reader: the document's pages with what pdf.js would give the layout for each (text
// runs, the drawing operators, the viewport), read synchronously from the bytes. It reads only
// documents it understands throughout; anything else (encryption, fillable forms, fonts or filters
// it does not know, a broken structure) is Unsupported, and pdf.js reads the whole document.
import { readPage, type Budget, type OperatorList } from './pdf-content.js';
import type { TextItem } from './pdf-draw.js';
import { MisplacedObject, PdfFile } from './pdf-file.js';
import { Fonts } from './pdf-font.js';
import { PdfDict, PdfName, PdfStream, unsupported, type PdfObject } from './pdf-syntax.js';

export { Unsupported } from './pdf-syntax.js';

export interface FastPage {
  items: TextItem[];
  ops: OperatorList;
  /** As pdf.js's page.getViewport({ scale: 1 }). */
  viewport: { transform: number[]; width: number; height: number };
  /** Glyphs drawn outside their clipping rectangle, not read (pdf.js reads them). */
  clipped: number;
}

/** What a page takes from its ancestors in the page tree. */
interface PageNode {
  dict: PdfDict;
  resources: PdfDict[];
  mediaBox: PdfObject | undefined;
  cropBox: PdfObject | undefined;
  rotate: PdfObject | undefined;
}

const LETTER = [0, 0, 612, 792];
const MAX_TREE_DEPTH = 64;

export class FastPdf {
  private readonly file: PdfFile;
  private readonly fonts: Fonts;
  private readonly pages: PageNode[];

  /**
   * Opens a document, or throws Unsupported. As pdf.js does, the cross-reference is rebuilt from
   * the objects themselves when the catalog or the page tree is not where it says; any other
   * misplaced object pdf.js reads around in its own way, so such a document is declined.
   */
  constructor(data: Uint8Array) {
    try {
      this.file = new PdfFile(data);
      this.pages = this.pageTree();
    } catch (err) {
      if (!(err instanceof MisplacedObject)) throw err;
      this.file = new PdfFile(data, true);
      this.pages = this.pageTree();
    }
    this.fonts = new Fonts(this.file);
  }

  /** The pages, after the checks that make a document pdf.js's to read. */
  private pageTree(): PageNode[] {
    const { file } = this;
    if (file.trailer.raw('Encrypt') !== undefined) unsupported('encrypted');
    const catalog = file.get(file.trailer, 'Root');
    if (!(catalog instanceof PdfDict)) return unsupported('no catalog');
    const form = file.get(catalog, 'AcroForm');
    const fields = form instanceof PdfDict ? file.get(form, 'Fields') : undefined;
    if (Array.isArray(fields) && fields.length > 0) unsupported('fillable form (AcroForm)');
    const root = file.get(catalog, 'Pages');
    if (!(root instanceof PdfDict)) return unsupported('no page tree');
    const pages: PageNode[] = [];
    this.collect(root, { resources: [], depth: 0 }, new Set(), pages);
    if (file.get(root, 'Count') !== pages.length) unsupported('page count disagrees');
    return pages;
  }

  get numPages(): number {
    return this.pages.length;
  }

  /** Page `n` (from 1), or throws Unsupported. */
  page(n: number, budget: Budget): FastPage {
    const node = this.pages[n - 1]!;
    const { file } = this;
    this.checkAnnotations(node.dict);
    const view = pageView(node);
    const rotate = pageRotation(node.rotate);
    const unit = file.get(node.dict, 'UserUnit');
    const scale = typeof unit === 'number' && unit > 0 ? unit : 1;
    const resources = mergeResources(node.resources);
    const { items, ops, clipped } = readPage(
      file,
      this.fonts,
      this.content(node.dict),
      resources,
      view,
      budget,
    );
    return { items, ops, viewport: viewport(view, rotate, scale), clipped };
  }

  /** Walks the page tree, each page with what it inherits (the tree's depth bounded). */
  private collect(
    node: PdfDict,
    inherited: Partial<PageNode> & { resources: PdfDict[]; depth: number },
    seen: Set<PdfDict>,
    pages: PageNode[],
  ): void {
    const { file } = this;
    if (seen.has(node)) return unsupported('page tree loops');
    if (inherited.depth > MAX_TREE_DEPTH) return unsupported('page tree too deep');
    seen.add(node);
    const own = file.get(node, 'Resources');
    const here = {
      resources: own instanceof PdfDict ? [own, ...inherited.resources] : inherited.resources,
      mediaBox:
        node.raw('MediaBox') !== undefined ? file.get(node, 'MediaBox') : inherited.mediaBox,
      cropBox: node.raw('CropBox') !== undefined ? file.get(node, 'CropBox') : inherited.cropBox,
      rotate: node.raw('Rotate') !== undefined ? file.get(node, 'Rotate') : inherited.rotate,
      depth: inherited.depth + 1,
    };
    const type = file.get(node, 'Type');
    const kids = file.get(node, 'Kids');
    if (type instanceof PdfName && type.name === 'Page' && kids === undefined) {
      const { depth: _depth, ...page } = here;
      pages.push({ dict: node, ...page });
      return;
    }
    if (!Array.isArray(kids)) return unsupported('page tree node without kids');
    for (const kid of kids) {
      const dict = file.resolve(kid);
      if (!(dict instanceof PdfDict)) return unsupported('page tree kid is not a dictionary');
      this.collect(dict, here, seen, pages);
    }
  }

  /** A widget annotation holds a fillable field's value, which pdf.js reads. */
  private checkAnnotations(page: PdfDict): void {
    const annots = this.file.get(page, 'Annots');
    for (const a of Array.isArray(annots) ? annots : []) {
      const annot = this.file.resolve(a);
      const subtype = annot instanceof PdfDict ? this.file.get(annot, 'Subtype') : undefined;
      if (subtype instanceof PdfName && subtype.name === 'Widget') unsupported('form field');
    }
  }

  /** The page's content streams decoded and joined (pdf.js joins them without a separator). */
  private content(page: PdfDict): Uint8Array {
    const { file } = this;
    const value = file.get(page, 'Contents');
    if (value instanceof PdfStream) {
      if (value.dict.raw('Resources') !== undefined) unsupported('content stream with resources');
      return file.bytes(value);
    }
    if (value === undefined || value === null) return new Uint8Array(0);
    if (!Array.isArray(value)) return unsupported('bad /Contents');
    const parts = value.map((v) => file.resolve(v));
    if (!parts.every((p): p is PdfStream => p instanceof PdfStream)) {
      return unsupported('/Contents entry that is not a stream');
    }
    return Buffer.concat(parts.map((p) => file.bytes(p)));
  }
}

/**
 * Resources inherited from several levels of the page tree merged as pdf.js merges them: each
 * key from the nearest level that has it.
 */
function mergeResources(levels: PdfDict[]): PdfDict | null {
  if (levels.length <= 1) return levels[0] ?? null;
  const merged = new PdfDict();
  for (const level of levels) {
    for (const [key, value] of level.map) if (!merged.map.has(key)) merged.map.set(key, value);
  }
  return merged;
}

function box(value: PdfObject | undefined): number[] | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  if (!value.every((v) => typeof v === 'number')) return null;
  const [a, b, c, d] = value as number[];
  const r = [Math.min(a!, c!), Math.min(b!, d!), Math.max(a!, c!), Math.max(b!, d!)];
  return r[2]! - r[0]! > 0 && r[3]! - r[1]! > 0 ? r : null;
}

/** pdf.js's page.view: the crop box within the media box. */
function pageView(node: PageNode): number[] {
  const media = box(node.mediaBox) ?? LETTER;
  const crop = box(node.cropBox) ?? media;
  if (crop.some((v, i) => v !== media[i])) {
    const r = [
      Math.max(crop[0]!, media[0]!),
      Math.max(crop[1]!, media[1]!),
      Math.min(crop[2]!, media[2]!),
      Math.min(crop[3]!, media[3]!),
    ];
    if (r[2]! - r[0]! > 0 && r[3]! - r[1]! > 0) return r;
  }
  return media;
}

/** pdf.js's page.rotate: a multiple of 90 in [0, 360), else 0. */
function pageRotation(value: PdfObject | undefined): number {
  const rotate = typeof value === 'number' ? value : 0;
  if (rotate % 90 !== 0) return 0;
  if (rotate >= 360) return rotate % 360;
  if (rotate < 0) return ((rotate % 360) + 360) % 360;
  return rotate;
}

/** pdf.js's PageViewport for scale 1 (y flipped, the page turned by /Rotate). */
function viewport(
  view: number[],
  rotation: number,
  scale: number,
): { transform: number[]; width: number; height: number } {
  const [x0, y0, x1, y1] = view as [number, number, number, number];
  const [cx, cy] = [(x1 + x0) / 2, (y1 + y0) / 2];
  const [a, b, c, d] =
    rotation === 180
      ? [-1, 0, 0, 1]
      : rotation === 90
        ? [0, 1, 1, 0]
        : rotation === 270
          ? [0, -1, -1, 0]
          : [1, 0, 0, -1];
  const turned = a === 0;
  const offsetX = Math.abs((turned ? cy - y0 : cx - x0) * scale);
  const offsetY = Math.abs((turned ? cx - x0 : cy - y0) * scale);
  const width = (turned ? y1 - y0 : x1 - x0) * scale;
  const height = (turned ? x1 - x0 : y1 - y0) * scale;
  return {
    transform: [
      a * scale,
      b * scale,
      c * scale,
      d * scale,
      offsetX - a * scale * cx - c * scale * cy,
      offsetY - b * scale * cx - d * scale * cy,
    ],
    width,
    height,
  };
}
