import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { foldRadicals, ingestPdf, toBlocks } from '../src/ingest/pdf.js';
import type { IngestNote } from '../src/model/document.js';
import { pageBlocks, type PdfTable } from '../src/ingest/pdf-layout.js';
import type { HRule, VRule } from '../src/ingest/pdf-grid.js';
import { dropFurniture } from '../src/ingest/pdf-pages.js';
import { joinBands, placeBands } from '../src/ingest/pdf-bands.js';
import { blockText, firstWordWidth, lineText, type Piece } from '../src/ingest/pdf-text.js';
import { extractBuffer } from '../src/pipeline.js';
import { cmapPdf, formFieldPdf, pdfFile } from './helpers/pdf-builder.js';

/** A run of text: CJK characters 1 em wide, others half an em. */
function run(text: string, x0: number, y: number, size = 10, extra: Partial<Piece> = {}): Piece {
  const width = [...text].reduce(
    (w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(c) ? 1 : 0.5),
    0,
  );
  return { text, x0, x1: x0 + width * size, y, size, gap: false, font: 'f', ...extra };
}

describe('PDF text runs joined into cell text', () => {
  it('drops the space pdf.js invents at a font change next to CJK, keeps real spaces', () => {
    // 2023 年: LibreOffice puts 0.2 em between Latin and Asian text, pdf.js reports a space there
    const year = run('2023', 0, 10);
    const gap = run(' ', year.x1, 10, 10, { gap: true, x1: year.x1 + 2 });
    expect(lineText([year, gap, run('年', year.x1 + 2, 10)])).toBe('2023年');
    // (1) 根据: a space of the source printed as a 0.32 em gap
    const one = run('(1)', 0, 10);
    expect(lineText([one, run('根据', one.x1 + 3.2, 10)])).toBe('(1) 根据');
    // a space character inside a run is the file's own
    expect(lineText([run('王建国 021-23115678', 0, 10)])).toBe('王建国 021-23115678');
    // Writer with Western text at 12 pt and Asian at 10.5 pt: its 2.48 pt between ≥500 and 个
    // is 0.207 em of the larger size (0.236 em of the smaller); a typed space is wider
    const latin = run('≥500', 0, 10, 12);
    const gapped = (g: number) =>
      lineText([
        latin,
        run(' ', latin.x1, 10, 12, { gap: true, x1: latin.x1 + g }),
        run('个', latin.x1 + g, 10, 10.5),
      ]);
    expect(gapped(2.48)).toBe('≥500个');
    expect(gapped(3.6)).toBe('≥500 个');
    // a wide gap between two phrases stays a wide gap (pairs printed on one line)
    const a = run('负责人：谭丽', 0, 10);
    expect(lineText([a, run('填报日期：2024年', a.x1 + 15, 10)])).toMatch(/谭丽 {2,}填报日期/u);
  });

  it('reads no space in the stretched gaps of a justified line that wrapped', () => {
    // Writer stretches a justified line's gaps between CJK text and digits (0.28 em here); the
    // last line is set solid, and a gap after a list marker is a typed space
    const full = [run('稳定在', 0, 10), run('82%以上，保持在', 32.8, 10)];
    const last = [run('(2)', 0, 24), run('建成', 17.5, 24)];
    expect(blockText([...full, ...last], 111)).toBe('稳定在82%以上，保持在\n(2) 建成');
    // the same gap in a line that did not wrap is a space
    expect(blockText([run('稳定在', 0, 10), run('82%', 32.8, 10)], 200)).toBe('稳定在 82%');
  });

  it('drops the gaps of letter-spaced (justified) CJK text, which were never typed', () => {
    // one line, with a gap after every run: 2024 年 1 月 1 日 至 (Writer, justified)
    const line: Piece[] = [];
    let x = 0;
    for (const t of ['2024', '年', '1', '月', '1', '日 至']) {
      const r = run(t, x, 10);
      line.push(r, run(' ', r.x1, 10, 10, { gap: true, x1: r.x1 + 4 }));
      x = r.x1 + 4;
    }
    expect(lineText(line)).toBe('2024年1月1日至');
    // the same runs without the stretch keep the space typed between a number and CJK text
    expect(lineText([run('2024', 0, 10), run('年', 24, 10)])).toBe('2024 年');
    // spaces pdf.js put between letter-spaced characters of one run
    expect(lineText([run('各 县 （ 市 、 区 ） 卫 生', 0, 10)])).toBe('各县（市、区）卫生');
    // one character per run, 1.03 em apart, in a block whose last line is set solid
    const stretchedLine = [...'到'].map((c) => run(c, 0, 10, 10, { x1: 10.3 }));
    const wide = [...'年政府办'].map((c, i) =>
      run(c, 35.5 + i * 10.3, 10, 10, { x1: 45.8 + i * 10.3 }),
    );
    const year = run('2026', 13, 10);
    const last = run('群众基本用药', 0, 22);
    // (the first line fills the cell: justified, it wrapped into the second)
    expect(blockText([...stretchedLine, year, ...wide, last], 78)).toBe(
      '到2026年政府办群众基本用药',
    );
    // alone, the gaps of 0.25 em next to 2026 are spaces
    expect(lineText([...stretchedLine, year, ...wide])).toBe('到 2026 年政府办');
    // a block whose lines all advance alike is not stretched (Chromium: 1.018 em per character)
    const name = [...'王建国'].map((c, i) => run(c, i * 10.18, 10, 10, { x1: (i + 1) * 10.18 }));
    const space = run(' ', 30.54, 10, 10, { x1: 35.6 });
    expect(blockText([...name, space, run('021-23115678', 35.6, 10)], 200)).toBe(
      '王建国 021-23115678',
    );
  });

  it('puts no space between a bracket or quote and what it holds, nor where a glyph stands', () => {
    // Writer prints the quotes of a CJK line in a Latin font, over spaces of the CJK run:
    // 是[“ over a space]六稳[” over a space]之首
    const head = run('稳就业是', 0, 10);
    const open = run('“', head.x1, 10, 10, { font: 'latin', x1: head.x1 + 5 });
    const under = run(' ', head.x1, 10, 10, { x1: head.x1 + 5 });
    const body = run('六稳', open.x1 + 2.5, 10);
    const close = run('”', body.x1 + 2.5, 10, 10, { font: 'latin', x1: body.x1 + 7.5 });
    const tail = run('之首', close.x1, 10);
    expect(lineText([head, under, open, body, close, tail])).toBe('稳就业是“六稳”之首');
    expect(lineText([head, open, under, body, close, tail])).toBe('稳就业是“六稳”之首');
    // the quote drawn over a gap inside the CJK run (务 一网, “ over the space): the run is split
    // so that the quote stands where it is drawn
    const cjk = run('务 一网', 0, 10, 10, { x1: 35 });
    const quote = run('“', 10, 10, 10, { font: 'latin', x1: 15 });
    expect(blockText([cjk, quote], 200)).toBe('务“一网');
    // a value drawn over a fill-in line, or a run measured too wide, is left as it is
    const line = run('________', 0, 10, 10, { x1: 80 });
    expect(blockText([line, run('老旧小区改造', 20, 10)], 200)).toBe('________老旧小区改造');
    const wide = run('2025', 0, 10, 10, { x1: 24 });
    expect(blockText([wide, run('年度项目', 22, 10)], 200)).toBe('2025年度项目');
    // a space of the file where no glyph stands stays, a gap next to a bracket does not
    expect(lineText([run('(1)', 0, 10), run(' ', 15, 10), run('根据', 20, 10)])).toBe('(1) 根据');
    expect(lineText([run('（', 0, 10), run('市', 13, 10), run('）', 26, 10)])).toBe('（市）');
  });

  it('keeps superscripts and subscripts in their line (≥500m², ≥95%①, CO₂)', () => {
    const area = run('≥500m', 0, 10);
    expect(blockText([area, run('2', area.x1, 6.5, 6)], 200)).toBe('≥500m2');
    const rate = run('≥95%', 0, 10);
    expect(blockText([rate, run('①', rate.x1 + 0.5, 6, 6)], 200)).toBe('≥95%①');
    const co = run('CO', 0, 10);
    expect(blockText([co, run('2', co.x1, 12, 6), run('排放', co.x1 + 3, 10)], 200)).toBe(
      'CO2排放',
    );
    // a line of small text below a line is a line of its own
    expect(blockText([run('年度', 0, 10), run('注', 0, 22, 6)], 200)).toBe('年度\n注');
  });

  it('joins wrapped lines and keeps real line breaks', () => {
    // a cell 45 wide: 满意度指 fills the line, 标 wrapped
    expect(blockText([run('满意度指', 0, 10), run('标', 0, 22)], 45)).toBe('满意度指标');
    // short lines in a wide cell are separate lines
    expect(blockText([run('年度', 0, 10), run('中期', 0, 22)], 200)).toBe('年度\n中期');
    // an opening bracket stays with what follows (kinsoku): （台） wrapped as a whole
    const first = run('完成加装电梯数量', 0, 10);
    expect(firstWordWidth([run('（台）', 0, 22)])).toBeCloseTo(30);
    expect(blockText([first, run('（台）', 0, 22)], first.x1 + 20)).toBe('完成加装电梯数量（台）');
    // a number broken between two digits is joined without a space; Latin words wrap at a space
    const rate = run('≤280/1', 0, 10);
    expect(blockText([rate, run('0万', 0, 22)], rate.x1 + 2)).toBe('≤280/10万');
    // a number is one word: 2.8%。 did not fit after 达到
    const end = run('投入强度达到', 0, 10);
    expect(firstWordWidth([run('2.8%。', 0, 22)])).toBeCloseTo(30);
    expect(blockText([end, run('2.8%。', 0, 22)], end.x1 + 25)).toBe('投入强度达到2.8%。');
    expect(firstWordWidth([run('ab cd', 0, 22)])).toBeCloseTo(10);
    // a line starting with an enumerator starts a paragraph, even after a full line
    const full = run('（一）补助资金全部拨付到位。', 0, 10);
    expect(blockText([full, run('（二）新改扩建食堂', 0, 22)], full.x1 + 2)).toBe(
      '（一）补助资金全部拨付到位。\n（二）新改扩建食堂',
    );
    expect(blockText([full, run('3.全年完成', 0, 22)], full.x1 + 2)).toContain('\n3.全年');
    expect(blockText([full, run('3.5万元', 0, 22)], full.x1 + 2)).toContain('到位。3.5万元');
    // the solidus of a unit stays with the character before it: 元/ did not fit after 628
    const amount = run('628', 0, 10);
    expect(blockText([amount, run('元/辆', 0, 22)], amount.x1 + 14)).toBe('628元/辆');
    // a unit with its denominator is kept whole: 元/台 did not fit after ≤20万
    const bound = run('≤20万', 0, 10);
    expect(blockText([bound, run('元/台', 0, 22)], bound.x1 + 22)).toBe('≤20万元/台');
    const share = run('96.20', 0, 10);
    expect(blockText([share, run('%', 0, 22)], share.x1 + 2)).toBe('96.20%');
    const words = run('water quality', 0, 10);
    expect(blockText([words, run('class', 0, 22)], words.x1 + 2)).toBe('water quality class');
  });

  it('reads CJK in a non-embedded font through a predefined CMap (STSong-Light, UniGB-UCS2-H)', async () => {
    const { doc } = await ingestPdf(cmapPdf('项目支出绩效目标申报表'));
    expect(doc.parts[0]!.blocks).toMatchObject([
      { kind: 'paragraph', text: '项目支出绩效目标申报表' },
    ]);
  });

  it("reads the values typed into a fillable form's fields where the fields are", async () => {
    const { doc } = await ingestPdf(formFieldPdf('项目名称', '示范项目'));
    const table = doc.parts[0]!.blocks[0]!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, '项目名称'],
      [0, 1, '示范项目'],
    ]);
  });

  it('prints a ticked or empty check box as the glyph forms use for it', async () => {
    const texts = async (ticked: boolean) =>
      (await ingestPdf(formFieldPdf('项目名称', '示范项目', ticked))).doc.parts[0]!.blocks.map(
        (b) => (b.kind === 'paragraph' ? b.text : null),
      );
    expect(await texts(true)).toEqual([null, '☑ 延续项目']);
    expect(await texts(false)).toEqual([null, '□ 延续项目']);
  });

  it('leaves out a private-use character of a readable font, and says so', async () => {
    const { doc } = await ingestPdf(cmapPdf('项目名称\uE001'));
    expect(doc.parts[0]!.blocks).toMatchObject([{ kind: 'paragraph', text: '项目名称' }]);
    expect(doc.notes.map((n) => [n.code, n.severity, n.origin?.page])).toEqual([
      ['unmapped_font', 'warning', 1],
    ]);
  });

  it('folds radical code points of font subsets into the ideographs', () => {
    expect(foldRadicals('居⺠⻓效⽅⾯')).toBe('居民长效方面');
    // a Kangxi radical whose NFKC form is a traditional variant: the mainland character
    expect(foldRadicals('受益⼾数≥1800⼾，⾭年')).toBe('受益户数≥1800户，青年');
  });

  it('folds the dashes a font maps to look-alikes', () => {
    // a CJK font's dash glyph mapped to U+2015, and a browser's ligature glyph for a doubled dash
    expect(foldRadicals('2021\u20152023年')).toBe('2021\u20142023年');
    expect(foldRadicals('\u2E3A')).toBe('\u2014\u2014');
  });
});

