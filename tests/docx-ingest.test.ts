import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ingestDocx } from '../src/ingest/docx.js';
import { ingestErrorCode } from './helpers/build.js';
import type { Block, Cell, Table } from '../src/model/document.js';
import { extractBufferSync as extractBuffer } from '../src/pipeline.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** A .docx package whose body is `body` (WordprocessingML written by hand). */
function docx(body: string, extra: Record<string, string> = {}): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(xml),
  };
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return Buffer.from(zipSync(files));
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const p = (text: string): string =>
  `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
/** A cell: `pr` goes into w:tcPr, `content` is its paragraphs (default: one with `text`). */
const tc = (text: string, pr = '', content?: string): string =>
  `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${pr}</w:tcPr>${content ?? p(text)}</w:tc>`;
const tr = (cells: string, trPr = ''): string =>
  `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
const tbl = (rows: string, cols = 4): string =>
  `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;

function blocksOf(buf: Buffer): Block[] {
  return ingestDocx(buf).doc.parts[0]!.blocks;
}
function tables(blocks: Block[]): Table[] {
  return blocks.filter((b): b is Table => b.kind === 'table');
}
const shape = (c: Cell): unknown => [c.row, c.col, c.rowSpan, c.colSpan, c.text];

describe('ingestDocx: tables', () => {
  it('reads w:gridSpan as colSpan and w:vMerge restart/continue as rowSpan across 3 rows', () => {
    const body = tbl(
      tr(tc('一级指标', '<w:vMerge w:val="restart"/>') + tc('标题', '<w:gridSpan w:val="2"/>')) +
        tr(tc('', '<w:vMerge/>') + tc('a') + tc('b')) +
        tr(tc('', '<w:vMerge w:val="continue"/>') + tc('c') + tc('d')) +
        tr(tc('下') + tc('e') + tc('f')),
      3,
    );
    const [t] = tables(blocksOf(docx(body)));
    expect(t!.rowCount).toBe(4);
    expect(t!.colCount).toBe(3);
    expect(t!.cells.map(shape)).toEqual([
      [0, 0, 3, 1, '一级指标'],
      [0, 1, 1, 2, '标题'],
      [1, 1, 1, 1, 'a'],
      [1, 2, 1, 1, 'b'],
      [2, 1, 1, 1, 'c'],
      [2, 2, 1, 1, 'd'],
      [3, 0, 1, 1, '下'],
      [3, 1, 1, 1, 'e'],
      [3, 2, 1, 1, 'f'],
    ]);
    expect(t!.cells[2]!.origin).toMatchObject({ table: 1, row: 2, col: 2 });
  });

  it('skips grid columns for w:gridBefore and w:gridAfter, and drops trailing empty rows and columns', () => {
    const body = tbl(
      tr(tc('A') + tc('B') + tc('C') + tc('')) +
        tr(tc('X') + tc('Y'), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>') +
        tr(tc('') + tc('') + tc('') + tc('')),
    );
    const [t] = tables(blocksOf(docx(body)));
    expect(t!.rowCount).toBe(2);
    expect(t!.colCount).toBe(3);
    expect(t!.cells.map(shape)).toEqual([
      [0, 0, 1, 1, 'A'],
      [0, 1, 1, 1, 'B'],
      [0, 2, 1, 1, 'C'],
      [1, 1, 1, 1, 'X'],
      [1, 2, 1, 1, 'Y'],
    ]);
    expect(t!.cells[3]!.origin).toMatchObject({ table: 1, row: 2, col: 2 });
  });

  it('emits a nested table after the outer rows that contain it, not in the cell text', () => {
    const inner = tbl(tr(tc('内1') + tc('内2')), 2);
    const body =
      p('前言') +
      tbl(tr(tc('外1') + tc('外2', '', p('外2') + inner)) + tr(tc('外3') + tc('外4')), 2) +
      p('后记');
    const blocks = blocksOf(docx(body));
    expect(blocks.map((b) => b.kind)).toEqual([
      'paragraph',
      'table',
      'table',
      'table',
      'paragraph',
    ]);
    const [outerTop, nested, outerRest] = tables(blocks);
    expect(outerTop!.cells.map((c) => c.text)).toEqual(['外1', '外2']);
    expect(nested!.cells.map((c) => c.text)).toEqual(['内1', '内2']);
    expect(nested!.cells[0]!.origin).toMatchObject({ table: 2, row: 1, col: 1 });
    // the cell holding it: table 1, row 1, column 2
    expect(nested!.host).toEqual({ table: 1, row: 1, col: 2 });
    expect(outerTop!.host).toBeUndefined();
    expect(outerRest!.cells.map((c) => [c.row, c.text, c.origin.table, c.origin.row])).toEqual([
      [0, '外3', 1, 2],
      [0, '外4', 1, 2],
    ]);
  });

  it('reads a small table inside a value cell (a vMerge continuation too) as that cell’s text', () => {
    const notes = tbl(tr(tc('2025年基数') + tc('12.4%')), 2);
    const body =
      p('项目支出绩效目标申报表') +
      tbl(
        tr(tc('项目名称') + tc('甲', '<w:gridSpan w:val="4"/>')) +
          tr(tc('一级指标') + tc('二级指标') + tc('三级指标') + tc('指标值') + tc('备注')) +
          tr(
            tc('效益指标', '<w:vMerge w:val="restart"/>') +
              tc('社会效益指标') +
              tc('漏损率') +
              tc('≤10%') +
              tc('', '<w:vMerge w:val="restart"/>'),
          ) +
          tr(
            tc('', '<w:vMerge/>') +
              tc('社会效益指标') +
              tc('水质达标率') +
              tc('100%') +
              tc('', '<w:vMerge/>', notes),
          ),
        5,
      );
    const r = extractBuffer(docx(body), 'a.docx');
    expect(r.status).toBe('ok');
    const [form] = r.records;
    expect(form!.indicators.map((i) => [i.name, i.note])).toEqual([
      ['漏损率', '2025年基数 | 12.4%'],
      ['水质达标率', null], // a merged note cell is the note of its first row
    ]);
    expect(form!.extra_fields).toEqual([]);
    expect(form!.diagnostics.map((d) => d.code)).toContain('table_in_cell');
  });

  it('joins a cell’s paragraphs with \\n and keeps w:br as a line break', () => {
    const content =
      '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>' +
      p('第二段') +
      '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:cr/><w:t>丙</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>';
    const [t] = tables(blocksOf(docx(tbl(tr(tc('', '', content)), 1))));
    // (a Wingdings check mark inserted as a symbol reads as ✓)
    expect(t!.cells[0]!.text).toBe('第一行\n第二行\n第二段\n甲 乙\n丙✓');
  });
});

describe('ingestDocx: runs', () => {
  it('reads tick boxes inserted as symbols (w:sym of Wingdings fonts) as box characters', () => {
    const sym = (font: string, char: string): string =>
      `<w:r><w:sym w:font="${font}" w:char="${char}"/></w:r>`;
    const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body =
      `<w:p>${sym('Wingdings 2', 'F0A3')}${run('新增项目 ')}${sym('Wingdings 2', 'F052')}${run('延续项目')}</w:p>` +
      `<w:p>${sym('Wingdings', 'F0FE')}${run('是 ')}${sym('Wingdings', 'F0A8')}${run('否 ')}${sym('Symbol', 'F0B7')}</w:p>`;
    const texts = blocksOf(docx(body)).map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(texts).toEqual(['□新增项目 ☑延续项目', '☑是 □否']);
  });

  it('reads tick boxes typed in a symbol font (as LibreOffice saves w:sym) and legacy check box fields', () => {
    const typed = (font: string, text: string): string =>
      `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}"/></w:rPr><w:t>${text}</w:t></w:r>`;
    const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const box = (state: string): string =>
      `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>${state}</w:checkBox></w:ffData></w:fldChar></w:r>` +
      '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const body =
      `<w:p>${typed('Wingdings 2', '\uf0a3')}${run('新增项目 ')}${typed('Wingdings 2', 'R')}${run('延续项目')}</w:p>` +
      `<w:p>${typed('Wingdings', '\uf0fc')}${run('是')}</w:p>` +
      `<w:p>${box('<w:default w:val="0"/>')}${run('新增 ')}${box('<w:default w:val="1"/>')}${run('延续 ')}` +
      `${box('<w:default w:val="1"/><w:checked w:val="0"/>')}${run('其他')}</w:p>`;
    const texts = blocksOf(docx(body)).map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(texts).toEqual(['□新增项目 ☑延续项目', '✓是', '□新增 ☑延续 □其他']);
    // ASCII text in a run whose symbol font is named for other characters only stays as typed
    const mixed = `<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Wingdings"/></w:rPr><w:t>≥1500户</w:t></w:r></w:p>`;
    expect(blocksOf(docx(mixed))).toMatchObject([{ text: '≥1500户' }]);
  });

  it('keeps a wide gap of a paragraph as two spaces, parting the pairs printed on one line', () => {
    const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body =
      `<w:p>${run('项目名称：')}${run('老旧小区改造')}${run('            ')}${run('单位：元')}</w:p>` +
      `<w:p>${run('联系人：')}<w:r><w:tab/><w:tab/></w:r>${run('张三')}</w:p>` +
      `<w:p>${run('一 般 文 字')}</w:p>`;
    expect(blocksOf(docx(body)).map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      '项目名称：老旧小区改造  单位：元',
      '联系人：  张三',
      '一 般 文 字',
    ]);
  });

  it('leaves out hidden text and the prompt of a content control showing its placeholder', () => {
    const hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>≥1500户</w:t></w:r>';
    const shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>≥1800户</w:t></w:r>';
    const prompt = (text: string): string =>
      `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>${text}</w:t></w:r></w:sdtContent></w:sdt>`;
    const filled =
      '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>张三</w:t></w:r></w:sdtContent></w:sdt>';
    // a control around a whole cell showing its prompt leaves the cell in place, empty
    const cellPrompt =
      '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' +
      tc('单击或点击此处输入文字。') +
      '</w:sdtContent></w:sdt>';
    const body =
      `<w:p>${hidden}${shown}</w:p>` +
      tbl(
        tr(tc('联系人') + tc('', '', `<w:p>${prompt('单击或点击此处输入文字。')}${filled}</w:p>`)) +
          tr(tc('电话') + cellPrompt),
        2,
      );
    const { doc } = ingestDocx(docx(body));
    const blocks = doc.parts[0]!.blocks;
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: '≥1800户' });
    expect(tables(blocks)[0]!.cells.map(shape)).toEqual([
      [0, 0, 1, 1, '联系人'],
      [0, 1, 1, 1, '张三'],
      [1, 0, 1, 1, '电话'],
      [1, 1, 1, 1, ''],
    ]);
    expect(doc.notes.map((n) => [n.code, n.message])).toEqual([
      ['hidden_content_skipped', "1 run(s) of hidden text (Word's hidden font) were not read."],
      [
        'placeholder_text_skipped',
        '2 content control(s) showing their placeholder prompt were read as empty.',
      ],
    ]);
  });

  it('keeps tracked insertions and drops deletions and moved-away text', () => {
    const body =
      '<w:p><w:r><w:t>目标</w:t></w:r>' +
      '<w:ins w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins>' +
      '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>' +
      '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom>' +
      '<w:r><w:t>完成</w:t></w:r></w:p>';
    const cell = tc('', '', body);
    const blocks = blocksOf(docx(body + tbl(tr(cell), 1)));
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: '目标新增完成' });
    expect(tables(blocks)[0]!.cells[0]!.text).toBe('目标新增完成');
  });

  it('reads a text box in mc:AlternateContent once, as paragraphs in place, never in a cell', () => {
    const box = (text: string): string => `<w:txbxContent>${p(text)}</w:txbxContent>`;
    const alt =
      '<w:r><mc:AlternateContent>' +
      `<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>${box('框内文字')}</wps:txbx></wps:wsp></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox>${box('框内文字')}</v:textbox></v:shape></w:pict></mc:Fallback>` +
      '</mc:AlternateContent></w:r>';
    const body =
      `<w:p><w:r><w:t>正文</w:t></w:r>${alt}</w:p>` +
      tbl(tr(tc('', '', `<w:p><w:r><w:t>单元格</w:t></w:r>${alt}</w:p>`) + tc('右')), 2) +
      p('末尾');
    const blocks = blocksOf(docx(body));
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : 'table'))).toEqual([
      '正文',
      '框内文字',
      'table',
      '框内文字',
      '末尾',
    ]);
    expect(tables(blocks)[0]!.cells.map((c) => c.text)).toEqual(['单元格', '右']);
  });

  it('skips field codes and keeps the field result', () => {
    const body =
      '<w:p><w:r><w:t>第</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      '<w:r><w:t>3</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:r><w:t>页</w:t></w:r></w:p>' +
      '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2023年</w:t></w:r></w:fldSimple></w:p>';
    expect(blocksOf(docx(body)).map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      '第3页',
      '2023年',
    ]);
  });

  it('does not read headers and footers', () => {
    const header = `<w:hdr ${NS}>${p('页眉文字')}</w:hdr>`;
    const blocks = blocksOf(docx(p('正文'), { 'word/header1.xml': header }));
    expect(blocks).toHaveLength(1);
  });
});

