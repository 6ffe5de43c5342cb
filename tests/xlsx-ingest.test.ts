import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full.mjs';
import { IngestError } from '../src/ingest/errors.js';
import { ingestErrorCode } from './helpers/build.js';
import { MAX_CELLS, MAX_ROWS, ingestXlsx, textAfterEquals } from '../src/ingest/xlsx.js';
import { DamagedPart, storedPackage } from '../src/ingest/xlsx-zip.js';
import type { Cell, Table } from '../src/model/document.js';
import { extractBufferSync as extractBuffer } from '../src/pipeline.js';

type BookType = 'xlsx' | 'biff8';

/** A CFB/zip container as the library's CFB module returns it (only what the tests touch). */
interface Container {
  FullPaths: string[];
}
interface Entry {
  content: Uint8Array;
}
const CFB = XLSX.CFB as {
  read(data: Buffer, opts: { type: 'buffer' }): Container;
  find(c: Container, path: string): Entry | null;
  write(c: Container, opts: { fileType: 'zip' | 'cfb'; type: 'buffer' }): Buffer;
  utils: { cfb_new(): Container; cfb_add(c: Container, name: string, content: Buffer): void };
};

function write(wb: XLSX.WorkBook, bookType: BookType): Buffer {
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

/** Two visible-and-hidden sheets with merges, a percent, a date, a formula and a line break. */
function sampleBook(): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([
    [],
    ['绩效目标申报表', null, null, null],
    ['项目名称', '测试项目', null, null],
    ['一级指标', '完成率', 0.95, null],
    [null, '完成时间', 45306, null],
    [null, '金额', 1250, '多行\n文本'],
  ]);
  ws['C4'] = { t: 'n', v: 0.95, z: '0%' }; // no formatted text stored: the reader formats it
  ws['C5'] = { t: 'n', v: 45306, z: 'yyyy"年"m"月"d"日"' };
  ws['C6'] = { t: 'n', v: 1250, f: 'SUM(1000,250)' };
  ws['!merges'] = [
    { s: { r: 1, c: 0 }, e: { r: 1, c: 3 } }, // title across A2:D2
    { s: { r: 2, c: 1 }, e: { r: 2, c: 3 } }, // name across B3:D3
    { s: { r: 3, c: 0 }, e: { r: 5, c: 0 } }, // level 1 down A4:A6
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '申报表');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['参数', 'x']]), '隐藏参数');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['第二表']]), 'Sheet3');
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 0 }] };
  return wb;
}

function tableOf(blocks: { kind: string }[]): Table {
  expect(blocks).toHaveLength(1);
  const block = blocks[0] as Table;
  expect(block.kind).toBe('table');
  return block;
}

function at(table: Table, row: number, col: number): Cell {
  const cell = table.cells.find((c) => c.row === row && c.col === col);
  if (!cell) throw new Error(`no cell at ${row},${col}`);
  return cell;
}

describe.each<BookType>(['xlsx', 'biff8'])('Excel ingest (%s)', (bookType) => {
  const { doc } = ingestXlsx(write(sampleBook(), bookType));

  it('returns every worksheet as a part, hidden ones flagged', () => {
    expect(doc.parts.map((p) => [p.sheet, p.hidden])).toEqual([
      ['申报表', false],
      ['隐藏参数', true],
      ['Sheet3', false],
    ]);
    expect(doc.notes).toEqual([]);
  });

  it('builds the grid of the used range with merges as spans', () => {
    const table = tableOf(doc.parts[0]!.blocks);
    expect([table.rowCount, table.colCount]).toEqual([6, 4]);
    const grid = table.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);
    expect(grid).toEqual([
      [0, 0, 1, 1, ''], // the blank title row is kept
      [0, 1, 1, 1, ''],
      [0, 2, 1, 1, ''],
      [0, 3, 1, 1, ''],
      [1, 0, 1, 4, '绩效目标申报表'],
      [2, 0, 1, 1, '项目名称'],
      [2, 1, 1, 3, '测试项目'],
      [3, 0, 3, 1, '一级指标'],
      [3, 1, 1, 1, '完成率'],
      [3, 2, 1, 1, '95%'],
      [3, 3, 1, 1, ''],
      [4, 1, 1, 1, '完成时间'],
      [4, 2, 1, 1, '2024年1月15日'],
      [4, 3, 1, 1, ''],
      [5, 1, 1, 1, '金额'],
      [5, 2, 1, 1, '1250'],
      [5, 3, 1, 1, '多行\n文本'],
    ]);
  });

  it('records sheet, A1 address and the real sheet row and column', () => {
    const table = tableOf(doc.parts[0]!.blocks);
    expect(at(table, 3, 2).origin).toEqual({
      table: 1,
      row: 4,
      col: 3,
      paragraph: null,
      page: null,
      sheet: '申报表',
      cell: 'C4',
      bbox: null,
    });
    for (const cell of table.cells) {
      expect(cell.origin.cell).toBe(XLSX.utils.encode_cell({ r: cell.row, c: cell.col }));
      expect([cell.origin.row, cell.origin.col]).toEqual([cell.row + 1, cell.col + 1]);
    }
    expect(table.origin).toMatchObject({ table: 1, sheet: '申报表', cell: null });
    expect(tableOf(doc.parts[1]!.blocks).cells.map((c) => c.text)).toEqual(['参数', 'x']);
  });
});