describe('PDF tables from ruling lines', () => {
  const h = (y: number, x0 = 0, x1 = 300) => ({ y, x0, x1 });
  const v = (x: number, y0 = 0, y1 = 60) => ({ x, y0, y1 });
  /** The blocks of a 300 × 100 page with these runs and rulings. */
  const ruled = (pieces: Piece[], hs: HRule[], vs: VRule[]) =>
    pageBlocks({ page: 1, width: 300, height: 100, pieces, h: hs, v: vs });

  it('builds cells with spans from missing edges (lattice)', () => {
    // 3 columns × 3 rows; the first column's two lower cells merged (no ruling at y=40 there)
    const blocks = ruled(
      [
        run('一级', 10, 15),
        run('名称', 110, 15),
        run('产出', 10, 45),
        run('数量', 110, 35),
        run('质量', 110, 55),
      ],
      [h(0), h(20), h(40, 100, 300), h(60)],
      [v(0), v(100), v(200), v(300)],
    );
    const table = blocks[0] as PdfTable;
    expect(table.method).toBe('lattice');
    expect(table.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
      [0, 0, 1, 1, '一级'],
      [0, 1, 1, 1, '名称'],
      [0, 2, 1, 1, ''],
      [1, 0, 2, 1, '产出'],
      [1, 1, 1, 1, '数量'],
      [1, 2, 1, 1, ''],
      [2, 1, 1, 1, '质量'],
      [2, 2, 1, 1, ''],
    ]);
  });

  it('places the rows of a table drawn under its header table on the header columns', () => {
    // the header row (one table) has its columns at 100/200/250, the rows (a second table right
    // below it) at 60/160/280: the same four columns at other widths
    const blocks = ruled(
      [
        run('一级', 5, 15),
        run('二级', 105, 15),
        run('三级', 205, 15),
        run('值', 255, 15),
        run('产出', 5, 35),
        run('数量', 65, 35),
        run('里程', 165, 35),
        run('≥20', 282, 35),
        run('质量', 65, 55),
        run('合格率', 165, 55),
        run('100%', 282, 55),
      ],
      [h(0), h(20), h(40, 60, 300), h(60)],
      [
        v(0),
        v(300),
        ...[100, 200, 250].map((x) => ({ x, y0: 0, y1: 20 })),
        ...[60, 160, 280].map((x) => ({ x, y0: 20, y1: 60 })),
      ],
    );
    const table = blocks[0] as PdfTable;
    const at = (text: string) => {
      const c = table.cells.find((x) => x.text === text)!;
      return [c.col, c.colSpan];
    };
    expect(table.aligned).toBe(true);
    // each cell starts under its header: 数量 under 二级, 里程 under 三级, ≥20 under 值
    expect([at('一级'), at('二级'), at('三级'), at('值')]).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
      [5, 2],
    ]);
    expect([at('产出'), at('数量'), at('里程'), at('≥20'), at('质量'), at('100%')]).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
      [5, 2],
      [2, 2],
      [5, 2],
    ]);
  });

  it('finds columns from the text when only rows are ruled, a long run spanning them', () => {
    const blocks = ruled(
      [
        run('项目名称', 5, 15),
        run('示范项目', 100, 15),
        run('项目属性', 200, 15),
        run('总体目标', 5, 35),
        run('一段横跨两列的很长很长很长的文字', 100, 35),
      ],
      [h(0), h(20), h(40)],
      [],
    );
    const table = blocks[0] as PdfTable;
    expect(table.method).toBe('rows');
    expect(
      table.cells.filter((c) => c.text !== '').map((c) => [c.row, c.col, c.colSpan, c.text]),
    ).toEqual([
      [0, 0, 1, '项目名称'],
      [0, 1, 1, '示范项目'],
      [0, 2, 1, '项目属性'],
      [1, 0, 1, '总体目标'],
      [1, 1, 2, '一段横跨两列的很长很长很长的文字'],
    ]);
  });
  it('makes a title row one cell when only the frame edge, no column ruling, runs up beside it', () => {
    // (Calc prints a merged title row with its right border only)
    const blocks = ruled(
      [run('2025年度项目支出绩效目标申报表', 5, 5), run('项目名称', 5, 25), run('甲', 105, 25)],
      [h(20), h(40)],
      [v(300, 0, 40), v(0, 20, 40), v(100, 20, 40), v(200, 20, 40)],
    );
    expect(
      blocks.map((b) => ('cells' in b ? b.cells.map((c) => c.text).join('|') : b.text)),
    ).toEqual(['2025年度项目支出绩效目标申报表|项目名称|甲|']);
    const [title] = (blocks[0] as PdfTable).cells;
    expect([title!.row, title!.col, title!.colSpan]).toEqual([0, 0, 3]);
  });
});

describe('PDF row cut by the page break, its own column rulings stopping short', () => {
  it('divides the open row where its own rulings run, not where the row above had more', () => {
    // rows 0–20 and 20–40 have 4 columns; the last row (a long goal, cut at the page bottom)
    // spans the last three, its borders drawn from 40 down to the page edge at 190
    const blocks = pageBlocks({
      page: 1,
      width: 300,
      height: 200,
      pieces: [
        run('一级', 5, 15),
        run('指标', 55, 15),
        run('值', 155, 15),
        run('产出', 5, 35),
        run('人数', 55, 35),
        run('5人', 155, 35),
        run('总体目标', 5, 55),
        run('完成年度建设任务围绕本市经济社会发', 55, 55),
        run('展总体部署聚焦群众急难愁盼问题统筹', 55, 75),
      ],
      h: [0, 20, 40].map((y) => ({ y, x0: 0, x1: 300 })),
      v: [
        ...[0, 50, 150, 300].map((x) => ({ x, y0: 0, y1: 40 })),
        ...[0, 50, 300].map((x) => ({ x, y0: 40, y1: 190 })),
      ],
    });
    const table = blocks[0] as PdfTable;
    const goal = table.cells.find((c) => c.text.startsWith('完成'));
    expect([goal?.col, goal?.colSpan, goal?.text]).toEqual([
      1,
      2,
      '完成年度建设任务围绕本市经济社会发\n展总体部署聚焦群众急难愁盼问题统筹',
    ]);
  });
});