describe('ingestDocx: automatic list numbering', () => {
  const lvl = (ilvl: number, fmt: string, text: string, extra = ''): string =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
  const numbering = (abstracts: string, nums: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${abstracts}${nums}</w:numbering>`;
  const numbered = (text: string, numId: number, ilvl = 0, style = ''): string =>
    `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const styled = (text: string, style: string): string =>
    `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const texts = (buf: Buffer): string[] =>
    blocksOf(buf).flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : b.kind === 'table' ? b.cells.map((c) => c.text) : [],
    );

  it('writes the label Word shows before a numbered paragraph, in a cell and outside tables', () => {
    const parts = {
      'word/numbering.xml': numbering(
        `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '（%2）')}${lvl(2, 'decimalEnclosedCircle', '%3')}</w:abstractNum>` +
          `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1.')}</w:abstractNum>` +
          `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '')}</w:abstractNum>`,
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
          '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
          '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
          '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>',
      ),
    };
    const body =
      numbered('产出目标', 1) +
      numbered('数量', 1, 1) +
      numbered('质量', 1, 1) +
      numbered('细项', 1, 2) +
      numbered('效益目标', 1) +
      numbered('时效', 1, 1) +
      tbl(
        tr(
          tc('年度目标') +
            tc('', '', numbered('完成改造5公里', 2) + numbered('满意度90%', 2) + p('（说明）')),
        ) + tr(tc('备注') + tc('', '', numbered('重新编号', 3) + numbered('要点', 4))),
        2,
      );
    expect(texts(docx(body, parts))).toEqual([
      '一、 产出目标',
      '（1） 数量',
      '（2） 质量',
      '① 细项',
      '二、 效益目标',
      '（1） 时效',
      '年度目标',
      '1. 完成改造5公里\n2. 满意度90%\n（说明）',
      '备注',
      '1. 重新编号\n要点',
    ]);
  });

  it('reads numbering set by a paragraph style (and the style it is based on), and numId 0 as none', () => {
    const parts = {
      'word/numbering.xml': numbering(
        `<w:abstractNum w:abstractNumId="5">${lvl(0, 'ideographTraditional', '%1.')}${lvl(1, 'upperLetter', '%1.%2', '<w:isLgl/>')}</w:abstractNum>`,
        '<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>',
      ),
      'word/styles.xml':
        '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:style w:type="paragraph" w:styleId="Item"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="SubItem"><w:basedOn w:val="Item"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>' +
        '</w:styles>',
    };
    const body =
      styled('第一项', 'Item') +
      styled('子项', 'SubItem') +
      styled('第二项', 'Item') +
      `<w:p><w:pPr><w:pStyle w:val="Item"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无编号</w:t></w:r></w:p>`;
    expect(texts(docx(body, parts))).toEqual(['甲. 第一项', '1.1 子项', '乙. 第二项', '无编号']);
  });

  it('reads a list defined by a list style (w:numStyleLink), and ㊀ and ⑴ labels', () => {
    const parts = {
      'word/numbering.xml': numbering(
        `<w:abstractNum w:abstractNumId="9">${lvl(0, 'ideographEnclosedCircle', '%1')}${lvl(1, 'decimalEnclosedParen', '%2')}</w:abstractNum>` +
          '<w:abstractNum w:abstractNumId="10"><w:numStyleLink w:val="MyList"/></w:abstractNum>',
        '<w:num w:numId="11"><w:abstractNumId w:val="10"/></w:num>' +
          '<w:num w:numId="12"><w:abstractNumId w:val="9"/></w:num>',
      ),
      'word/styles.xml':
        '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:style w:type="numbering" w:styleId="MyList"><w:pPr><w:numPr><w:numId w:val="12"/></w:numPr></w:pPr></w:style>' +
        '</w:styles>',
    };
    expect(
      texts(docx(numbered('甲', 11) + numbered('乙', 11, 1) + numbered('丙', 11), parts)),
    ).toEqual(['㊀ 甲', '⑴ 乙', '㊁ 丙']);
  });

  it('reads the document without labels when the numbering or styles part is broken', () => {
    expect(texts(docx(numbered('文字', 1), { 'word/numbering.xml': '<w:numbering' }))).toEqual([
      '文字',
    ]);
    // a styles part that is not UTF-8 (a GBK byte in a comment), in a document without lists
    const files: Record<string, Uint8Array> = {};
    const buf = docx(p('甲'));
    const styles = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><!-- '),
      Buffer.from([0xb2, 0xc6]),
      Buffer.from(
        ' --><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
      ),
    ]);
    Object.assign(files, unzipSync(buf), { 'word/styles.xml': new Uint8Array(styles) });
    expect(texts(Buffer.from(zipSync(files)))).toEqual(['甲']);
  });

  it('counts in document order around a nested table, and skips hidden and empty paragraphs', () => {
    const parts = {
      'word/numbering.xml': numbering(
        `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1.')}</w:abstractNum>`,
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
      ),
    };
    const hidden =
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>';
    const empty =
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:p>';
    const inner = tbl(tr(tc('', '', numbered('内一', 2) + numbered('内二', 2))), 1);
    const body = tbl(
      tr(tc('', '', numbered('外一', 2) + inner)) +
        tr(tc('', '', hidden + empty + numbered('外二', 2))),
      1,
    );
    expect(texts(docx(body, parts))).toEqual(['1. 外一', '2. 内一\n3. 内二', '4. 外二']);
  });
});

