// The HTML ingester: spans expanded into a grid, nested and layout tables, line breaks,
// scripts ignored, and the encodings that real forms arrive in (GBK without meta, GB2312, BOM).
import { describe, expect, it } from 'vitest';
import { ingestHtml } from '../src/ingest/html.js';
import { decodeHtml } from '../src/ingest/encoding.js';
import type { Block, Cell, Paragraph, SourceDocument, Table } from '../src/model/document.js';
import { extractBufferSync as extractBuffer } from '../src/pipeline.js';
import { readFileSync } from 'node:fs';
import { comparable } from './helpers/comparable.js';

function ingest(html: string | Buffer): SourceDocument {
  return ingestHtml(typeof html === 'string' ? Buffer.from(html, 'utf8') : html).doc;
}
function blocks(doc: SourceDocument): Block[] {
  expect(doc.parts).toHaveLength(1);
  return doc.parts[0]?.blocks ?? [];
}
function tables(doc: SourceDocument): Table[] {
  return blocks(doc).filter((b): b is Table => b.kind === 'table');
}
function paragraphs(doc: SourceDocument): Paragraph[] {
  return blocks(doc).filter((b): b is Paragraph => b.kind === 'paragraph');
}
/** [row, col, rowSpan, colSpan, text] per cell, for compact comparison. */
function grid(t: Table | undefined): [number, number, number, number, string][] {
  return (t?.cells ?? []).map((c: Cell) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);
}
/** Bytes from ASCII text with hex-written (e.g. GBK) pieces interpolated. */
function bytes(strings: TemplateStringsArray, ...hex: string[]): Buffer {
  const parts: Buffer[] = [];
  strings.forEach((s, i) => {
    parts.push(Buffer.from(s, 'latin1'));
    const h = hex[i];
    if (h !== undefined) parts.push(Buffer.from(h, 'hex'));
  });
  return Buffer.concat(parts);
}

describe('a page saved half in one encoding, half in another', () => {
  it('says that some of its characters could not be decoded', () => {
    const gbk = readFileSync('fixtures/forms/dept-overall-gbk.html');
    const codes = (buf: Buffer) => ingestHtml(buf).doc.notes.map((n) => n.code);
    expect(codes(gbk)).not.toContain('undecodable_bytes');
    // private-use characters are text of their own (a Wingdings box), not undecodable bytes
    const boxes = Buffer.from('<meta charset="utf-8"><p>\uF0FE是 \uF0A8否</p>', 'utf8');
    expect(codes(boxes)).not.toContain('undecodable_bytes');
    // (the form's first half in UTF-8, the rest in GBK)
    expect(codes(readFileSync('fixtures/bad/mixed-utf8-gbk.html'))).toContain('undecodable_bytes');
  });
});