describe('PDF text below a table', () => {
  /** A 3-column ruled table of two rows whose last ruling misses the third column. */
  const page = (pieces: Piece[]) =>
    pageBlocks({
      page: 1,
      width: 300,
      height: 200,
      pieces,
      h: [0, 20].map((y) => ({ y, x0: 0, x1: 300 })).concat({ y: 40, x0: 0, x1: 200 }),
      v: [0, 100, 200, 300].map((x) => ({ x, y0: 0, y1: 40 })),
    }).map((b) => ('cells' in b ? b.cells.map((c) => c.text).join('|') : b.text));

  it('keeps a paragraph under a closed table out of it, a short last ruling notwithstanding', () => {
    // (an empty 备注 cell) the paragraph stands under the first two columns, where the ruling is
    const [table, paragraph] = page([
      run('指标', 5, 15),
      run('指标值', 105, 15),
      run('满意度', 5, 35),
      run('≥90%', 105, 35),
      run('填报人：郑海波', 5, 52),
      run('联系电话：0578', 120, 52),
    ]);
    expect(table).toBe('指标|指标值||满意度|≥90%|');
    expect(paragraph).toMatch(/^填报人：郑海波 +联系电话：0578$/u);
  });

  it('continues a row cut by the page break under the columns the last ruling misses', () => {
    const blocks = page([
      run('指标', 5, 15),
      run('说明', 205, 15),
      run('未完', 205, 35),
      run('续写', 205, 52),
    ]);
    // (the open row's cells under the ruled columns stay empty cells of their own)
    expect(blocks).toEqual(['指标||说明|||未完\n续写||']);
  });
});

describe('PDF paragraphs outside tables', () => {
  // (a page with a ruled table below the paragraphs: 指标 | 值)
  const texts = (pieces: Piece[]) =>
    pageBlocks({
      page: 1,
      width: 300,
      height: 200,
      pieces: [...pieces, run('指标', 25, 115), run('值', 125, 115)],
      h: [100, 120].map((y) => ({ y, x0: 20, x1: 220 })),
      v: [20, 120, 220].map((x) => ({ x, y0: 100, y1: 120 })),
    }).flatMap((b) => ('cells' in b ? [] : [b.text]));

  it('joins a paragraph wrapped at the right margin, and leaves lines that stop short apart', () => {
    // the page's text reaches x = 250; 年度目标：… runs to it and goes on under its start
    expect(
      texts([
        run('项目名称：甲项目', 20, 20),
        run('年度目标：完成平台运维和功能升级，预警信息处', 20, 40),
        run('置及时率达到98%以上。', 20, 54),
        run('资金情况（单位：元）', 20, 74),
      ]),
    ).toEqual([
      '项目名称：甲项目',
      '年度目标：完成平台运维和功能升级，预警信息处置及时率达到98%以上。',
      '资金情况（单位：元）',
    ]);
  });
});

describe('PDF page furniture', () => {
  /** A page: a line at the top edge, body lines below, a page number at the foot. */
  const page = (n: number, top: string) => ({
    page: n,
    width: 595,
    height: 842,
    pieces: [
      run(top, 200, 40, 12),
      run(`项目名称 第${n}个项目`, 60, 120, 12),
      run('指标值 ≥95%', 60, 140, 12),
      run(String(n), 290, 820, 12),
    ],
    h: [],
    v: [],
  });

  it("drops a spreadsheet's header a little below the edge over pages numbered at the foot", () => {
    // Calc prints the sheet's name some 67 pt down and `Page N` at the foot of every page
    const calc = [1, 2].map((n) => page(n, 'Sheet1'));
    for (const c of calc) {
      Object.assign(c.pieces[0]!, { y: 67, x0: 279.5, x1: 315.5 });
      c.pieces[3]!.text = `Page ${c.page}`;
    }
    expect(dropFurniture(calc)).toBe(4);
    expect(calc[1]!.pieces.map((p) => p.text)).toEqual(['项目名称 第2个项目', '指标值 ≥95%']);
    // on two pages of three only (the third has none at that height), it is the pages' own
    const some = [1, 2, 3].map((n) => page(n, 'Sheet1'));
    for (const c of some) {
      Object.assign(c.pieces[0]!, { y: c.page < 3 ? 67 : 120, x0: 279.5, x1: 315.5 });
      c.pieces[3]!.text = `Page ${c.page}`;
    }
    expect(dropFurniture(some)).toBe(3);
    // a line that low that is no sheet's name is the page's own: a unit line, the year line
    // under a title, a line off the page's centre (附件2), or one with no page number under it
    for (const [top, x0] of [
      ['单位：万元', 267.5],
      ['（2025年度）', 255.5],
      ['附件2', 40],
    ] as const) {
      const own = [1, 2].map((n) => page(n, top));
      for (const c of own) Object.assign(c.pieces[0]!, { y: 67, x0 });
      expect(dropFurniture(own)).toBe(2);
    }
    const plain = [1, 2].map((n) => page(n, 'Sheet1'));
    for (const c of plain) {
      Object.assign(c.pieces[0]!, { y: 67, x0: 279.5, x1: 315.5 });
      c.pieces.pop();
    }
    expect(dropFurniture(plain)).toBe(0);
  });

  it('drops a header repeated at the page edge and page numbers, never a form title', () => {
    const headed = [1, 2, 3].map((n) => page(n, '崂山区财政局内部资料'));
    expect(dropFurniture(headed)).toBe(6);
    expect(headed[0]!.pieces.map((p) => p.text)).toEqual(['项目名称 第1个项目', '指标值 ≥95%']);
    // a pack of forms printed one per page: the same title at the same height on every page
    const forms = [1, 2, 3].map((n) => page(n, '项目支出绩效目标申报表'));
    expect(dropFurniture(forms)).toBe(3);
    expect(forms.map((c) => c.pieces[0]!.text)).toEqual(Array(3).fill('项目支出绩效目标申报表'));
    // a word processor's running header, baseline 52 pt down (Word's 1.5 cm header distance),
    // naming the binder of forms: a header, not a title
    const binder = [1, 2, 3].map((n) => page(n, '2025年度预算绩效目标申报材料汇编'));
    for (const c of binder) c.pieces[0]!.y = 52;
    // (a little larger than the body text, as Calc prints it, it is still a header)
    for (const c of binder) c.pieces[0]!.size = 13;
    expect(dropFurniture(binder)).toBe(6);
    expect(binder[0]!.pieces.map((p) => p.text)).toEqual(['项目名称 第1个项目', '指标值 ≥95%']);
    // form titles with notes after them, a little larger than the body, stay
    for (const title of [
      '项目支出绩效目标申报表（2025年度）（表一）',
      '《项目支出绩效目标申报表》',
    ]) {
      const titled = [1, 2, 3].map((n) => page(n, title));
      for (const c of titled) [c.pieces[0]!.y, c.pieces[0]!.size] = [52, 14];
      expect(dropFurniture(titled)).toBe(3);
      expect(titled.map((c) => c.pieces[0]!.text)).toEqual(Array(3).fill(title));
    }
  });
});