describe('Excel cell text', () => {
  const one = (cell: XLSX.CellObject, bookType: BookType = 'xlsx'): string => {
    const ws = XLSX.utils.aoa_to_sheet([['x']]);
    ws['A1'] = cell;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const table = tableOf(ingestXlsx(write(wb, bookType)).doc.parts[0]!.blocks);
    return at(table, 0, 0).text;
  };

  it('shows the built-in short date the way a Chinese Excel does', () => {
    expect(one({ t: 'n', v: 45306, z: 'm/d/yy' })).toBe('2024/1/15');
    expect(one({ t: 'n', v: 45306, z: 'm/d/yy' }, 'biff8')).toBe('2024/1/15');
    // as LibreOffice in an en-US locale writes that short date out
    expect(one({ t: 'n', v: 45306, z: 'm/d/yyyy' })).toBe('2024/1/15');
    expect(one({ t: 'n', v: 45306, z: 'M/D/YYYY' }, 'biff8')).toBe('2024/1/15');
  });

  it('counts dates from 1904 in a workbook that says so (Mac Excel)', () => {
    const ws = XLSX.utils.aoa_to_sheet([['x', 'y']]);
    // 2024-01-15 in the 1904 system: 1 462 days fewer than in the 1900 system
    ws['A1'] = { t: 'n', v: 45306 - 1462, z: 'm/d/yy' };
    ws['B1'] = { t: 'n', v: 45306 - 1462, z: 'yyyy"年"m"月"d"日"' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    wb.Workbook = { WBProps: { date1904: true } };
    const table = tableOf(ingestXlsx(write(wb, 'xlsx')).doc.parts[0]!.blocks);
    expect(table.cells.map((c) => c.text)).toEqual(['2024/1/15', '2024年1月15日']);
  });

  it('keeps the day of a date cell whose format shows only its month', () => {
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const ws = XLSX.utils.aoa_to_sheet([
        ['项目支出绩效目标申报表', '', '', ''],
        ['项目名称', '甲', '', ''],
        ['计划开始日期', 'x', '计划完成日期', 'y'],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '人数', '5人'],
      ]);
      // 2025-03-01 and 2025-12-31, shown as 2025年3月 and 2025年12月
      ws['B3'] = { t: 'n', v: 45717, z: 'yyyy"年"m"月"' };
      ws['D3'] = { t: 'n', v: 46022, z: 'yyyy"年"m"月"' };
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'S');
      const table = tableOf(ingestXlsx(write(wb, bookType)).doc.parts[0]!.blocks);
      expect([at(table, 2, 1).text, at(table, 2, 3).text]).toEqual(['2025年3月', '2025年12月']);
      const [r] = extractBuffer(
        write(wb, bookType),
        `f.${bookType === 'xlsx' ? 'xlsx' : 'xls'}`,
      ).records;
      expect(r!.fields.duration).toEqual({ raw: null, start: '2025-03-01', end: '2025-12-31' });
    }
  });

  it('reads ! in a number format as a quoted character, and the dash of a zero as 0', () => {
    // 0!.0000 shows yuan as 万元: 60000000 → 6000.0000
    expect(one({ t: 'n', v: 60_000_000, z: '0!.0000' })).toBe('6000.0000');
    expect(one({ t: 'n', v: 60_000_000, z: '0!.0000' }, 'biff8')).toBe('6000.0000');
    expect(one({ t: 'n', v: 60_000_000, z: '0\\!.0000' })).toBe('6000.0000'); // as Calc saves it
    const accounting = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ';
    expect(one({ t: 'n', v: 0, z: accounting })).toBe('0.00');
    expect(one({ t: 'n', v: 1234.5, z: accounting }).trim()).toBe('1,234.50');
  });

  it('reads a formula as its cached value, never evaluating it', () => {
    expect(one({ t: 'n', v: 3, f: '1+1' })).toBe('3');
    expect(one({ t: 's', v: '缓存', f: 'WEBSERVICE("http://example.invalid")' })).toBe('缓存');
  });

  // (xlsx only: the library writes no hidden-row flag into .xls files it makes)
  it.each(['xlsx'] as const)('leaves out hidden rows and columns, and says so (%s)', (bookType) => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['三级指标', '上年值', '指标值'],
      ['完成率', '90%', '≥95%'],
      ['旧指标（已取消）', '50张', '≥50张'],
      ['满意度', '88%', '≥90%'],
    ]);
    ws['!rows'] = [{}, {}, { hidden: true }];
    ws['!cols'] = [{}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '申报表');
    const { doc } = ingestXlsx(write(wb, bookType));
    const table = doc.parts[0]!.blocks[0] as Table;
    expect(table.cells.filter((c) => c.text !== '').map((c) => c.text)).toEqual([
      '三级指标',
      '指标值',
      '完成率',
      '≥95%',
      '满意度',
      '≥90%',
    ]);
    expect(doc.notes.map((n) => [n.code, n.severity, n.message])).toEqual([
      [
        'hidden_content_skipped',
        'info',
        '6 cell(s) with text in hidden rows or columns of sheet "申报表" were not read.',
      ],
    ]);
  });

  // (xlsx only: the library writes no formulas into .xls files it makes; Calc's .xls keeps such
  // text as a quoted string, read the same way)
  it.each(['xlsx'] as const)(
    'reads an error cell whose formula is text after an equals sign as that text, and says so (%s)',
    (bookType) => {
      // Calc's import of an HTML form takes the targets =20个 and =100％ for formulas; a real
      // formula that fails keeps showing its error
      const ws = XLSX.utils.aoa_to_sheet([
        ['三级指标', '指标值', '完成值'],
        ['新建站点', null, 10],
        ['验收合格率', null, 0],
      ]);
      ws['B2'] = { t: 'e', v: 0x1d, f: '20个' } as XLSX.CellObject;
      ws['B3'] = { t: 'e', v: 0x07, f: 'C2/C3' } as XLSX.CellObject;
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, '申报表');
      const { doc } = ingestXlsx(write(wb, bookType));
      const table = doc.parts[0]!.blocks[0] as Table;
      expect(table.cells.filter((c) => c.col === 1).map((c) => c.text)).toEqual([
        '指标值',
        '=20个',
        '#DIV/0!',
      ]);
      expect(doc.notes.map((n) => [n.code, n.origin?.cell])).toEqual([
        ['formula_as_text', 'B2'],
        ['cell_error', 'B3'],
      ]);
    },
  );

  it('takes such text from the quoted string the old binary format keeps, and a percentage from its formula', () => {
    expect(textAfterEquals({ t: 'e', v: 0x1d, f: '"0起"' })).toBe('=0起');
    expect(textAfterEquals({ t: 'e', v: 0x1d, f: '100％' })).toBe('=100％');
    expect(textAfterEquals({ t: 'e', v: 0x1d, f: '"8:00前"' })).toBe('=8:00前');
    expect(textAfterEquals({ t: 'e', v: 0x1d, f: 'PM2.5≤35' })).toBe('=PM2.5≤35');
    expect(textAfterEquals({ t: 'e', v: 0x07, f: 'C2/C3' })).toBeNull();
    expect(textAfterEquals({ t: 'e', v: 0x2a, f: '#N/A' })).toBeNull();
    expect(textAfterEquals({ t: 'e', v: 0x1d, f: 'VLOOKUP(A1,B:C,2)' })).toBeNull();
    expect(textAfterEquals({ t: 'n', v: 1, f: '100%' })).toBe('=100%');
    expect(textAfterEquals({ t: 'n', v: 10, f: '10' })).toBeNull();
    expect(textAfterEquals({ t: 'n', v: 10, f: 'SUM(4,6)' })).toBeNull();
  });

  it('says which formulas have no stored result instead of reading them as empty', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['预算数', '执行数', '执行率'],
      [100, 90, null],
    ]);
    ws['C2'] = { t: 'z', f: 'B2/A2' } as XLSX.CellObject;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '自评表');
    const { doc } = ingestXlsx(write(wb, 'xlsx'));
    expect(doc.notes).toMatchObject([
      {
        code: 'formula_not_evaluated',
        severity: 'warning',
        origin: { sheet: '自评表', cell: 'C2' },
      },
    ]);
    expect(doc.notes[0]!.message).toContain('C2 (=B2/A2)');
  });

  it('gives a note about one cell to the form of the sheet that holds that cell', () => {
    const form = (name: string): (string | null)[][] => [
      ['项目支出绩效目标申报表', null, null, null],
      ['项目名称', name, null, null],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '人数', '5人'],
    ];
    const ws = XLSX.utils.aoa_to_sheet([...form('甲'), [], ...form('乙')]);
    ws['D9'] = { t: 'z', f: 'A1*2' } as XLSX.CellObject;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '表');
    const r = extractBuffer(write(wb, 'xlsx'), 'two.xlsx');
    expect(
      r.records.map((f) => [
        f.fields.name,
        f.diagnostics.some((d) => d.code === 'formula_not_evaluated'),
      ]),
    ).toEqual([
      ['甲', false],
      ['乙', true],
    ]);
  });

  it('takes the fiscal year from a worksheet named for a year when the form states none', () => {
    const form = [
      ['项目支出绩效目标申报表'],
      ['项目名称', '甲'],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '数量', '≥30家'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(form), '2025年');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(form), '项目表');
    const [named, plain] = extractBuffer(write(wb, 'xlsx'), 'y.xlsx').records;
    expect(named!.fiscal_year).toBe(2025);
    expect(named!.diagnostics.map((d) => [d.code, d.severity])).toContainEqual([
      'fiscal_year_from_sheet',
      'info',
    ]);
    expect(plain!.fiscal_year).toBeNull();
  });

  it('keeps percent formats with decimals and booleans', () => {
    expect(one({ t: 'n', v: 0.9543, z: '0.00%' })).toBe('95.43%');
    expect(one({ t: 'b', v: true })).toBe('TRUE');
  });

  it.each(['xlsx', 'xls'])(
    'shows typed dates and percentages of a Calc workbook as the form shows them (.%s)',
    (ext) => {
      const { doc } = ingestXlsx(readFileSync(`fixtures/forms/office/typed-cells.calc.${ext}`));
      const typed = doc.parts.flatMap((p) =>
        p.blocks.flatMap((b) =>
          b.kind === 'table'
            ? b.cells.filter((c) => c.raw !== undefined).map((c) => [c.origin.cell, c.text, c.raw])
            : [],
        ),
      );
      expect(typed).toEqual([
        ['B4', '2024-07-01', 45474],
        ['E4', '2026-06-30', 46203],
        ['B5', '2026/1/1', 46023],
        ['E5', '2026/12/31', 46387],
        ['G6', '95.00%', 0.95],
        ['G7', '95.20%', 0.952],
        ['G8', '92.00%', 0.92],
        ['E15', '96.8%', 0.968],
        ['E16', '2022年12月15日', 44910],
        ['E21', '93.2%', 0.932],
        ['D24', '100%', 1],
      ]);
    },
  );
});