describe('table grid', () => {
  it('expands rowspan/colspan, clips a rowspan that overruns the table and keeps ragged rows', () => {
    const doc = ingest(`<table>
      <thead><tr><th rowspan="3">一级指标</th><th colspan=2>二级指标</th><th>指标值</th></tr></thead>
      <tbody>
        <tr><td rowspan="99">数量指标</td><td>培训人数</td><td>≥100</td></tr>
        <tr><td>覆盖率</td></tr>
        <tr><td colspan="0">满意度</td><td colspan="-3">调查</td><td rowspan="abc">≥90%</td></tr>
      </tbody></table>`);
    const [t] = tables(doc);
    expect(t?.rowCount).toBe(4);
    expect(t?.colCount).toBe(4);
    expect(grid(t)).toEqual([
      [0, 0, 3, 1, '一级指标'],
      [0, 1, 1, 2, '二级指标'],
      [0, 3, 1, 1, '指标值'],
      [1, 1, 3, 1, '数量指标'], // rowspan 99 clipped to the table's last row
      [1, 2, 1, 1, '培训人数'],
      [1, 3, 1, 1, '≥100'],
      [2, 2, 1, 1, '覆盖率'], // ragged row: one cell, slot (2,3) stays empty
      [3, 0, 1, 1, '满意度'],
      [3, 2, 1, 1, '调查'], // (3,1) is still taken by the rowspan above
      [3, 3, 1, 1, '≥90%'],
    ]);
    expect(t?.origin.table).toBe(1);
    expect(t?.cells[4]?.origin).toMatchObject({ table: 1, row: 2, col: 3 });
  });

  it('clips huge colspans and stops a colspan at a slot taken by an earlier rowspan', () => {
    const doc = ingest(`<table>
      <tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>
      <tr><td colspan="100000">d</td><td>e</td></tr>
      <tr><td colspan=3>f</td></tr></table>`);
    const [t] = tables(doc);
    expect(grid(t)).toEqual([
      [0, 0, 1, 1, 'a'],
      [0, 1, 2, 1, 'b'],
      [0, 2, 1, 1, 'c'],
      [1, 0, 1, 1, 'd'],
      [1, 2, 1, 1, 'e'],
      [2, 0, 1, 3, 'f'],
    ]);
    expect(t?.colCount).toBe(3);
  });

  it('lets rowspan="0" run to the end of its row group', () => {
    const doc = ingest(`<table>
      <thead><tr><th rowspan=0>表头</th><th>甲</th></tr><tr><th>乙</th></tr></thead>
      <tbody><tr><td>丙</td><td>丁</td></tr></tbody></table>`);
    expect(grid(tables(doc)[0])).toEqual([
      [0, 0, 2, 1, '表头'],
      [0, 1, 1, 1, '甲'],
      [1, 1, 1, 1, '乙'],
      [2, 0, 1, 1, '丙'],
      [2, 1, 1, 1, '丁'],
    ]);
  });

  it('emits a nested table after its container and drops a pure layout wrapper', () => {
    const doc = ingest(`<body>
      <table><tr><td>
        <table><tr><td>项目名称</td><td>促进就业</td></tr></table>
      </td></tr></table>
      <table><tr><td>外层说明</td><td>
        <table><tr><td>内层</td></tr></table>
        外层尾注
      </td></tr></table>
      <p>落款</p></body>`);
    const ts = tables(doc);
    expect(ts.map((t) => t.cells.map((c) => c.text))).toEqual([
      ['项目名称', '促进就业'], // the wrapper around it was not emitted
      ['外层说明', '外层尾注'], // the outer cell's text excludes the nested table
      ['内层'],
    ]);
    expect(ts.map((t) => t.origin.table)).toEqual([1, 2, 3]);
    expect(ts[2]?.cells[0]?.origin).toMatchObject({ table: 3, row: 1, col: 1 });
    // the cell holding the nested table; a table in a layout wrapper has no host
    expect(ts.map((t) => t.host)).toEqual([undefined, undefined, { table: 2, row: 1, col: 2 }]);
    expect(blocks(doc).map((b) => b.kind)).toEqual(['table', 'table', 'table', 'paragraph']);
  });

  it('turns <br> and block elements in cells into line breaks and keeps escaped tags as text', () => {
    const doc = ingest(`<table><tr>
      <td>(1) 根据<br>(2) 全年<br/>  计划</td>
      <td><p>第一段</p><p>第二段</p><div>第三段</div></td>
      <td>&lt;p&gt;调查样本&lt;/p&gt;&amp;&nbsp;</td>
    </tr></table>`);
    expect(tables(doc)[0]?.cells.map((c) => c.text)).toEqual([
      '(1) 根据\n(2) 全年\n计划',
      '第一段\n第二段\n第三段',
      '<p>调查样本</p>&',
    ]);
  });
});

describe('paragraphs and invisible content', () => {
  it('makes one paragraph per block and loose run, and never reads script or style', () => {
    const doc = ingest(`<!DOCTYPE html><html><head><title>标题栏</title>
      <style>td { color: red } .x:before { content: "STYLE" }</style>
      <script>document.write('<p>SCRIPT</p>')</script></head>
      <body><h1>财政政策绩效目标申报表</h1>
      <p>（2024年度）<br>填报单位：某局</p>
      松散文字 <b>加粗</b>
      <script>var visible = "SCRIPT2";</script><noscript>NOSCRIPT</noscript>
      <div><p></p>&nbsp;</div>
      <table><tr><td>项目名称<script>document.write('SCRIPT3')</script></td></tr></table>
      </body></html>`);
    expect(paragraphs(doc).map((p) => [p.text, p.origin.paragraph])).toEqual([
      ['财政政策绩效目标申报表', 1],
      ['（2024年度）\n填报单位：某局', 2],
      ['松散文字 加粗', 3],
    ]);
    const all = JSON.stringify(doc);
    for (const hidden of ['SCRIPT', 'STYLE', 'NOSCRIPT', '标题栏'])
      expect(all).not.toContain(hidden);
    expect(tables(doc)[0]?.cells[0]?.text).toBe('项目名称');
  });

  it('returns an empty document for a page without text', () => {
    const doc = ingest('<html><body><script>x()</script></body></html>');
    expect(blocks(doc)).toEqual([]);
  });
});

