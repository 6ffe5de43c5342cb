// Format detection reads the bytes, not the file name: PDFs, OOXML zips, OLE2 files, HTML, text.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../src/ingest/detect.js';

/** A minimal zip: one stored local file header per entry name, then a central directory. */
function zipWith(...names: string[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.write('PK\x03\x04', 0, 'latin1');
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(n.length, 26);
    const cd = Buffer.alloc(46);
    cd.write('PK\x01\x02', 0, 'latin1');
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, n);
    central.push(cd, n);
    offset += local.length + n.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.write('PK\x05\x06', 0, 'latin1');
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, eocd]);
}

/** A minimal OLE2 compound file: header sector, then a directory sector naming the streams. */
function ole2With(...streams: string[]): Buffer {
  const buf = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x3e, 24); // minor version
  buf.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  buf.writeUInt16LE(0xfffe, 28); // little-endian
  buf.writeUInt16LE(9, 30); // sector shift
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = 512 + i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(buf, at);
    buf.writeUInt16LE(n.length, at + 64);
    buf.writeUInt8(i === 0 ? 5 : 2, at + 66); // root storage / stream
  });
  return buf;
}

/** Deterministic noise (a linear congruential generator), so the test never flakes. */
function noise(length: number, seed = 7): Buffer {
  const buf = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  return buf;
}