describe('PDF tables across pages', () => {
  const h = (y: number) => ({ y, x0: 0, x1: 300 });
  const v = (x: number, y0: number, y1: number) => ({ x, y0, y1 });
  /** A page: an optional title line, then a 2-column ruled table with the given rows. */
  const page = (n: number, title: string | null, rows: [string, string][]) => {
    const top = title ? 40 : 20;
    const ys = rows.map((_, k) => top + 20 * k);
    return pageBlocks({
      page: n,
      width: 300,
      height: 400,
      pieces: [
        ...(title ? [run(title, 100, 25)] : []),
        ...rows.flatMap(([a, b], k) => [
          ...(a ? [run(a, 5, ys[k]! + 15)] : []),
          ...(b ? [run(b, 155, ys[k]! + 15)] : []),
        ]),
      ],
      h: [...ys, top + 20 * rows.length].map(h),
      v: [
        v(0, top, top + 20 * rows.length),
        v(150, top, top + 20 * rows.length),
        v(300, top, top + 20 * rows.length),
      ],
    });
  };

  it('joins the parts, drops the repeated title and header row, continues a cut label', () => {
    const notes: IngestNote[] = [];
    const blocks = toBlocks(
      [
        ...page(1, '绩效目标申报表', [
          ['指标', '指标值'],
          ['产出指标', '≥10'],
        ]),
        ...page(2, '绩效目标申报表', [
          ['指标', '指标值'],
          ['', '≥20'],
        ]),
      ],
      notes,
    );
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    const table = blocks[1]!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.cells.map((c) => [c.row, c.col, c.rowSpan, c.text, c.origin.page])).toEqual([
      [0, 0, 1, '指标', 1],
      [0, 1, 1, '指标值', 1],
      [1, 0, 2, '产出指标', 1],
      [1, 1, 1, '≥10', 1],
      [2, 1, 1, '≥20', 2],
    ]);
    expect(notes.map((n) => [n.code, n.severity])).toEqual([['table_joined_across_pages', 'info']]);
  });

  it('continues a row left open at the break when only one cell ends a line of its own', () => {
    const X = [0, 80, 160, 280, 400];
    const cells = (rows: [string, string, string][], top: boolean) =>
      pageBlocks({
        page: top ? 1 : 2,
        width: 400,
        height: 110,
        pieces: rows.flatMap(([a, b, c], k) => [
          ...(a ? [run(a, 5, (top ? 55 : 30) + 20 * k)] : []),
          ...(b ? [run(b, 165, (top ? 55 : 30) + 20 * k)] : []),
          ...(c ? [run(c, 285, (top ? 55 : 30) + 20 * k)] : []),
        ]),
        // page 1 open at its foot, page 2 open at its head: the last row runs over the break
        h: [40, 60].map((y) => ({ y, x0: 0, x1: 400 })),
        v: X.map((x) => ({ x, y0: top ? 40 : 5, y1: top ? 105 : 60 })),
      });
    const blocks = toBlocks(
      [
        ...cells(
          [
            ['产出指标', '培训人数', '≥100人'],
            ['产出指标', '改造户数', '≥1500户'],
          ],
          true,
        ),
        ...cells(
          [
            ['', '', '（含续建项目）'],
            ['产出指标', '合格率', '100%'],
          ],
          false,
        ),
      ],
      [],
    );
    const table = blocks[0]!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.cells.filter((c) => c.col === 3).map((c) => c.text)).toEqual([
      '≥100人',
      '≥1500户\n（含续建项目）',
      '100%',
    ]);
  });

  it('continues a row cut by the break under the header row the new page repeats', () => {
    const cells = (rows: [string, string][]) => {
      const blocks = toBlocks(
        [
          ...page(1, null, [['指标', '指标值'], rows[0]!]),
          ...page(2, null, [['指标', '指标值'], rows[1]!, ['培训场次', '≥20']]),
        ],
        [],
      );
      const t = blocks[0]!;
      if (t.kind !== 'table') throw new Error('no table');
      return t.cells.filter((c) => c.col === 0).map((c) => c.text);
    };
    // the name fills its line (14 characters in a cell 150 wide): its row runs on
    expect(
      cells([
        ['服务人次按照年度计划由实施单', '≥10'],
        ['位组织开展', ''],
      ]),
    ).toEqual(['指标', '服务人次按照年度计划由实施单位组织开展', '培训场次']);
    // a cell whose lower part starts with an enumerator starts a paragraph of the same cell
    const plan = toBlocks(
      [
        ...page(1, null, [
          ['指标', '指标值'],
          ['政策实施计划按照年度工作安排', '(一)职业培训'],
        ]),
        ...page(2, null, [['分步实施', '(二)公共实训']]),
      ],
      [],
    )[0]!;
    if (plan.kind !== 'table') throw new Error('no table');
    expect(plan.cells.filter((c) => c.row === 1).map((c) => c.text)).toEqual([
      '政策实施计划按照年度工作安排分步实施',
      '(一)职业培训\n(二)公共实训',
    ]);
    // a short name ends its row: the next row is a row of its own
    expect(
      cells([
        ['校园安全监控成本', '≤208'],
        ['食品安全抽检成本', '≤1890'],
      ]),
    ).toEqual(['指标', '校园安全监控成本', '食品安全抽检成本', '培训场次']);
  });

  it('joins a cell merged down across the break whose text is drawn on the new page', () => {
    // (Calc centres a merged label: the part above the break is empty and not ruled off below)
    const part = (n: number, rows: [string, string][], openUnderFirst: boolean) => {
      const ys = rows.map((_, k) => 20 + 20 * k);
      const bottom = 20 + 20 * rows.length;
      return pageBlocks({
        page: n,
        width: 300,
        height: 400,
        pieces: rows.flatMap(([a, b], k) => [
          ...(a ? [run(a, 5, ys[k]! + 15)] : []),
          ...(b ? [run(b, 155, ys[k]! + 15)] : []),
        ]),
        h: [...ys.map(h), openUnderFirst ? { y: bottom, x0: 150, x1: 300 } : h(bottom)],
        v: [v(0, 20, bottom), v(150, 20, bottom), v(300, 20, bottom)],
      });
    };
    const table = (openUnderFirst: boolean) => {
      const blocks = toBlocks(
        [
          ...part(
            1,
            [
              ['指标', '指标值'],
              ['产出指标', '≥10'],
              ['', '≥20'],
            ],
            openUnderFirst,
          ),
          ...part(
            2,
            [
              ['效益指标', '≥30'],
              ['', '≥40'],
            ],
            false,
          ),
        ],
        [],
      );
      const t = blocks[0]!;
      if (t.kind !== 'table') throw new Error('no table');
      return t.cells.filter((c) => c.col === 0).map((c) => [c.row, c.rowSpan, c.text]);
    };
    expect(table(true)).toEqual([
      [0, 1, '指标'],
      [1, 1, '产出指标'],
      [2, 2, '效益指标'],
      [4, 1, ''],
    ]);
    // ruled off below: the empty cell stays a cell of its own
    expect(table(false)).toEqual([
      [0, 1, '指标'],
      [1, 1, '产出指标'],
      [2, 1, ''],
      [3, 1, '效益指标'],
      [4, 1, ''],
    ]);
  });

  it('joins a category label cut in two by the break, both parts ruled off (Writer)', () => {
    // Writer splits a label merged down over a row on each page where its narrow column wraps
    // it: 满意度指 at the foot of page 1, 标 at the head of page 2; the rows themselves are whole
    const part = (n: number, rows: [string, string][]) => {
      const ys = rows.map((_, k) => 20 + 20 * k);
      const bottom = 20 + 20 * rows.length;
      return pageBlocks({
        page: n,
        width: 300,
        height: 400,
        pieces: rows.flatMap(([a, b], k) => [
          ...(a ? [run(a, 5, ys[k]! + 15)] : []),
          ...(b ? [run(b, 155, ys[k]! + 15)] : []),
        ]),
        h: [...ys.map(h), h(bottom)],
        v: [v(0, 20, bottom), v(150, 20, bottom), v(300, 20, bottom)],
      });
    };
    const column = (upper: string, lower: string) => {
      const blocks = toBlocks(
        [
          ...part(1, [
            ['指标', '指标值'],
            [upper, '≥90%'],
          ]),
          ...part(2, [[lower, '≥95%']]),
        ],
        [],
      );
      const t = blocks[0]!;
      if (t.kind !== 'table') throw new Error('no table');
      return t.cells.map((c) => [c.row, c.col, c.rowSpan, c.text]);
    };
    expect(column('满意度指', '标')).toEqual([
      [0, 0, 1, '指标'],
      [0, 1, 1, '指标值'],
      [1, 0, 2, '满意度指标'],
      [1, 1, 1, '≥90%'],
      [2, 1, 1, '≥95%'],
    ]);
    expect(column('服务对象满意', '度指标')[2]).toEqual([1, 0, 2, '服务对象满意度指标']);
    // two labels of their own stay two cells, and so do parts that make no category name
    expect(column('产出指标', '效益指标')).toContainEqual([2, 0, 1, '效益指标']);
    expect(column('培训人数', '标')).toContainEqual([2, 0, 1, '标']);
  });

  it('keeps a table after a repeated title apart when the header is not repeated', () => {
    const blocks = toBlocks(
      [
        ...page(1, '绩效目标申报表', [
          ['项目名称', '甲'],
          ['指标', '值'],
        ]),
        ...page(2, '绩效目标申报表', [
          ['项目名称', '乙'],
          ['指标', '值'],
        ]),
      ],
      [],
    );
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph', 'table']);
  });
});