describe('numbered lists', () => {
  it('writes the marker a browser shows before each <ol> item, in a cell and outside tables', () => {
    const doc = ingest(
      '<ol start="3"><li>第三</li><li value="7">第七</li><li>第八</li></ol>' +
        '<ol type="a"><li>甲</li><li>乙</li></ol>' +
        '<ol reversed><li>二</li><li>一</li></ol>' +
        '<ol><li>甲</li><li style="display:none">藏</li><li>乙</li></ol>' +
        '<ol style="list-style-type: cjk-ideographic"><li>产出</li><li style="list-style:none">无</li><li>效益</li></ol>' +
        '<ul><li>要点</li></ul>' +
        '<table><tr><td>年度目标</td><td><ol><li>完成改造；</li><li>满意度90%。<ol type="i"><li>细项</li></ol></li></ol></td></tr></table>',
    );
    expect(paragraphs(doc).map((p) => p.text)).toEqual([
      '3. 第三',
      '7. 第七',
      '8. 第八',
      'a. 甲',
      'b. 乙',
      '2. 二',
      '1. 一',
      '1. 甲',
      '2. 乙',
      '一、产出',
      '无',
      '三、效益',
      '要点',
    ]);
    expect(grid(tables(doc)[0]).map((c) => c[4])).toEqual([
      '年度目标',
      '1. 完成改造；\n2. 满意度90%。\ni. 细项',
    ]);
  });
});

describe('encodings', () => {
  it('sniffs a GBK page without meta charset as GB18030 and notes it', () => {
    // 财政政策绩效目标申报表 / 项目名称 / 促进就业专项资金, in GBK
    const buf = bytes`<html><body><p>${'b2c6d5fed5feb2dfbca8d0a7c4bfb1eac9eab1a8b1ed'}</p><table><tr><td>${'cfeec4bfc3fbb3c6'}</td><td>${'b4d9bdf8becdd2b5d7a8cfeed7cabdf0'}</td></tr></table></body></html>`;
    expect(decodeHtml(buf)).toMatchObject({ encoding: 'gb18030', how: 'sniffed' });
    const doc = ingest(buf);
    expect(paragraphs(doc)[0]?.text).toBe('财政政策绩效目标申报表');
    expect(tables(doc)[0]?.cells.map((c) => c.text)).toEqual(['项目名称', '促进就业专项资金']);
    expect(doc.notes).toEqual([
      expect.objectContaining({ code: 'encoding_sniffed', severity: 'info' }),
    ]);
  });

  it('tells a Big5 or Shift_JIS page without meta charset from GBK', () => {
    // 項目名稱 / 社區居家養老服務補助項目，為轄區內老年人提供居家養老服務…, in Big5
    const big5 = bytes`<table><tr><td>${'b6b5a5d8a657bad9'}</td><td>${'aac0b0cfa97eae61be69a6d1aa41b0c8b8c9a755b6b5a5d8a141acb0c1d2b0cfa4baa6d1a67ea448b4a3a8d1a97eae61be69a6d1aa41b0c8a141b4a3b0aaa6d1a67ea448a5cdaca1ab7ebde8a141aa41b0c8baa1b74eabd7b946a8eca6caa4c0a4a7a445a451a548a457a143'}</td></tr></table>`;
    expect(decodeHtml(big5)).toMatchObject({ encoding: 'big5', how: 'sniffed' });
    expect(tables(ingest(big5))[0]?.cells[0]?.text).toBe('項目名稱');
    // 地域高齢者支援事業の目標です。サービス満足度は九十パーセント以上を目標とします。
    const sjis = bytes`<p>${'926e88e68d8297ee8ed28e7889878e968bc682cc96da955782c582b781428354815b83728358969e91ab937882cd8be38f5c8370815b835a8393836788c88fe382f096da955782c682b582dc82b78142'}</p>`;
    expect(decodeHtml(sjis)).toMatchObject({ encoding: 'shift_jis', how: 'sniffed' });
    expect(paragraphs(ingest(sjis))[0]?.text).toMatch(/^地域高齢者支援事業/u);
  });

  it('follows a GB2312 meta declaration (decoded as GB18030)', () => {
    const buf = bytes`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><td>${'d6f7b9dcb2bfc3c5'}</td><td>${'c9cfbaa3cad0b2c6d5febed6'}</td></tr></table></body></html>`;
    expect(decodeHtml(buf)).toMatchObject({ encoding: 'gb18030', how: 'meta' });
    const doc = ingest(buf);
    expect(tables(doc)[0]?.cells.map((c) => c.text)).toEqual(['主管部门', '上海市财政局']);
    expect(doc.notes).toEqual([]);
  });

  it('decodes UTF-8 with a BOM', () => {
    const buf = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<table><tr><td>产出指标</td><td>数量指标</td></tr></table>', 'utf8'),
    ]);
    expect(decodeHtml(buf)).toMatchObject({ encoding: 'utf-8', how: 'bom' });
    expect(decodeHtml(buf).text.startsWith('<table>')).toBe(true);
    expect(tables(ingest(buf))[0]?.cells.map((c) => c.text)).toEqual(['产出指标', '数量指标']);
  });

  it('does not trust a utf-8 declaration over GBK bytes', () => {
    const buf = bytes`<meta charset="utf-8"><table><tr><td>${'b2fab3f6d6b8b1ea'}</td></tr></table>`;
    expect(decodeHtml(buf)).toMatchObject({ encoding: 'gb18030', how: 'sniffed' });
    expect(tables(ingest(buf))[0]?.cells[0]?.text).toBe('产出指标');
  });
});