describe('ingestDocx: bad input', () => {
  const code = (buf: Buffer) => ingestErrorCode(() => ingestDocx(buf));

  it('gives corrupt_container for a non-zip, a truncated zip, a zip without the document, broken XML', () => {
    expect(code(Buffer.from('just some text, renamed to .docx'))).toBe('corrupt_container');
    const good = docx(p('正文'));
    expect(code(good.subarray(0, Math.floor(good.length / 2)))).toBe('corrupt_container');
    const noDoc = Buffer.from(zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES) }));
    expect(code(noDoc)).toBe('corrupt_container');
    const broken = Buffer.from(
      zipSync({
        '[Content_Types].xml': strToU8(CONTENT_TYPES),
        'word/document.xml': strToU8(`<w:document ${NS}><w:body><w:p></w:body>`),
      }),
    );
    expect(code(broken)).toBe('corrupt_container');
    expect(extractBuffer(broken, 'broken.docx')).toMatchObject({
      status: 'failed',
      error: { code: 'corrupt_container' },
    });
  });

  it('gives corrupt_container for a part that fails its checksum (a changed digit)', () => {
    const good = Buffer.from(
      zipSync(
        {
          '[Content_Types].xml': strToU8(CONTENT_TYPES),
          'word/document.xml': strToU8(
            `<w:document ${NS}><w:body>${p('资金总额 3365000')}</w:body></w:document>`,
          ),
        },
        { level: 0 },
      ),
    );
    expect(code(good)).toBeUndefined();
    const changed = Buffer.from(good);
    changed[changed.indexOf('3365000')] = 0x37;
    expect(code(changed)).toBe('corrupt_container');
  });

  it('reads a body of 200 000 paragraphs without exhausting the stack', () => {
    const { doc } = ingestDocx(docx('<w:p/>'.repeat(200_000) + p('项目名称')));
    const texts = doc.parts[0]!.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(texts).toContain('项目名称');
  });

  it('gives encrypted for an OLE2 container with EncryptionInfo', () => {
    const CFB = XLSX.CFB as unknown as {
      utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, content: Buffer): void };
      write(c: unknown, opts: { fileType: 'cfb'; type: 'buffer' }): Buffer;
    };
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64, 1));
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 2));
    const buf = Buffer.from(CFB.write(cfb, { fileType: 'cfb', type: 'buffer' }));
    expect(code(buf)).toBe('encrypted');
    expect(extractBuffer(buf, 'secret.docx')).toMatchObject({
      status: 'failed',
      error: { code: 'encrypted' },
    });
  });
});