describe('PDF table parts with another column layout on the next page', () => {
  /** A paragraph block of a page, as pageBlocks gives it. */
  const paragraph = (page: number, text: string, box: [number, number, number, number]) => ({
    kind: 'paragraph' as const,
    page,
    text,
    box,
  });
  /** A page with one ruled table: column boundaries xs, rows of cell texts from y = 20. */
  const part = (n: number, xs: number[], rows: string[][]) =>
    pageBlocks({
      page: n,
      width: 400,
      height: 400,
      pieces: rows.flatMap((row, k) =>
        row.flatMap((t, c) => (t ? [run(t, xs[c]! + 3, 20 + 20 * k + 15)] : [])),
      ),
      h: rows
        .map((_, k) => 20 + 20 * k)
        .concat(20 + 20 * rows.length)
        .map((y) => ({
          y,
          x0: xs[0]!,
          x1: xs.at(-1)!,
        })),
      v: xs.map((x) => ({ x, y0: 20, y1: 20 + 20 * rows.length })),
    });
  const texts = (blocks: ReturnType<typeof toBlocks>) =>
    blocks.map((b) =>
      b.kind === 'table' ? b.cells.map((c) => `${c.row},${c.col}:${c.text}`).join(' ') : b.text,
    );

  it('joins a part whose columns are some of the part above (a narrower frame)', () => {
    const notes: IngestNote[] = [];
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250, 350],
          [
            ['一级', '三级', '指标值', '备注'],
            ['产出', '数量', '≥10', ''],
          ],
        ),
        ...part(2, [0, 50, 150, 250], [['', '质量', '100%']]),
      ],
      notes,
    );
    expect(blocks).toHaveLength(1);
    expect(texts(blocks)[0]).toContain('2,1:质量 2,2:100%');
    expect(notes.map((n) => n.code)).toEqual(['table_joined_across_pages']);
  });

  it('joins on past text printed beside the table above, and keeps that text after it', () => {
    // Writer's print of a table wider than the page: the part of a head cell left on the page's
    // edge (得 of 得分) is text beside the table, not between its parts
    const notes: IngestNote[] = [];
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '二级', '指标值'],
            ['产出', '数量', '≥10'],
          ],
        ),
        paragraph(1, '得', [380, 22, 390, 34]),
        ...part(2, [0, 50, 150, 250], [['', '质量', '100%']]),
        ...part(3, [0, 50, 150, 250], [['', '时效', '年底前']]),
      ],
      notes,
    );
    expect(texts(blocks)).toEqual([
      '0,0:一级 0,1:二级 0,2:指标值 1,0:产出 1,1:数量 1,2:≥10 2,1:质量 2,2:100% 3,1:时效 3,2:年底前',
      '得',
    ]);
    expect(notes.map((n) => n.code)).toEqual([
      'table_joined_across_pages',
      'table_joined_across_pages',
    ]);
  });

  it('joins the parts of a table read from its text alignment (no rulings) on the columns of the first', () => {
    /** A page of lines of [x, text] runs, 18 pt apart, no rulings. */
    const stream = (n: number, lines: [number, string][][]) =>
      pageBlocks({
        page: n,
        width: 400,
        height: 400,
        pieces: lines.flatMap((line, k) => line.map(([x, t]) => run(t, x, 20 + 18 * k))),
        h: [],
        v: [],
      });
    const first = stream(1, [
      [
        [0, '一级指标'],
        [60, '二级指标'],
        [130, '三级指标'],
        [240, '指标值'],
      ],
      [
        [0, '产出指标'],
        [60, '数量指标'],
        [130, '培训人数'],
        [240, '≥100人'],
      ],
      [
        [60, '质量指标'],
        [130, '合格率'],
        [240, '≥95%'],
      ],
    ]);
    // the next page's text starts its first column a little further right
    const notes: IngestNote[] = [];
    const blocks = toBlocks(
      [
        ...first,
        ...stream(2, [
          [
            [4, '效益指标'],
            [60, '社会效益指标'],
            [130, '受益人口'],
            [240, '≥3万人'],
          ],
          [
            [4, '满意度指标'],
            [60, '满意度指标'],
            [130, '满意度'],
            [240, '≥90%'],
          ],
          [
            [130, '投诉率'],
            [240, '≤1%'],
          ],
        ]),
      ],
      notes,
    );
    expect(texts(blocks)).toEqual([
      '0,0:一级指标 0,1:二级指标 0,2:三级指标 0,3:指标值 ' +
        '1,0:产出指标 1,1:数量指标 1,2:培训人数 1,3:≥100人 2,1:质量指标 2,2:合格率 2,3:≥95% ' +
        '3,0:效益指标 3,1:社会效益指标 3,2:受益人口 3,3:≥3万人 ' +
        '4,0:满意度指标 4,1:满意度指标 4,2:满意度 4,3:≥90% 5,2:投诉率 5,3:≤1%',
    ]);
    expect(notes.map((n) => n.code)).toContain('table_joined_across_pages');
    // a table of more columns on the next page is another table
    const other = toBlocks(
      [
        ...first,
        ...stream(2, [
          [
            [0, '序号'],
            [40, '任务'],
            [130, '内容'],
            [240, '金额'],
            [320, '备注'],
          ],
          [
            [0, '1'],
            [40, '培训'],
            [130, '技能培训'],
            [240, '10'],
            [320, '无'],
          ],
          [
            [0, '2'],
            [40, '补贴'],
            [130, '生活补贴'],
            [240, '20'],
            [320, '无'],
          ],
        ]),
      ],
      [],
    );
    expect(other).toHaveLength(2);
    // nor is a form's head of labels and values at the top of the next page
    const head = toBlocks(
      [
        ...first,
        ...stream(2, [
          [
            [0, '项目名称'],
            [130, '乙项目'],
          ],
          [
            [0, '主管部门'],
            [130, '教育局'],
          ],
          [
            [0, '资金总额'],
            [130, '100'],
          ],
        ]),
      ],
      [],
    );
    expect(head).toHaveLength(2);
  });

  it('joins a part that draws no left edge, its first column one cell running on', () => {
    const notes: IngestNote[] = [];
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '二级', '指标值'],
            ['产出', '数量', '≥10'],
          ],
        ),
        ...part(2, [50, 150, 250], [['时效', '2025年底前']]),
      ],
      notes,
    );
    expect(blocks).toHaveLength(1);
    expect(texts(blocks)[0]).toContain('2,1:时效 2,2:2025年底前');
    expect(notes.map((n) => n.code)).toEqual(['table_joined_across_pages']);
  });

  it('reads a label printed where the page draws no cell as that column, and joins on past it', () => {
    // Calc: the level-1 cell merged down over three pages is printed, centred, on page 2 only,
    // where no left edge is drawn; page 1's part of it is an empty cell
    const notes: IngestNote[] = [];
    const label = paragraph(2, '产出指标', [5, 35, 45, 45]);
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '二级', '指标值'],
            ['', '数量', '≥10'],
          ],
        ),
        ...part(
          2,
          [50, 150, 250],
          [
            ['质量', '100%'],
            ['', '≥95%'],
          ],
        ),
        label,
        ...part(3, [50, 150, 250], [['时效', '年底前']]),
      ],
      notes,
    );
    expect(blocks).toHaveLength(1);
    const table = blocks[0]!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.cells.filter((c) => c.col === 0).map((c) => [c.row, c.rowSpan, c.text])).toEqual([
      [0, 1, '一级'],
      [1, 3, '产出指标'],
    ]);
    expect(texts(blocks)[0]).toContain('4,1:时效 4,2:年底前');
    expect(notes.map((n) => n.code)).toEqual([
      'table_joined_across_pages',
      'label_placed_in_column',
      'table_joined_across_pages',
    ]);
  });

  it('joins past the label of a merged cell printed again above the next part', () => {
    const notes: IngestNote[] = [];
    const again = paragraph(2, '产出指标', [5, 5, 45, 15]);
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '二级', '指标值'],
            ['产出指标', '数量', '≥10'],
          ],
        ),
        again,
        ...part(2, [0, 50, 150, 250], [['', '质量', '100%']]),
      ],
      notes,
    );
    expect(blocks.map((b) => b.kind)).toEqual(['table']);
    expect(notes.map((n) => n.code)).toEqual([
      'page_furniture_dropped',
      'table_joined_across_pages',
    ]);
  });

  it('keeps a note printed under a table apart from it, an empty cell above it notwithstanding', () => {
    const note = paragraph(1, '注：指标值由项目单位填写', [120, 90, 260, 100]);
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '二级', '备注'],
            ['产出', '数量', ''],
          ],
        ),
        note,
        ...part(2, [0, 50, 150, 250], [['效益', '社会', '≥90%']]),
      ],
      [],
    );
    expect(blocks.map((b) => b.kind)).toEqual(['table', 'paragraph', 'table']);
  });

  it('joins a part laid out anew with as many ruled columns, placed on the columns above', () => {
    const blocks = toBlocks(
      [
        ...part(
          1,
          [0, 50, 150, 250],
          [
            ['一级', '三级', '指标值'],
            ['产出', '数量', '≥10'],
          ],
        ),
        ...part(2, [0, 80, 120, 300], [['', '质量', '100%']]),
      ],
      [],
    );
    expect(texts(blocks)).toEqual([
      '0,0:一级 0,1:三级 0,2:指标值 1,0:产出 1,1:数量 1,2:≥10 2,1:质量 2,2:100%',
    ]);
    // after a repeated title it is another table (the next form)
    const apart = toBlocks(
      [
        ...pageBlocks({
          page: 1,
          width: 400,
          height: 400,
          pieces: [run('申报表', 100, 10)],
          h: [],
          v: [],
        }),
        ...part(1, [0, 50, 150, 250], [['一级', '三级', '指标值']]),
        ...pageBlocks({
          page: 2,
          width: 400,
          height: 400,
          pieces: [run('申报表', 100, 10)],
          h: [],
          v: [],
        }),
        ...part(2, [0, 80, 120, 300], [['产出', '质量', '100%']]),
      ],
      [],
    );
    expect(apart.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph', 'table']);
  });
});

describe('PDF fixtures made by LibreOffice and Chromium', () => {
  const file = (name: string): Buffer => readFileSync(`fixtures/forms/pdf/${name}`);

  it('gives each form of a multi-form PDF its pages', async () => {
    const three = await extractBuffer(file('three-forms.writer.pdf'), 'three.pdf');
    expect(three.records.map((r) => r.source.pages)).toEqual([[1], [2], [3]]);
    const two = await extractBuffer(file('two-projects.writer.pdf'), 'two.pdf');
    expect(two.records.map((r) => r.source.pages)).toEqual([[1], [1, 2]]);
    const forty = await extractBuffer(file('project-40-indicators.writer.pdf'), 'forty.pdf');
    expect(forty.records.map((r) => r.source.pages)).toEqual([[1, 2, 3]]);
    expect(forty.records[0]!.indicators).toHaveLength(40);
  });

  it('joins a table across pages and says so in an info diagnostic; provenance has page and box', async () => {
    const seed = await extractBuffer(file('seed-policy-2023.writer.pdf'), 'seed.pdf');
    const record = seed.records[0]!;
    expect(record.source.pages).toEqual([1, 2]);
    expect(record.diagnostics.filter((d) => d.code === 'table_joined_across_pages')).toMatchObject([
      { severity: 'info', provenance: { page: 2 } },
    ]);
    const last = record.indicators.at(-1)!;
    expect(last.provenance.page).toBe(2);
    expect(last.provenance.bbox).toHaveLength(4);
  });

  it('drops the header row a browser repeats at the top of each page', async () => {
    const result = await extractBuffer(file('project-40-indicators.chromium-thead.pdf'), 't.pdf');
    const notes = result.records[0]!.diagnostics.filter(
      (d) => d.code === 'table_joined_across_pages',
    );
    expect(notes.map((d) => d.message)).toEqual([
      'A table continues from page 1 to page 2; the parts were joined and 1 repeated header row(s) dropped.',
      'A table continues from page 2 to page 3; the parts were joined and 1 repeated header row(s) dropped.',
    ]);
    expect(result.records[0]!.indicators).toHaveLength(40);
  });

  it("drops a browser's header and footer lines (date, title, path, 1/3) from every page", async () => {
    const result = await extractBuffer(file('project-40-indicators.chromium-header.pdf'), 'h.pdf');
    const record = result.records[0]!;
    expect(record.indicators).toHaveLength(40);
    expect(record.unplaced).toEqual([]);
    expect(record.diagnostics.filter((d) => d.code === 'page_furniture_dropped')).toMatchObject([
      { severity: 'info', message: expect.stringMatching(/^6 header or footer/u) },
    ]);
  });

  it('reads a borderless table from text alignment and says so', async () => {
    const result = await extractBuffer(file('project-units-weights.calc.pdf'), 'calc.pdf');
    expect(result.status).toBe('ok');
    const record = result.records[0]!;
    expect(record.fields.name).toBe('中小学校园无障碍环境改造项目');
    expect(record.fiscal_year).toBe(2025);
    expect(record.diagnostics.map((d) => [d.code, d.severity])).toContainEqual([
      'table_from_text_alignment',
      'info',
    ]);
  });

  it('refuses a scan, an encrypted and a truncated PDF with their codes', async () => {
    const bad = (name: string) => ingestPdf(readFileSync(`fixtures/bad/${name}`));
    await expect(bad('scanned.pdf')).rejects.toMatchObject({ code: 'no_text_layer' });
    await expect(bad('encrypted.pdf')).rejects.toMatchObject({ code: 'encrypted' });
    await expect(bad('truncated.pdf')).rejects.toMatchObject({ code: 'corrupt_container' });
    // a file that cannot be read within its time limit is given up with its own code
    await expect(
      ingestPdf(file('project-40-indicators.writer.pdf'), { deadlineMs: 1 }),
    ).rejects.toMatchObject({ code: 'timeout' });
    // a content stream of a few KB that inflates to 80 MiB (a decompression bomb) is refused,
    // not handed to pdf.js to inflate whole
    const bomb = deflateSync(Buffer.alloc(80 * 2 ** 20, 0x20)).toString('latin1');
    const bombPdf = pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      `<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n${bomb}\nendstream`,
    ]);
    await expect(ingestPdf(bombPdf)).rejects.toMatchObject({ code: 'stream_too_large' });
    const { doc } = await ingestPdf(readFileSync('fixtures/bad/unmapped-font.pdf'));
    expect(doc.notes.map((n) => n.code)).toContain('unmapped_font');
    const text = doc.parts[0]!.blocks.map((b) =>
      b.kind === 'paragraph' ? b.text : b.cells.map((c) => c.text).join(''),
    ).join('');
    // eslint-disable-next-line no-control-regex -- no control characters may come through
    expect(text).not.toMatch(/[\u0000-\u0008\uE000-\uF8FF]/u);
  });
});