describe('Excel "save as web page" export', () => {
  it('comes through as a clean grid', () => {
    const doc = ingest(`<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<link rel=File-List href="form.files/filelist.xml">
<style id="form_12345_Styles">
<!--table {mso-displayed-decimal-separator:"\\.";}
.xl65 {mso-style-parent:style0; mso-number-format:"0%";}
-->
</style>
</head>
<body link=blue vlink=purple>
<div id="form_12345" align=center x:publishsource="Excel">
<table border=0 cellpadding=0 cellspacing=0 width=360 style='border-collapse:collapse;table-layout:fixed;width:270pt'>
 <col width=72 style='width:54pt'>
 <col width=72 span=4 style='mso-width-source:userset;width:54pt'>
 <tr height=19 style='height:14.25pt'>
  <td colspan=3 height=19 class=xl66 width=216 style='height:14.25pt;width:162pt' x:str>项目支出<br style='mso-data-placement:same-cell' />绩效目标表</td>
  <td class=xl66 width=72 style='width:54pt'></td>
  <td width=72 style='width:54pt'></td>
 </tr>
 <tr height=19 style='height:14.25pt'>
  <td rowspan=2 height=38 class=xl67 style='height:28.5pt'>产出指标</td>
  <td class=xl67 x:str>合格率</td>
  <td class=xl65 x:num="0.95">95%</td>
  <td></td>
  <td></td>
 </tr>
 <tr height=19 style='height:14.25pt'>
  <td class=xl67 x:str><span style='mso-spacerun:yes'>&nbsp;&nbsp;</span>金额<font class="font5">（万元）</font></td>
  <td class=xl68 align=right x:num x:fmla="=SUM(C2:C2)">1,250.00</td>
  <td></td>
  <td></td>
 </tr>
 <tr height=19 style='height:14.25pt'>
  <td height=19 colspan=3 style='height:14.25pt;mso-ignore:colspan'></td>
  <td></td>
  <td></td>
 </tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=72 style='width:54pt'></td>
  <td width=72 style='width:54pt'></td>
  <td width=72 style='width:54pt'></td>
  <td width=72 style='width:54pt'></td>
  <td width=72 style='width:54pt'></td>
 </tr>
 <![endif]>
</table>
</div>
</body>
</html>`);
    expect(paragraphs(doc)).toEqual([]);
    const [t] = tables(doc);
    expect([t?.rowCount, t?.colCount]).toEqual([3, 3]);
    expect(grid(t)).toEqual([
      [0, 0, 1, 3, '项目支出\n绩效目标表'],
      [1, 0, 2, 1, '产出指标'],
      [1, 1, 1, 1, '合格率'],
      [1, 2, 1, 1, '95%'],
      [2, 1, 1, 1, '金额（万元）'],
      [2, 2, 1, 1, '1,250.00'],
    ]);
    expect(tables(doc)).toHaveLength(1);
  });
});