describe('a .docx form end to end', () => {
  it('gives the name and indicators, the vertical merge carrying 一级指标', () => {
    const body =
      p('2023年度项目绩效目标申报表') +
      tbl(
        tr(tc('项目名称') + tc('测试项目', '<w:gridSpan w:val="3"/>')) +
          tr(tc('一级指标') + tc('二级指标') + tc('三级指标') + tc('指标值')) +
          tr(
            tc('产出指标', '<w:vMerge w:val="restart"/>') +
              tc('数量指标') +
              tc('培训人数') +
              tc('≥100人'),
          ) +
          tr(tc('', '<w:vMerge/>') + tc('质量指标') + tc('合格率') + tc('≥95%')),
      );
    const result = extractBuffer(docx(body), 'form.docx');
    expect(result.format).toBe('docx');
    expect(result.status).toBe('ok');
    const [record] = result.records;
    expect(record!.source.format).toBe('docx');
    expect(record!.fields.name).toBe('测试项目');
    expect(
      record!.indicators.map((i) => [i.level1?.code, i.level2?.code, i.name, i.target.raw]),
    ).toEqual([
      ['output', 'quantity', '培训人数', '≥100人'],
      ['output', 'quality', '合格率', '≥95%'],
    ]);
    expect(record!.indicators[1]!.provenance).toMatchObject({ table: 1, row: 4, col: 3 });
  });
});