describe('detectFormat', () => {
  it('recognises a PDF by %PDF-, also after leading bytes and whatever its name', () => {
    const pdf = Buffer.from(
      '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
      'latin1',
    );
    expect(detectFormat(pdf, 'form.pdf')).toEqual({ format: 'pdf' });
    expect(detectFormat(pdf, 'form.html')).toEqual({ format: 'pdf' });
    const prefixed = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a]), pdf]);
    expect(detectFormat(prefixed, 'form.doc')).toEqual({ format: 'pdf' });
  });

  it('tells docx, xlsx and other zips apart by their entry names', () => {
    const docx = zipWith('[Content_Types].xml', '_rels/.rels', 'word/document.xml');
    const xlsx = zipWith('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml');
    const xlsb = zipWith('[Content_Types].xml', 'xl/workbook.bin');
    expect(detectFormat(docx, 'a.xlsx')).toEqual({ format: 'docx' });
    expect(detectFormat(xlsx, 'a.docx')).toEqual({ format: 'xlsx' });
    expect(detectFormat(xlsb, 'a.xlsb')).toEqual({ format: 'xlsx' });
    expect(detectFormat(zipWith('readme.txt', 'forms/a.pdf'), 'a.docx')).toEqual({ format: 'zip' });
    // OpenDocument and OFD packages are documents of their own, not archives of inputs
    const odt = zipWith('mimetype', 'content.xml', 'styles.xml', 'META-INF/manifest.xml');
    expect(detectFormat(odt, 'a.odt')).toEqual({ format: 'odf' });
    expect(detectFormat(zipWith('OFD.xml', 'Doc_0/Document.xml'), 'a.ofd')).toEqual({
      format: 'ofd',
    });
  });

  it('reads a page holding a stray NUL, or padded with them, as HTML', () => {
    const page = '<html><body><table><tr><td>项目名称</td><td>甲</td></tr></table></body></html>';
    const one = Buffer.from(page.replace('甲', '甲\0'), 'utf8');
    const padded = Buffer.concat([Buffer.from(page, 'utf8'), Buffer.alloc(4096)]);
    expect(detectFormat(one, 'a.html')).toEqual({ format: 'html' });
    expect(detectFormat(padded, 'a.html')).toEqual({ format: 'html' });
    // binary bytes that merely hold a tag are not a page
    const binary = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0, 0, 0]), Buffer.from(page)]);
    expect(detectFormat(binary, 'a.html').format).not.toBe('html');
  });

  it('tells xls, doc and encrypted OOXML apart by OLE2 stream names', () => {
    expect(detectFormat(ole2With('Workbook', '\x05SummaryInformation'), 'a.xls')).toEqual({
      format: 'xls',
    });
    expect(detectFormat(ole2With('Book'), 'old.bin')).toEqual({ format: 'xls' });
    expect(detectFormat(ole2With('WordDocument', '1Table'), 'a.xls')).toEqual({ format: 'doc' });
    const encrypted = ole2With('EncryptionInfo', 'EncryptedPackage', '\x06DataSpaces');
    expect(detectFormat(encrypted, 'secret.xlsx')).toEqual({ format: 'xlsx', encrypted: true });
    expect(detectFormat(encrypted, 'secret.docx')).toEqual({ format: 'docx', encrypted: true });
    expect(detectFormat(encrypted, 'secret')).toEqual({ format: 'unknown', encrypted: true });
    expect(detectFormat(ole2With('PowerPoint Document'), 'a.ppt')).toEqual({ format: 'unknown' });
  });

  it('calls an Office container cut short damaged, with the format its name claims', () => {
    const ole = ole2With('Workbook');
    expect(detectFormat(ole.subarray(0, 512), 'a.xls')).toEqual({ format: 'xls', damaged: true });
    // a directory without the stream the name promises
    expect(detectFormat(ole2With('Other'), 'a.doc')).toEqual({ format: 'doc', damaged: true });
    const docx = zipWith('[Content_Types].xml', 'word/document.xml');
    expect(detectFormat(docx, 'a.docx')).toEqual({ format: 'docx' });
    // cut before its central directory: only the first entry's name is left
    const cut = docx.subarray(0, 40);
    expect(detectFormat(cut, 'a.docx')).toEqual({ format: 'docx', damaged: true });
  });

  it('calls a file with no bytes or only whitespace empty', () => {
    expect(detectFormat(Buffer.alloc(0), 'a.html')).toEqual({ format: 'empty' });
    expect(detectFormat(Buffer.from(' \r\n\t\n'), 'a.pdf')).toEqual({ format: 'empty' });
    expect(detectFormat(Buffer.from([0xef, 0xbb, 0xbf, 0x0a]), 'a.html')).toEqual({
      format: 'empty',
    });
  });

  it('does not take random bytes named .html for HTML', () => {
    for (const seed of [1, 2, 3, 42]) {
      expect(detectFormat(noise(4096, seed), 'form.html').format).toBe('unknown');
    }
    // Even with a tag-like start, binary bytes are not a page.
    const tagged = Buffer.concat([Buffer.from('<table>'), noise(2048)]);
    expect(detectFormat(tagged, 'form.html').format).toBe('unknown');
  });

  it('finds HTML without a doctype, Excel web exports, and GBK HTML', () => {
    expect(detectFormat(Buffer.from('<table><tr><td>项目名称</td></tr></table>'), 'a.xls')).toEqual(
      {
        format: 'html',
      },
    );
    expect(detectFormat(Buffer.from('\n\n  <p>说明</p>'), 'a.txt')).toEqual({ format: 'html' });
    const excel =
      '<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\n' +
      'xmlns:x="urn:schemas-microsoft-com:office:excel"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n';
    expect(detectFormat(Buffer.from(excel), 'sheet001.xls')).toEqual({ format: 'html' });
    const gbk = Buffer.concat([
      Buffer.from('<html><body>'),
      Buffer.from('cfeec4bfc3fbb3c6', 'hex'),
    ]);
    expect(detectFormat(gbk, 'a.doc')).toEqual({ format: 'html' });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<html><body>表</body></html>', 'utf16le'),
    ]);
    expect(detectFormat(utf16, 'a.htm')).toEqual({ format: 'html' });
  });

  it('calls a single-file web page (.mht) HTML: the page is taken out of its MIME part', () => {
    const mht =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n' +
      '------=_NextPart_01\r\nContent-Type: text/html; charset="gb2312"\r\n' +
      'Content-Transfer-Encoding: quoted-printable\r\n\r\n<html xmlns:v=3D"urn:schemas-microsoft-com:vml">\r\n';
    expect(detectFormat(Buffer.from(mht), 'form.mht').format).toBe('html');
  });

  it('calls plain UTF-8 or GBK text text', () => {
    expect(detectFormat(Buffer.from('项目名称：促进就业\n年度：2024\n'), 'a.html')).toEqual({
      format: 'text',
    });
    const gbk = Buffer.from('cfeec4bfc3fbb3c63a0a', 'hex');
    expect(detectFormat(gbk, 'a.txt')).toEqual({ format: 'text' });
  });
});

describe('a file named after another format than it holds', () => {
  it('is read as what it holds, with an info diagnostic; a matching name adds none', async () => {
    const { extractBuffer } = await import('../src/pipeline.js');
    const html = Buffer.from(
      `<meta charset="utf-8"><p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>数量</td><td>≥30家</td></tr></table>`,
    );
    const named = await extractBuffer(html, 'form.xlsx');
    expect(named.status).toBe('ok');
    expect(named.records[0]!.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'extension_differs',
        severity: 'info',
        message: 'The file is named .xlsx but holds an HTML page; it was read as such.',
      }),
    );
    const plain = await extractBuffer(html, 'form.html');
    expect(plain.records[0]!.diagnostics.map((d) => d.code)).not.toContain('extension_differs');
  });
});