describe('pages nested very deep', () => {
  it('reads a form inside 30 000 unclosed elements without exhausting the stack', () => {
    const form =
      '<p>项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td>甲</td></tr>' +
      '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>' +
      '<tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>';
    for (const html of [
      `<html><body>${'<font>'.repeat(30_000)}${form}</body></html>`,
      `<html><body>${form}${'<div>'.repeat(30_000)}尾注</body></html>`,
    ]) {
      const r = extractBuffer(Buffer.from(html), 'deep.html');
      expect([r.status, r.records[0]?.indicators[0]?.target.value]).toEqual(['ok', 5]);
    }
  });

  it('reads tables nested 20 000 deep after a form, the deeper ones as text, with a warning', () => {
    const form =
      '<p>项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td>甲</td></tr>' +
      '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>' +
      '<tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>';
    const deep = `${'<table><tr><td>'.repeat(20_000)}底层</td><td>右格<script>x()</script>${'</td></tr></table>'.repeat(20_000)}`;
    const r = extractBuffer(Buffer.from(`<html><body>${form}${deep}</body></html>`), 'deep.html');
    expect([r.status, r.records[0]?.indicators[0]?.target.value]).toEqual(['ok', 5]);
    expect(r.records[0]!.diagnostics.map((d) => d.code)).toContain('tables_nested_deep');
    const doc = ingest(`<html><body>${deep}</body></html>`);
    expect(paragraphs(doc).map((p) => p.text)).toEqual(['底层 右格']);
  });
});

describe('single-file web pages (.mht)', () => {
  /** Bytes as quoted-printable, lines of at most 76 characters with soft breaks. */
  function quotedPrintable(bytes: Buffer): string {
    let line = '';
    let out = '';
    for (const b of bytes) {
      const piece =
        (b >= 33 && b <= 126 && b !== 61) || b === 32
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (line.length + piece.length > 75) {
        out += `${line}=\r\n`;
        line = '';
      }
      line += piece;
    }
    return out + line;
  }

  it('reads the page of a Word single-file web page saved as .doc (quoted-printable GBK)', () => {
    const page = readFileSync('fixtures/forms/dept-overall-gbk.html');
    const mht =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\n' +
      'This document is a Single File Web Page.\r\n\r\n------=_NextPart_01DA\r\n' +
      'Content-Location: file:///C:/form.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
      'Content-Type: text/html; charset="gb2312"\r\n\r\n' +
      quotedPrintable(page) +
      '\r\n\r\n------=_NextPart_01DA\r\nContent-Location: file:///C:/form.files/image001.png\r\n' +
      'Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n\r\n' +
      '------=_NextPart_01DA--\r\n';
    const r = extractBuffer(Buffer.from(mht, 'latin1'), 'form.doc');
    const source = extractBuffer(page, 'dept-overall-gbk.html');
    expect([r.status, r.format]).toEqual(['ok', 'html']);
    expect(r.records.map(comparable)).toEqual(source.records.map(comparable));
    expect(r.records[0]!.diagnostics.map((d) => d.code)).toContain('extension_differs');
  });

  it('says so when the message holds no page', () => {
    const mht =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n' +
      'Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n';
    const r = extractBuffer(Buffer.from(mht), 'form.mht');
    expect([r.status, r.error?.code]).toEqual(['failed', 'corrupt_container']);
  });
});

describe('a target written as a numbered list item', () => {
  it('is the value after the marker', () => {
    const r = extractBuffer(
      Buffer.from(`<p>项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td>甲</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>完成率</td><td><ol><li>100%</li></ol></td></tr></table>`),
      'ol.html',
    );
    expect(r.records[0]!.indicators[0]!.target).toMatchObject({
      raw: '1. 100%',
      value: 100,
      unit: '%',
    });
  });
});