describe('Excel workbooks without forms or with damage', () => {
  it('gives an empty document for a workbook with no cell data', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
    for (const bookType of ['xlsx', 'biff8'] as const) {
      expect(ingestXlsx(write(wb, bookType)).doc).toEqual({ parts: [], notes: [] });
    }
    const result = extractBuffer(write(wb, 'xlsx'), 'blank.xlsx');
    expect([result.format, result.status, result.error?.code]).toEqual([
      'xlsx',
      'empty',
      'no_form_found',
    ]);
  });

  it('reports a truncated package or foreign bytes as corrupt_container', () => {
    const buf = write(sampleBook(), 'xlsx');
    const cut = buf.subarray(0, Math.floor(buf.length / 2));
    expect(() => ingestXlsx(cut)).toThrow(IngestError);
    expect(codeOf(() => ingestXlsx(cut))).toBe('corrupt_container');
    expect(codeOf(() => ingestXlsx(Buffer.from('a,b\n1,2\n')))).toBe('corrupt_container');
    const xls = write(sampleBook(), 'biff8');
    expect(codeOf(() => ingestXlsx(xls.subarray(0, 600)))).toBe('corrupt_container');
  });

  it('reports an encrypted OOXML package (OLE2 with EncryptionInfo) as encrypted', () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64, 1));
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 2));
    const buf = CFB.write(cfb, { fileType: 'cfb', type: 'buffer' });
    expect(codeOf(() => ingestXlsx(Buffer.from(buf)))).toBe('encrypted');
  });

  it('reports a workbook Calc saved with a password as encrypted', () => {
    const result = extractBuffer(readFileSync('fixtures/bad/encrypted.calc.xls'), 'e.xls');
    expect([result.format, result.status, result.error?.code]).toEqual([
      'xls',
      'failed',
      'encrypted',
    ]);
  });

  it('reads a 50 MB sheet of noise only up to the row limit and finds no form', () => {
    const buf = noiseWorkbook(50 * 2 ** 20);
    const started = performance.now();
    const result = extractBuffer(buf, 'noise.xlsx');
    const seconds = (performance.now() - started) / 1000;
    expect([result.status, result.error?.code]).toEqual(['empty', 'no_form_found']);
    expect(result.error?.message).toContain(`more than ${MAX_ROWS} rows`);
    expect(seconds).toBeLessThan(60); // a guard against a hang, not a speed measurement
  }, 120_000);

  it('cuts a huge used range to the cell budget and says so', () => {
    const ws = XLSX.utils.aoa_to_sheet([['角']]);
    ws['BXX3000'] = { t: 's', v: '远' }; // 2,000 columns × 3,000 rows = 6,000,000 positions
    ws['!ref'] = 'A1:BXX3000';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'noise');
    const { doc } = ingestXlsx(write(wb, 'xlsx'));
    const table = tableOf(doc.parts[0]!.blocks);
    expect(table.colCount).toBe(2000);
    expect(table.rowCount).toBe(Math.floor(MAX_CELLS / 2000));
    expect(table.cells.length).toBeLessThanOrEqual(MAX_CELLS);
    expect(doc.notes.map((n) => n.code)).toEqual(['truncated_document']);
  });

  it('reads a small sheet whose writer declared the whole grid as its size, and says nothing', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目名称', '甲'],
      ['年度', '2025'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '表1');
    const buf = patched(wb, {
      '/xl/worksheets/sheet1.xml': (xml) =>
        xml.replace(/<dimension ref="[^"]*"/u, '<dimension ref="A1:XFD1048576"'),
    });
    const { doc } = ingestXlsx(buf);
    expect(tableOf(doc.parts[0]!.blocks).cells.filter((c) => c.text !== '').length).toBe(4);
    expect(doc.notes.map((n) => n.code)).toEqual([]);
  });
});

