// Excel "XML Spreadsheet 2003" (SpreadsheetML), which budget systems and LibreOffice write as
// .xls or .xml. SheetJS reads it, but places each cell one column after the one before unless it
// carries ss:Index; writers that leave out ss:Index for cells after a range merged down from a row
// above (LibreOffice does) would shift every cell of such rows to the left. Before SheetJS reads
// the text, such cells get the ss:Index of the first column no merge covers.

/** Declared encodings that mean GBK (a superset decoder reads them all). */
const GBK_NAMES = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|windows-936)$/iu;

/** The workbook's text, decoded as its BOM or XML declaration says (UTF-8 otherwise). */
export function spreadsheetMlText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/u.exec(
    buf.subarray(start, start + 256).toString('latin1'),
  )?.[1];
  if (declared && GBK_NAMES.test(declared)) {
    return new TextDecoder('gb18030')
      .decode(buf.subarray(start))
      .replace(/(<\?xml[^>]*encoding\s*=\s*["'])[\w-]+/u, '$1UTF-8');
  }
  return buf.subarray(start).toString('utf8');
}

const TAG = /<(\/?)(?:[\w]+:)?(Worksheet|Row|Cell)\b([^>]*?)(\/?)>/gu;
const attr = (attrs: string, name: string): number | null => {
  const m = new RegExp(`\\b(?:\\w+:)?${name}\\s*=\\s*["'](\\d+)["']`, 'u').exec(attrs);
  return m ? Number(m[1]) : null;
};

/**
 * Gives ss:Index to every cell that a writer placed by sequence while an earlier row's
 * ss:MergeDown covers the column it would take; other text is unchanged.
 */
export function indexCoveredCells(xml: string): string {
  /** Covered columns (1-based) per row (1-based) of the current worksheet. */
  let covered = new Map<number, Set<number>>();
  let row = 0;
  let col = 0;
  return xml.replace(TAG, (tag, close: string, name: string, attrs: string) => {
    if (close) return tag;
    if (name === 'Worksheet') {
      covered = new Map();
      row = 0;
      return tag;
    }
    if (name === 'Row') {
      row = attr(attrs, 'Index') ?? row + 1;
      col = 0;
      return tag;
    }
    const index = attr(attrs, 'Index');
    const natural = index ?? col + 1;
    let at = natural;
    const skip = covered.get(row);
    while (skip?.has(at)) at++;
    const across = attr(attrs, 'MergeAcross') ?? 0;
    const down = attr(attrs, 'MergeDown') ?? 0;
    for (let r = row; r <= row + down; r++) {
      for (let c = at; c <= at + across; c++) {
        if (r === row && c === at) continue;
        let set = covered.get(r);
        if (!set) covered.set(r, (set = new Set()));
        set.add(c);
      }
    }
    col = at + across;
    if (at === natural) return tag;
    return index === null
      ? tag.replace(/^<((?:\w+:)?Cell)\b/u, `<$1 ss:Index="${at}"`)
      : tag.replace(/\b((?:\w+:)?Index\s*=\s*["'])\d+/u, `$1${at}`);
  });
}