describe('PDF tables from text alignment (no rulings)', () => {
  const cellsOf = (pieces: Piece[]) => {
    const blocks = pageBlocks({ page: 1, width: 300, height: 200, pieces, h: [], v: [] });
    const table = blocks.find((b): b is PdfTable => b.kind === 'table')!;
    expect(table.method).toBe('stream');
    return table.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);
  };

  /** Runs centred on x. */
  const centred = (text: string, x: number, y: number): Piece =>
    run(text, x - run(text, 0, y).x1 / 2, y);
  /** The texts of the table's rows, cells left to right. */
  const rowsOf = (pieces: Piece[]): string[][] => {
    const blocks = pageBlocks({ page: 1, width: 400, height: 200, pieces, h: [], v: [] });
    const table = blocks.find((b): b is PdfTable => b.kind === 'table')!;
    expect(table.method).toBe('stream');
    const rows: string[][] = [];
    for (const c of table.cells) (rows[c.row] ??= []).push(c.text);
    return rows.map((r) => r.filter((t) => t !== ''));
  };

  it('reads centred columns by their centre lines, a wrapped name and a wrapped note as one cell each', () => {
    // a sheet printed centred and bottom-aligned: the name column is seven characters wide,
    // the note column five; 以验收报告 wraps into 为准, 安装视频监控点 into 位
    const pieces = [
      ...[
        ['名称', 80],
        ['指标值', 180],
        ['分值', 250],
        ['备注', 320],
      ].map(([t, x]) => centred(t as string, x as number, 20)),
      centred('安装视频监控点', 80, 35),
      centred('以验收报告', 320, 35),
      centred('位', 80, 47),
      centred('260个', 180, 47),
      centred('3', 250, 47),
      centred('为准', 320, 47),
      centred('新增公共停车泊', 80, 62),
      centred('参照上年度', 320, 62),
      centred('位', 80, 74),
      centred('≥1800个', 180, 74),
      centred('8', 250, 74),
      centred('实际完成值', 320, 74),
      centred('设备完好率', 80, 89),
      centred('≥95%', 180, 89),
      centred('3', 250, 89),
      // two lines below whose text starts where the five-character notes start: the notes' left
      // edge lines up as often as their centre, and they still belong to the centred column
      centred('主管部门', 80, 104),
      run('临江市民政局', 295, 104),
      centred('联系人', 80, 116),
      run('王磊电话', 295, 116),
    ];
    expect(rowsOf(pieces)).toEqual([
      ['名称', '指标值', '分值', '备注'],
      ['安装视频监控点位', '260个', '3', '以验收报告为准'],
      ['新增公共停车泊位', '≥1800个', '8', '参照上年度实际完成值'],
      ['设备完好率', '≥95%', '3'],
      ['主管部门', '临江市民政局'],
      ['联系人', '王磊电话'],
    ]);
  });

  it('sizes a centred column by its own text when head values are centred a little beside it', () => {
    // the head's values are centred in cells merged across the name column and the next, their
    // centre 8 pt right of the names': the names wrap at the width of the widest name, not at
    // that of the one name too short to reach the head's centre (位)
    const pieces = [
      centred('部门', 10, 7),
      centred('临江市卫生健康委', 88, 7),
      centred('主管', 10, 20),
      centred('临江市人民政府', 88, 20),
      centred('联系', 10, 33),
      run('王磊电话 0571-85120336', 33, 33),
      centred('级', 10, 50),
      centred('名称', 80, 50),
      centred('值', 180, 50),
      centred('新增公共停车泊', 80, 65),
      centred('位', 80, 78),
      centred('≥1800个', 180, 78),
      centred('数量', 10, 78),
      centred('环境信访时限', 80, 93),
      centred('≤3天', 180, 93),
      centred('补贴资金发放', 80, 106),
      centred('100%', 180, 106),
      centred('安装视频监控点位', 80, 121),
      centred('260个', 180, 121),
    ];
    expect(rowsOf(pieces)).toEqual([
      ['部门', '临江市卫生健康委'],
      ['主管', '临江市人民政府'],
      ['联系', '王磊电话 0571-85120336'],
      ['级', '名称', '值'],
      ['数量', '新增公共停车泊位', '≥1800个'],
      ['环境信访时限', '≤3天'],
      ['补贴资金发放', '100%'],
      ['安装视频监控点位', '260个'],
    ]);
  });

  it('reads a middle-aligned table: the cells beside a name of two lines sit on a line between them', () => {
    // a sheet printed centred and middle-aligned: one line is 13.4 pt, a row of two lines 29 pt
    const pieces: Piece[] = [];
    let y = 20;
    const row = (name: string[], value: string, weight: string): void => {
      const mid = y + ((name.length - 1) * 13.4) / 2;
      name.forEach((n, k) => pieces.push(centred(n, 80, y + k * 13.4)));
      pieces.push(centred(value, 180, mid), centred(weight, 250, mid));
      y += Math.max(13.4, name.length * 13.4 + 2.2);
    };
    row(['名称'], '指标值', '分值');
    row(['设备完好率'], '≥95%', '3');
    row(['新增公共停车泊', '位'], '≥1800个', '8');
    row(['培训人数'], '≥1200人', '5');
    row(['开展送戏下乡文化', '惠民演出场次'], '≥150场', '10');
    row(['安装视频监控点', '位'], '260个', '5');
    row(['为辖区老年人提供', '免费健康体检'], '≥2.6万人', '3');
    expect(rowsOf(pieces)).toEqual([
      ['名称', '指标值', '分值'],
      ['设备完好率', '≥95%', '3'],
      ['新增公共停车泊位', '≥1800个', '8'],
      ['培训人数', '≥1200人', '5'],
      ['开展送戏下乡文化惠民演出场次', '≥150场', '10'],
      ['安装视频监控点位', '260个', '5'],
      ['为辖区老年人提供免费健康体检', '≥2.6万人', '3'],
    ]);
  });

  it('keeps two rows of one line apart when a label centred beside them sits on a line between', () => {
    // middle-aligned: names as wide as the widest wrap into two lines beside values between them;
    // 时效指标 spans two rows of one line each, on a line between them (it starts no row of its
    // own: it spans the two). The first name fills its column, but the values beside the two
    // names (≥98% | 100%) do not wrap into each other
    const pieces: Piece[] = [];
    let y = 20;
    const row = (name: string[], value: string, pitch = 15.6): void => {
      const mid = y + ((name.length - 1) * 13.4) / 2;
      name.forEach((n, k) => pieces.push(centred(n, 100, y + k * 13.4)));
      pieces.push(centred(value, 200, mid));
      y += name.length === 1 ? pitch : name.length * 13.4 + 2.2;
    };
    row(['名称'], '指标值');
    row(['新增公共停车场泊位数量', '统计'], '≥1800个');
    row(['开展送戏下乡文化惠民演', '出场次'], '≥150场');
    row(['安装视频监控点位建设数', '量'], '260个');
    pieces.push(centred('时效指标', 25, y + 13.4 / 2));
    row(['设备采购及安装调试工作'], '≥98%', 13.4);
    row(['补贴资金发放及时'], '100%');
    row(['项目完成时间'], '2025年10月底前');
    const rows = rowsOf(pieces);
    expect(rows).toContainEqual(['开展送戏下乡文化惠民演出场次', '≥150场']);
    expect(rows).toContainEqual(['时效指标', '设备采购及安装调试工作', '≥98%']);
    expect(rows).toContainEqual(['补贴资金发放及时', '100%']);
    expect(rows).toHaveLength(7);
  });

  it('spans the rows a middle-aligned label is centred beside, on a line of its own or level with one', () => {
    // a document's table printed without borders, middle-aligned (a word processor's): rows 17 pt
    // apart, wrapped lines 14.5 pt; 数量指标 is centred beside three rows (on a line between the
    // first two), 质量指标 beside two, 产出指标 beside all five (on a line between two rows)
    const pieces: Piece[] = [];
    const at = (y: number, ...cells: [string, number][]): void => {
      for (const [t, x] of cells) pieces.push(run(t, x, y));
    };
    at(20, ['一级指标', 10], ['二级指标', 60], ['三级指标', 140], ['指标值', 300]);
    at(38, ['城乡居民基本养老保险参保人', 140]);
    at(45.25, ['≥2150万人', 300]);
    at(52.5, ['数', 140]);
    at(69.5, ['享受基础养老金待遇人数', 140], ['≥660万人', 300]);
    at(86.5, ['困难群体代缴保费人数', 140], ['≥55万人', 300]);
    at(103.5, ['基础养老金按月足额发放率', 140], ['=100%', 300]);
    at(120.5, ['省级补助资金分配准确率', 140], ['100%', 300]);
    at(62.25, ['数量指标', 60]);
    at(112, ['质量指标', 60]);
    at(79.25, ['产出指标', 10]);
    at(137.5, ['效益指标', 10], ['社会效益指标', 60], ['参保率', 140], ['≥95%', 300]);
    const blocks = pageBlocks({ page: 1, width: 400, height: 200, pieces, h: [], v: [] });
    const table = blocks.find((b): b is PdfTable => b.kind === 'table')!;
    const cell = (text: string) => table.cells.find((c) => c.text === text);
    expect(cell('城乡居民基本养老保险参保人数')).toMatchObject({ row: 1, rowSpan: 1 });
    expect(cell('产出指标')).toMatchObject({ row: 1, rowSpan: 5 });
    expect(cell('数量指标')).toMatchObject({ row: 1, rowSpan: 3 });
    expect(cell('质量指标')).toMatchObject({ row: 4, rowSpan: 2 });
    expect(cell('参保率')).toMatchObject({ row: 6 });
    expect(table.ys).toHaveLength(8);
  });

  /** The table both alignments must give: a header row, a label spanning two indicator rows. */
  const twoIndicators = [
    [0, 0, 1, 1, '一级'],
    [0, 1, 1, 1, '名称'],
    [0, 2, 1, 1, '值'],
    [1, 0, 2, 1, '数量指标'],
    [1, 1, 1, 1, '完成加装电梯数量'],
    [1, 2, 1, 1, '24'],
    [2, 1, 1, 1, '改造无障碍卫生间'],
    [2, 2, 1, 1, '36'],
  ];

  it('keeps the wrapped lines of a cell in one row; a bottom-aligned label spans the rows above', () => {
    // rows packed as tightly as wrapped lines (1.2 em); one-line cells sit on the last line of
    // their row, and the level label on the last line of the two rows it stands for
    expect(
      cellsOf([
        run('一级', 0, 20),
        run('名称', 100, 20),
        run('值', 200, 20),
        run('完成加装电梯', 100, 32),
        run('数量', 100, 44),
        run('24', 200, 44),
        run('改造无障碍卫', 100, 56),
        run('生间', 100, 68),
        run('36', 200, 68),
        run('数量指标', 0, 68),
      ]),
    ).toEqual(twoIndicators);
  });

  it('reads top-aligned rows the same way, a label spanning the rows below it', () => {
    expect(
      cellsOf([
        run('一级', 0, 20),
        run('名称', 100, 20),
        run('值', 200, 20),
        run('数量指标', 0, 32),
        run('完成加装电梯', 100, 32),
        run('数量', 100, 44),
        run('24', 200, 32),
        run('改造无障碍卫', 100, 56),
        run('生间', 100, 68),
        run('36', 200, 56),
      ]),
    ).toEqual(twoIndicators);
  });

  it('puts text centred in a column in that column, beside left-aligned text; a bottom-aligned label stops under the heads', () => {
    // Calc's print of an HTML form: the labels of the form's head and the column heads centred
    // in their columns, the categories and names left-aligned, the categories on the last line
    // of the rows they stand for (no rulings)
    expect(
      cellsOf([
        centred('项目名称', 35, 2),
        run('养老服务站建设', 70, 2),
        centred('实施单位', 35, 20),
        run('临江市民政局', 70, 20),
        centred('一级指标', 35, 38),
        centred('二级指标', 105, 38),
        centred('名称', 185, 38),
        run('加装电梯', 140, 56),
        run('24台', 240, 56),
        run('数量指标', 70, 74),
        run('无障碍卫生间', 140, 74),
        run('36间', 240, 74),
        run('产出指标', 0, 92),
        run('质量指标', 70, 92),
        run('验收合格率', 140, 92),
        run('100%', 240, 92),
      ]),
    ).toEqual([
      [0, 0, 1, 1, '项目名称'],
      [0, 1, 1, 1, '养老服务站建设'],
      [1, 0, 1, 1, '实施单位'],
      [1, 1, 1, 1, '临江市民政局'],
      [2, 0, 1, 1, '一级指标'],
      [2, 1, 1, 1, '二级指标'],
      [2, 2, 1, 1, '名称'],
      [3, 0, 3, 1, '产出指标'],
      [3, 1, 2, 1, '数量指标'],
      [3, 2, 1, 1, '加装电梯'],
      [3, 3, 1, 1, '24台'],
      [4, 2, 1, 1, '无障碍卫生间'],
      [4, 3, 1, 1, '36间'],
      [5, 1, 1, 1, '质量指标'],
      [5, 2, 1, 1, '验收合格率'],
      [5, 3, 1, 1, '100%'],
    ]);
  });

  it('keeps a category label wrapped across two rows in one cell (服务对象满意 | 度指标)', () => {
    // rows packed as tightly as wrapped lines: the label's two lines lie in two rows, and only
    // together are they a category name
    expect(
      cellsOf([
        run('二级指标', 0, 2),
        run('三级指标', 70, 2),
        run('指标值', 200, 2),
        run('受益群众对项目实施', 70, 14),
        run('服务对象满意', 0, 26),
        run('效果的满意度', 70, 26),
        run('≥95%', 200, 26),
        run('度指标', 0, 38),
        run('参训学员满意度', 70, 38),
        run('≥85%', 200, 38),
      ]),
    ).toEqual([
      [0, 0, 1, 1, '二级指标'],
      [0, 1, 1, 1, '三级指标'],
      [0, 2, 1, 1, '指标值'],
      [1, 0, 2, 1, '服务对象满意度指标'],
      [1, 1, 1, 1, '受益群众对项目实施效果的满意度'],
      [1, 2, 1, 1, '≥95%'],
      [2, 1, 1, 1, '参训学员满意度'],
      [2, 2, 1, 1, '≥85%'],
    ]);
  });

  it('reads a headed column of right-aligned weights beside wider amounts that span it', () => {
    // the form's amounts, right-aligned over 指标值 and 分值 together, start where long targets
    // reach; the weights under their head 分值 are a column all the same
    expect(
      cellsOf([
        run('年度资金总额', 0, 2),
        run('1781500.00', 200, 2),
        run('其中：财政拨款', 0, 20),
        run('1500000.00', 200, 20),
        run('名称', 0, 38),
        run('指标值', 100, 38),
        run('分值', 215, 38),
        run('完工时间', 0, 56),
        run('2025年10月底前全部完成', 100, 56),
        run('8', 245, 56),
        run('验收时间', 0, 74),
        run('2025年11月底前全部完成', 100, 74),
        run('10', 240, 74),
        run('合格率', 0, 92),
        run('≥95%', 100, 92),
        run('5', 245, 92),
      ]),
    ).toEqual([
      [0, 0, 1, 1, '年度资金总额'],
      [0, 2, 1, 1, '1781500.00'],
      [1, 0, 1, 1, '其中：财政拨款'],
      [1, 2, 1, 1, '1500000.00'],
      [2, 0, 1, 1, '名称'],
      [2, 1, 1, 1, '指标值'],
      [2, 2, 1, 1, '分值'],
      [3, 0, 1, 1, '完工时间'],
      [3, 1, 1, 1, '2025年10月底前全部完成'],
      [3, 2, 1, 1, '8'],
      [4, 0, 1, 1, '验收时间'],
      [4, 1, 1, 1, '2025年11月底前全部完成'],
      [4, 2, 1, 1, '10'],
      [5, 0, 1, 1, '合格率'],
      [5, 1, 1, 1, '≥95%'],
      [5, 2, 1, 1, '5'],
    ]);
  });

  it('reads categories written once in the first row of each, unmerged, in a bottom-aligned table as spanning the rows below', () => {
    // the rows are bottom-aligned (one-line cells on the last line of a wrapped name); the
    // categories stand in the first row of their rows, right under the heads, and rows with no
    // category follow the last one
    expect(
      cellsOf([
        run('一级指标', 0, 2),
        run('二级指标', 55, 2),
        run('名称', 120, 2),
        run('值', 220, 2),
        run('完成加装电梯', 120, 14),
        run('产出指标', 0, 26),
        run('数量指标', 55, 26),
        run('数量', 120, 26),
        run('24', 220, 26),
        run('改造无障碍卫', 120, 38),
        run('生间', 120, 50),
        run('36', 220, 50),
        run('质量指标', 55, 62),
        run('验收合格率', 120, 62),
        run('100%', 220, 62),
        run('效益指标', 0, 74),
        run('社会效益指标', 55, 74),
        run('带动就业人数', 120, 74),
        run('500人', 220, 74),
        run('受益人口', 120, 86),
        run('3万人', 220, 86),
      ]).filter(([, col]) => (col as number) < 2),
    ).toEqual([
      [0, 0, 1, 1, '一级指标'],
      [0, 1, 1, 1, '二级指标'],
      [1, 0, 3, 1, '产出指标'],
      [1, 1, 2, 1, '数量指标'],
      [3, 1, 1, 1, '质量指标'],
      [4, 0, 2, 1, '效益指标'],
      [4, 1, 2, 1, '社会效益指标'],
    ]);
  });

  it('ends a stretch at its last visible character, not at the space after it', () => {
    // Writer ends a cell's text with a space whose advance reaches the next column's start
    const spaced = { ...run('二级指标', 65, 2), text: '二级指标 ', x1: 110 };
    expect(
      cellsOf([
        run('一级指标', 0, 2),
        spaced,
        run('三级指标', 110, 2),
        run('指标值', 200, 2),
        run('产出指标', 0, 20),
        run('数量指标', 60, 20),
        run('新建站点', 110, 20),
        run('12个', 200, 20),
        run('质量指标', 60, 38),
        run('验收合格率', 110, 38),
        run('100%', 200, 38),
        run('时效指标', 60, 56),
        run('完成时间', 110, 56),
        run('年底前', 200, 56),
      ]).filter(([row]) => row === 0),
    ).toEqual([
      [0, 0, 1, 1, '一级指标'],
      [0, 1, 1, 1, '二级指标'],
      [0, 2, 1, 1, '三级指标'],
      [0, 3, 1, 1, '指标值'],
    ]);
  });

  it('keeps a column of left-aligned notes apart from the targets, though no row fills both', () => {
    // no head row (a part on a page of its own): the notes start at one edge and end at several
    expect(
      cellsOf([
        run('完工时间', 0, 20),
        run('年底前', 100, 20),
        run('验收合格率', 0, 38),
        run('≥95%', 100, 38),
        run('受益人数', 0, 56),
        run('以实际为准', 180, 56),
        run('满意度', 0, 74),
        run('≥90%', 100, 74),
        run('培训人次', 0, 92),
        run('按季度统计上报', 180, 92),
      ]).filter(([, col]) => (col as number) > 0),
    ).toEqual([
      [0, 1, 1, 1, '年底前'],
      [1, 1, 1, 1, '≥95%'],
      [2, 2, 1, 1, '以实际为准'],
      [3, 1, 1, 1, '≥90%'],
      [4, 2, 1, 1, '按季度统计上报'],
    ]);
  });

  it('takes the upper lines of a wrapped cell in a bottom-aligned first row into the table, not a title above it', () => {
    const blocksOf = (pieces: Piece[]) =>
      pageBlocks({ page: 1, width: 300, height: 200, pieces, h: [], v: [] }).map((b) =>
        b.kind === 'table'
          ? b.cells.map((c) => `${c.row},${c.col}:${c.text}`).join(' ')
          : `P:${b.text}`,
      );
    const rows = [
      run('项目名称', 0, 26),
      run('家庭医生签约服务', 60, 26),
      run('项目属性', 160, 26),
      run('延续项目', 220, 26),
      run('实施单位', 0, 44),
      run('社区卫生中心', 60, 44),
      run('联系电话', 160, 44),
      run('62121360', 220, 44),
    ];
    // the value wraps: its first line stands alone above the row's line
    expect(
      blocksOf([run('社区卫生服务中心', 60, 14), ...rows.slice(0, 1), ...rows.slice(1)]),
    ).toEqual([
      '0,0:项目名称 0,1:社区卫生服务中心家庭医生签约服务 0,2:项目属性 0,3:延续项目 ' +
        '1,0:实施单位 1,1:社区卫生中心 1,2:联系电话 1,3:62121360',
    ]);
    // a unit line above the table where a column's text starts is no cell either
    expect(blocksOf([run('单位：万元', 220, 14), ...rows])[0]).toBe('P:单位：万元');
    // a title and its year line, centred over the table where a column's text (项目属性) is centred
    expect(
      blocksOf([centred('绩效目标申报表', 180, 2), centred('（2025年度）', 180, 14), ...rows]),
    ).toEqual([
      'P:绩效目标申报表',
      'P:（2025年度）',
      '0,0:项目名称 0,1:家庭医生签约服务 0,2:项目属性 0,3:延续项目 ' +
        '1,0:实施单位 1,1:社区卫生中心 1,2:联系电话 1,3:62121360',
    ]);
  });

  it('reads a field label broken by a typed line break as one cell over its two rows', () => {
    // 项目<br>名称 and 主管<br>部门 printed by Calc: rows packed as tightly as lines, each
    // label's first line alone above the row its second line starts (备注 | 说明 is no label the
    // dictionaries know: kept apart)
    const blocks = pageBlocks({
      page: 1,
      width: 300,
      height: 200,
      pieces: [
        run('项目', 0, 14),
        run('名称', 0, 26),
        run('养老服务站建设', 80, 26),
        run('主管', 0, 38),
        run('部门', 0, 50),
        run('临江市民政局', 80, 50),
        run('实施单位名称', 0, 62),
        run('社区中心', 80, 62),
        run('备注', 0, 74),
        run('说明', 0, 86),
        run('无', 80, 86),
      ],
      h: [],
      v: [],
    });
    expect(
      blocks.flatMap((b) =>
        b.kind === 'table'
          ? b.cells.map((c) => [c.row, c.col, c.rowSpan, c.text.replace(/\n/gu, '|')])
          : [['P', b.text]],
      ),
    ).toEqual([
      [0, 0, 2, '项目|名称'],
      [0, 1, 2, '养老服务站建设'],
      [2, 0, 2, '主管|部门'],
      [2, 1, 2, '临江市民政局'],
      [4, 0, 1, '实施单位名称'],
      [4, 1, 1, '社区中心'],
      [5, 0, 1, '备注'],
      [6, 0, 1, '说明'],
      [6, 1, 1, '无'],
    ]);
  });

  it('separates right-aligned numbers from the text printed just after them', () => {
    // weights right-aligned in their column, notes starting 0.2 em after them
    expect(
      cellsOf([
        run('名称', 0, 20),
        run('权重', 100, 20),
        run('备注', 150, 20),
        run('甲', 0, 32),
        run('20', 130, 32),
        run('每校1台', 142, 32),
        run('乙', 0, 44),
        run('5', 137, 44),
        run('丙', 0, 56),
        run('10', 130, 56),
        run('含设备', 142, 56),
      ]),
    ).toEqual([
      [0, 0, 1, 1, '名称'],
      [0, 1, 1, 1, '权重'],
      [0, 2, 1, 1, '备注'],
      [1, 0, 1, 1, '甲'],
      [1, 1, 1, 1, '20'],
      [1, 2, 1, 1, '每校1台'],
      [2, 0, 1, 1, '乙'],
      [2, 1, 1, 1, '5'],
      [3, 0, 1, 1, '丙'],
      [3, 1, 1, 1, '10'],
      [3, 2, 1, 1, '含设备'],
    ]);
  });
});