/**
 * An .xlsx whose one sheet holds `bytes` of worksheet XML: 20 columns of pseudo-random short
 * strings per row, no <dimension> (the reader cannot know the size in advance).
 */
function noiseWorkbook(bytes: number): Buffer {
  let seed = 20261129;
  const word = (): string => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed.toString(36);
  };
  const rows: string[] = [];
  let size = 0;
  for (let r = 1; size < bytes; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 20; c++) row += `<c t="inlineStr"><is><t>${word()}${word()}</t></is></c>`;
    row += '</row>';
    rows.push(row);
    size += row.length;
  }
  const ns = 'http://schemas.openxmlformats.org/';
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="${ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships"><sheets><sheet name="noise" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${ns}spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  };
  return Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), {
      level: 1,
    }),
  );
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof IngestError ? err.code : `not an IngestError: ${String(err)}`;
  }
  return undefined;
}

/** An .xlsx written by the library with one zip entry's XML rewritten. */
function patched(wb: XLSX.WorkBook, edits: Record<string, (xml: string) => string>): Buffer {
  const zip = CFB.read(write(wb, 'xlsx'), { type: 'buffer' });
  for (const [path, edit] of Object.entries(edits)) {
    const entry = CFB.find(zip, path);
    if (!entry) throw new Error(`no ${path} in ${zip.FullPaths.join(', ')}`);
    entry.content = Buffer.from(edit(Buffer.from(entry.content).toString('utf8')), 'utf8');
  }
  return Buffer.from(CFB.write(zip, { fileType: 'zip', type: 'buffer' }));
}

describe('SheetJS advisories of xlsx 0.18.5 do not reproduce', () => {
  const commented = (): XLSX.WorkBook => {
    const ws = XLSX.utils.aoa_to_sheet([['绩效目标', '值']]);
    ws['A1']!.c = [{ a: 'reviewer', t: 'threaded', T: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    return wb;
  };
  const withRef = (ref: string): Buffer =>
    patched(commented(), {
      '/xl/threadedComments/threadedComment1.xml': (x) => x.replace('ref="A1"', `ref="${ref}"`),
      '/xl/comments1.xml': (x) => x.replace('ref="A1"', `ref="${ref}"`),
    });

  it('CVE-2023-30533: a threaded comment with ref __proto__ leaves Object.prototype alone', () => {
    // control: the patched entries are really parsed (the comment moves to C9)
    const control = XLSX.read(withRef('C9'), { type: 'buffer' });
    expect((control.Sheets.S!['C9'] as XLSX.CellObject).c?.[0]?.t).toBe('threaded');

    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const buf = withRef('__proto__');
    const { doc } = ingestXlsx(buf);
    XLSX.read(buf, { type: 'buffer' }); // the sparse layout, where the old bug wrote through
    XLSX.read(buf, { type: 'buffer', dense: true });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const probe = {} as Record<string, unknown>;
    expect([probe.t, probe.c, probe.a, probe.T]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(tableOf(doc.parts[0]!.blocks).cells.map((c) => c.text)).toEqual(['绩效目标', '值']);
  });

  it('CVE-2024-22363: 80,000 repetitions of <!-- parse in well under a second', () => {
    const bomb = '<!--'.repeat(80_000);
    const inSheet = patched(commented(), {
      '/xl/worksheets/sheet1.xml': (x) => x.replace('<sheetData>', `<sheetData>${bomb}`),
    });
    const inStrings = patched(commented(), {
      '/xl/workbook.xml': (x) => x.replace('<sheets>', `${bomb}<sheets>`),
    });
    for (const buf of [inSheet, inStrings]) {
      const started = performance.now();
      try {
        ingestXlsx(buf);
      } catch (err) {
        expect(err).toBeInstanceOf(IngestError); // rejecting is fine, hanging is not
      }
      expect(performance.now() - started).toBeLessThan(1000);
    }
    const started = performance.now();
    try {
      XLSX.read(Buffer.from(bomb), { type: 'buffer' }); // the raw text path of the library
    } catch {
      // rejecting is fine
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('forms in workbooks', () => {
  it('reads one form per sheet, names the sheet, and flags a form on a hidden sheet', () => {
    const form = (name: string) =>
      XLSX.utils.aoa_to_sheet([
        ['项目支出绩效目标申报表', null, null, null],
        ['项目名称', name, null, null],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '培训人数', '≥100人'],
      ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, form('甲'), '甲表');
    XLSX.utils.book_append_sheet(wb, form('乙'), '乙表');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const result = extractBuffer(
        write(wb, bookType),
        `book.${bookType === 'xlsx' ? 'xlsx' : 'xls'}`,
      );
      expect(result.status).toBe('ok');
      expect(
        result.records.map((r) => [r.fields.name, r.source.sheet, r.source.form_index]),
      ).toEqual([
        ['甲', '甲表', 0],
        ['乙', '乙表', 1],
      ]);
      expect(result.records[1]!.diagnostics.map((d) => d.code)).toContain('hidden_sheet');
      expect(result.records[0]!.diagnostics.map((d) => d.code)).not.toContain('hidden_sheet');
      expect(result.records[0]!.indicators[0]!.provenance).toMatchObject({
        sheet: '甲表',
        cell: 'C4',
      });
    }
  });
});

describe('the package handed to SheetJS with its parts stored', () => {
  const options: XLSX.ParsingOptions = {
    type: 'buffer',
    dense: true,
    cellNF: true,
    cellText: true,
  };
  const packages = [
    'fixtures/forms/office/seed-policy-2023.calc.xlsx',
    'fixtures/forms/office/three-forms.calc.xlsx',
    'fixtures/forms/office/typed-cells.calc.xlsx',
  ];

  it.each(packages)('%s: SheetJS reads the same workbook from it', (file) => {
    const buf = readFileSync(file);
    const stored = storedPackage(buf);
    expect(stored).not.toBeNull();
    // every part stored, none deflated: the package grows to the size of its inflated parts
    expect(stored!.length).toBeGreaterThan(buf.length);
    const read = (b: Buffer): unknown => {
      const wb = XLSX.read(b, options);
      return { names: wb.SheetNames, sheets: wb.Sheets, workbook: wb.Workbook };
    };
    expect(read(stored!)).toEqual(read(buf));
  });

  it('is not made for a package that is not plain: SheetJS reads the file itself', () => {
    const buf = readFileSync(packages[0]!);
    // cut short, and with the encryption flag set on the first local header
    expect(storedPackage(buf.subarray(0, buf.length - 100))).toBeNull();
    const flagged = Buffer.from(buf);
    flagged.writeUInt16LE(flagged.readUInt16LE(6) | 0x0001, 6);
    expect(storedPackage(flagged)).toBeNull();
    expect(storedPackage(Buffer.from('not a zip at all'))).toBeNull();
  });

  it('refuses a package damaged inside: a changed byte, a broken stream, an overwritten header', () => {
    const code = (buf: Buffer) => ingestErrorCode(() => ingestXlsx(buf));
    const parts = unzipSync(readFileSync(packages[0]!));
    const pack = (level: 0 | 6): Buffer =>
      Buffer.from(
        zipSync(Object.fromEntries(Object.entries(parts).map(([n, b]) => [n, [b, { level }]]))),
      );
    const stored = pack(0);
    expect(code(stored)).toBeUndefined();
    // one digit of a stored sheet changed: the part fails its CRC-32 (SheetJS would read 7 for 3)
    const digit = stored.indexOf('<v>', stored.indexOf('sheetData')) + 3;
    const changed = Buffer.from(stored);
    changed[digit] = changed[digit] === 0x37 ? 0x38 : 0x37;
    expect(() => storedPackage(changed)).toThrow(DamagedPart);
    expect(code(changed)).toBe('corrupt_container');
    // bytes inside a deflated part overwritten, and a local header overwritten
    const deflated = pack(6);
    const sheet = deflated.indexOf('xl/worksheets/sheet1.xml');
    const broken = Buffer.from(deflated);
    broken.fill(0xa5, sheet + 60, sheet + 124);
    expect(code(broken)).toBe('corrupt_container');
    const header = Buffer.from(deflated);
    header.fill(0xa5, sheet - 8, sheet + 16);
    expect(code(header)).toBe('corrupt_container');
  });

  it('refuses a part that says it inflates beyond 256 MiB, before inflating it', () => {
    const parts = unzipSync(readFileSync(packages[0]!));
    const buf = Buffer.from(zipSync(parts));
    // the sheet's uncompressed size, in its local header and in the directory, set to 300 MiB
    const big = 300 * 2 ** 20;
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = buf.indexOf(name); at >= 0; at = buf.indexOf(name, at + 1)) {
      if (buf.readUInt32LE(at - 30) === 0x04034b50) buf.writeUInt32LE(big, at - 30 + 22);
      if (buf.readUInt32LE(at - 46) === 0x02014b50) buf.writeUInt32LE(big, at - 46 + 24);
    }
    expect(() => ingestXlsx(buf)).toThrow(expect.objectContaining({ code: 'stream_too_large' }));
  });
});

describe('XML Spreadsheet 2003 (SpreadsheetML)', () => {
  const book = (rows: string, encoding = 'UTF-8'): string =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="表1"><Table>${rows}</Table></Worksheet></Workbook>`;
  const cell = (text: string, attrs = ''): string =>
    `<Cell${attrs}><Data ss:Type="String">${text}</Data></Cell>`;
  const grid = (buf: Buffer): unknown[] =>
    tableOf(ingestXlsx(buf).doc.parts[0]!.blocks)
      .cells.filter((c) => c.text !== '')
      .map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);

  it('places a cell after a range merged down where a writer without ss:Index leaves it (Calc)', () => {
    const rows =
      `<Row>${cell('产出指标', ' ss:MergeDown="1"')}${cell('数量指标')}${cell('甲')}</Row>` +
      `<Row>${cell('质量指标')}${cell('乙')}</Row>`;
    expect(grid(Buffer.from(book(rows)))).toEqual([
      [0, 0, 2, 1, '产出指标'],
      [0, 1, 1, 1, '数量指标'],
      [0, 2, 1, 1, '甲'],
      [1, 1, 1, 1, '质量指标'],
      [1, 2, 1, 1, '乙'],
    ]);
  });

  it('keeps the places a writer gives with ss:Index (Excel), and reads a GBK declaration', () => {
    const rows =
      `<Row>${cell('产出指标', ' ss:MergeDown="1"')}${cell('数量指标')}${cell('甲')}</Row>` +
      `<Row>${cell('质量指标', ' ss:Index="2"')}${cell('乙')}</Row>` +
      `<Row ss:Index="4">${cell('备注', ' ss:Index="3"')}</Row>`;
    // the bytes in GBK, as the declaration says (code page 936)
    const { encode } = (
      cpexcel as unknown as { utils: { encode(cp: number, s: string): number[] } }
    ).utils;
    const bytes = Buffer.from(encode(936, book(rows, 'GB2312')));
    expect(bytes.includes(Buffer.from('产出指标'))).toBe(false);
    expect(grid(bytes)).toEqual([
      [0, 0, 2, 1, '产出指标'],
      [0, 1, 1, 1, '数量指标'],
      [0, 2, 1, 1, '甲'],
      [1, 1, 1, 1, '质量指标'],
      [1, 2, 1, 1, '乙'],
      [3, 2, 1, 1, '备注'],
    ]);
  });

  it('is read as a legacy Excel workbook; a Word 2003 XML document is skipped as legacy Word', () => {
    const rows = `<Row>${cell('项目支出绩效目标申报表', ' ss:MergeAcross="3"')}</Row>
      <Row>${cell('项目名称')}${cell('甲', ' ss:MergeAcross="2"')}</Row>
      <Row>${cell('一级指标')}${cell('二级指标')}${cell('三级指标')}${cell('指标值')}</Row>
      <Row>${cell('产出指标')}${cell('数量指标')}${cell('人数')}${cell('≥5人')}</Row>`;
    const r = extractBuffer(Buffer.from(book(rows)), 'export.xls');
    expect([
      r.status,
      r.format,
      r.records[0]?.source.sheet,
      r.records[0]?.indicators[0]?.target.value,
    ]).toEqual(['ok', 'xls', '表1', 5]);
    expect(r.records[0]?.diagnostics.map((d) => d.code)).not.toContain('extension_differs');
    const word = `<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>
      <w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body/></w:wordDocument>`;
    const w = extractBuffer(Buffer.from(word), 'form.doc');
    expect([w.status, w.format, w.error?.code]).toEqual(['skipped', 'doc', 'format_not_supported']);
  });
});