describe('damaged and blank PDFs', () => {
  it('calls a page tree that loops a damaged container, not a bug', async () => {
    const r = await extractBuffer(
      pdfFile([
        '<</Type/Catalog/Pages 2 0 R>>',
        '<</Type/Pages/Kids[3 0 R]/Count 1>>',
        '<</Type/Pages/Kids[2 0 R]/Count 1>>',
      ]),
      'loop.pdf',
    );
    expect([r.status, r.error?.code]).toEqual(['failed', 'corrupt_container']);
  });

  it('calls a PDF of blank pages empty (no form), not a scan', async () => {
    const r = await extractBuffer(
      pdfFile([
        '<</Type/Catalog/Pages 2 0 R>>',
        '<</Type/Pages/Kids[3 0 R]/Count 1>>',
        '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>',
        '<</Length 0>>\nstream\n\nendstream',
      ]),
      'blank.pdf',
    );
    expect([r.status, r.error?.code]).toEqual(['empty', 'no_form_found']);
  });
});

describe('a sheet printed wider than its paper', () => {
  // ruled rows at the same heights on both pages; page 2 holds the columns page 1 had no room for
  const ruled = (page: number, ys: number[], xs: number[], pieces: Piece[]) => ({
    page,
    width: 595,
    height: 842,
    pieces,
    h: ys.map((y) => ({ y, x0: xs[0]!, x1: xs.at(-1)! })),
    v: xs.map((x) => ({ x, y0: ys[0]!, y1: ys.at(-1)! })),
  });
  const ys = [100, 120, 140, 160, 180];
  /** No ruling at the cut in the row of the cell merged across it (rows 140–160). */
  const openAt = (x: number, c: ReturnType<typeof ruled>) => {
    c.v = c.v.flatMap((r) =>
      r.x === x
        ? [
            { ...r, y1: 140 },
            { ...r, y0: 160 },
          ]
        : [r],
    );
    return c;
  };
  const left = openAt(
    555,
    ruled(
      1,
      ys,
      [40, 150, 555],
      [
        run('项目名称', 45, 115),
        run('甲项目', 155, 115),
        run('主管部门', 45, 135),
        run('某局', 155, 135),
        run('项目单位', 45, 155),
        // a cell across the cut (from 480): each page prints the characters that start on its part
        run('某市非物质文化遗', 480, 155),
        run('年度资金总额', 45, 175),
      ],
    ),
  );
  const right = openAt(
    40,
    ruled(
      2,
      ys,
      [40, 140, 300],
      [
        // …the next page those from its paper's edge on (the cell starts at 480 - 515 = -35 there)
        run('质文化遗产中心', 5, 155),
        run('实施单位', 45, 115),
        run('乙单位', 145, 115),
        run('100.00', 145, 175),
      ],
    ),
  );
  // a table continued down the next page: the same columns, other rows
  const down = ruled(3, [60, 90, 130, 170], [40, 150, 555], [run('其他资金', 45, 80)]);

  it('reads the page holding the columns that did not fit beside the page it continues', () => {
    const { contents, joins } = joinBands([left, right, down]);
    expect(contents.map((c) => c.page)).toEqual([1, 3]);
    expect(joins).toEqual([{ page: 2, into: 1, dx: 515, seam: 555 }]);
    const blocks = toBlocks(pageBlocks(contents[0]!), []);
    placeBands(blocks, joins);
    const table = blocks.find((b) => b.kind === 'table')!;
    const rows: string[][] = [];
    for (const c of table.cells) (rows[c.row] ??= []).push(c.text);
    expect(rows.map((r) => r.filter((t) => t !== ''))).toEqual([
      ['项目名称', '甲项目', '实施单位', '乙单位'],
      ['主管部门', '某局'],
      ['项目单位', '某市非物质文化遗产中心'],
      ['年度资金总额', '100.00'],
    ]);
    // each cell keeps the page and place it was printed at
    const unit = table.cells.find((c) => c.text === '乙单位')!;
    expect(unit.origin.page).toBe(2);
    expect(unit.origin.bbox![0]).toBeCloseTo(140);
    expect(table.cells.find((c) => c.text === '甲项目')!.origin.page).toBe(1);
    // the input pages are left as they were
    expect(left.pieces).toHaveLength(7);
  });

  it('puts the pages of a band beside those of the band before it in order, rows all alike', () => {
    // printed down, then across: pages 1–2 the left columns, 3–4 the right ones of the same rows
    const band = (page: number, xs: number[], text: string) =>
      ruled(page, ys, xs, [run(`${text}${page}`, xs[0]! + 5, 115)]);
    const { contents, joins } = joinBands([
      band(1, [40, 150, 555], '左'),
      band(2, [40, 150, 555], '左'),
      band(3, [40, 140, 300], '右'),
      band(4, [40, 140, 300], '右'),
    ]);
    expect(joins.map((j) => [j.page, j.into])).toEqual([
      [3, 1],
      [4, 2],
    ]);
    expect(contents.map((c) => c.page)).toEqual([1, 2]);
  });

  it('leaves a table going on down the next page where it was, rows all alike', () => {
    // page 1: a form's head (columns 40 | 80 | 150 | 200 | 555) above its indicator table (40 |
    // 100 | 300 | 555); page 2: the indicator table going on, its header row repeated
    const head = ruled(1, ys, [40, 80, 100, 150, 200, 300, 555], [run('项目名称', 45, 115)]);
    const rest = ruled(2, ys, [40, 100, 300, 555], [run('一级指标', 45, 115)]);
    const { joins } = joinBands([head, rest]);
    expect(joins).toEqual([]);
  });

  it('leaves apart two forms of one template printed a page each, their columns a little apart', () => {
    const form = (page: number, xs: number[], name: string) =>
      ruled(page, ys, xs, [
        run('项目名称', 45, 115),
        run(name, xs[1]! + 5, 115),
        run('主管部门', 45, 135),
        run('项目单位', 45, 155),
        run('年度资金总额', 45, 175),
      ]);
    const { contents, joins } = joinBands([
      form(1, [40, 150, 555], '甲项目'),
      form(2, [40, 170, 555], '乙项目'),
    ]);
    expect(joins).toEqual([]);
    expect(contents.map((c) => c.page)).toEqual([1, 2]);
  });
});
