// The two HTML parsers: htmlparser2 reads a page only when its tree is the one the HTML rules
// (parse5, a browser) give. Every fixture, and thousands of damaged copies of them, must read the
// same whichever parser the reader picks; the damage the fast parser cannot follow sends the
// page to parse5.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seeded } from './helpers/random.js';
import { collectInputs } from '../src/cli/inputs.js';
import { detectFormat } from '../src/ingest/detect.js';
import { decodeHtml } from '../src/ingest/encoding.js';
import { parseHtml } from '../src/ingest/html-parse.js';
import { ingestHtml } from '../src/ingest/html.js';
import type { Paragraph, SourceDocument, Table } from '../src/model/document.js';

const pages = (await collectInputs(['fixtures'])).flatMap((f) => {
  const buf = readFileSync(f.abs);
  return detectFormat(buf, f.rel).format === 'html'
    ? [{ rel: f.rel, text: decodeHtml(buf).text }]
    : [];
});

const read = (html: string, parser?: 'parse5'): SourceDocument =>
  ingestHtml(Buffer.from(html), parser ? { parser } : {}).doc;

describe('fixtures', () => {
  it('has HTML fixtures to compare', () => expect(pages.length).toBeGreaterThan(30));

  it.each(pages.map((p) => [p.rel, p.text]))(
    '%s: fast parser, same document as parse5',
    (_, text) => {
      expect(parseHtml(text).parser).toBe('htmlparser2');
      expect(read(text)).toEqual(read(text, 'parse5'));
    },
  );
});

// prettier-ignore
const SNIPPETS = [
  '</td>', '</tr>', '</table>', '<td>', '<tr>', '<table>', 'stray', '<p>', '</p>', '<div>', '</div>',
  '</body>', '</html>', '<body>', '<head>', '</head>', '<br>', '</br>', '<li>', '<b>', '</b>', '<th>',
  '<tbody>', '<caption>x', '<col>', '<form>', '<select><option>a', '&nbsp;', '<!-- c -->',
  '<title>t</title>', '<span>', '</span>', '<pre>\nx', '<textarea>y', '<td rowspan=2>', '<td colspan=3>',
  '</>', '<font>', '</font>', '<h2>', '</h2>',
];

/** One to four edits: a snippet inserted, a tag removed, or a stretch of text cut. */
function damage(text: string, rnd: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * t.length);
    const op = rnd();
    if (op < 0.4) t = t.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)]! + t.slice(at);
    else if (op < 0.7) {
      const tag = /<\/?[a-z]+[^>]*>/gi;
      tag.lastIndex = at;
      const m = tag.exec(t);
      if (m) t = t.slice(0, m.index) + t.slice(m.index + m[0].length);
    } else t = t.slice(0, at) + t.slice(at + Math.floor(rnd() * 50));
  }
  return t;
}

describe('damaged pages', () => {
  it('read the same with the fast parser as with parse5 whenever the fast one is used', () => {
    const rnd = seeded(20261129);
    let fast = 0;
    let slow = 0;
    for (let i = 0; i < 1500; i++) {
      const page = pages[Math.floor(rnd() * pages.length)]!;
      const text = damage(page.text, rnd);
      if (parseHtml(text).parser === 'parse5') {
        slow++;
        continue;
      }
      fast++;
      expect(read(text), `${page.rel}, damaged copy ${i}`).toEqual(read(text, 'parse5'));
    }
    // both paths are exercised
    expect(fast).toBeGreaterThan(300);
    expect(slow).toBeGreaterThan(300);
  });
});

/** Markup at the edges of the HTML rules, between a paragraph and a table. */
// prettier-ignore
const EDGES = [
  '<!-->', '<!--->', '<!-- a -- b -->', '<!--a--!>x', '<!--a--!><p>x</p>', '<?xml version="1.0"?>',
  '<!--[if !mso]><!-->shown<!--<![endif]-->', '<![if !supportLists]>1.<![endif]>',
  '<![CDATA[hidden]]>', '<script><!-- document.write("<script></script>"); --></script>',
  'a\u0000b', '<p>x\r\ny</p>', '<pre>\r\nx</pre>', '<p>&#128;&#x80;&notit;&nbsp&amp</p>',
  '<a href=x>link<p>para</a>', '<b><p>x</b>y</p>', '<td>loose</td>', '<style>p{}</style><p>s</p>',
  '<p>a<table><tr><td>x</td></tr></table>b</p>', '<ul><li><span>a<li>b</ul>', '<svg><p>in svg</p></svg>',
  '<math><mi>x</mi></math>', '<h2><h3>x</h3></h2>', '<body><p>nested body</p></body>',
  '<p>a</p></body><p>late</p>', '<noscript><p>ns</p></noscript>', '<p>x<textarea>t</textarea></p>',
  '<select><option selected>A<option>B</select>', '<p><o:p>&nbsp;</o:p></p>', '<p>a</br>b</p>',
  '<listing>\nl</listing>', '<dl><dt>a<dd>b<dt>c</dl>', '<p>x<div>y</div>z</p>',
  '<table><tr><td>1<table><tr><td>2</td></tr></table>3</td></tr></table>',
  '<form><table><tr><td>项目<form>名称</td></tr></table></form>',
];

describe('markup at the edges of the HTML rules', () => {
  it.each(EDGES)('%j reads as parse5 reads it', (edge) => {
    const html = `<html><body><p>before</p>${edge}<table><tr><td>项目名称</td><td>甲</td></tr></table><p>after</p></body></html>`;
    expect(read(html)).toEqual(read(html, 'parse5'));
  });
});

describe('markup the HTML rules rearrange goes to parse5', () => {
  const table = (doc: SourceDocument): Table =>
    doc.parts[0]!.blocks.find((b): b is Table => b.kind === 'table')!;
  const paragraphs = (doc: SourceDocument): string[] =>
    doc.parts[0]!.blocks.filter((b): b is Paragraph => b.kind === 'paragraph').map((p) => p.text);

  it('text loose in a table is read before the table, as a browser shows it', () => {
    const html =
      '<table><tr><td>项目名称</td><td>甲</td></tr>说明文字<tr><td>主管部门</td><td>乙</td></tr></table>';
    expect(parseHtml(html)).toMatchObject({ parser: 'parse5', reason: 'text loose in <table>' });
    const doc = read(html);
    expect(paragraphs(doc)).toEqual(['说明文字']);
    expect(table(doc).cells.map((c) => c.text)).toEqual(['项目名称', '甲', '主管部门', '乙']);
  });

  it('an end tag that would close an open cell from outside the table is ignored', () => {
    const html = '<div><table><tr><td>项目名称</div><td>甲</td></tr></table>';
    expect(parseHtml(html).parser).toBe('parse5');
    expect(table(read(html)).cells.map((c) => c.text)).toEqual(['项目名称', '甲']);
  });

  it('content written in <head> is shown in the body', () => {
    const html =
      '<html><head><title>t</title>2024年度项目支出绩效目标申报表</head><body><p>x</p></body></html>';
    expect(parseHtml(html)).toMatchObject({ parser: 'parse5', reason: 'text in <head>' });
    expect(paragraphs(read(html))).toEqual(['2024年度项目支出绩效目标申报表', 'x']);
  });

  it('content after </html> is shown at the end of the body', () => {
    const html = '<html><body><p>a</p></body></html><p>b</p>';
    expect(parseHtml(html).parser).toBe('parse5');
    expect(paragraphs(read(html))).toEqual(['a', 'b']);
  });

  it('a cell opened inside a paragraph of a cell starts a new cell', () => {
    const html = '<table><tr><td><p>项目名称<td>甲</td></tr></table>';
    expect(parseHtml(html).parser).toBe('parse5');
    expect(table(read(html)).cells.map((c) => c.text)).toEqual(['项目名称', '甲']);
  });

  it('a newline right after <pre> is dropped by both parsers', () => {
    const html = '<pre>\n第一行\n第二行</pre>';
    expect(parseHtml(html).parser).toBe('htmlparser2');
    expect(read(html)).toEqual(read(html, 'parse5'));
    expect(paragraphs(read(html))).toEqual(['第一行\n第二行']);
  });

  it('a textarea and an empty end tag are tokenised by parse5', () => {
    expect(parseHtml('<p>a &amp; b</p><textarea>x &amp; y</textarea>')).toMatchObject({
      parser: 'parse5',
      reason: 'markup <textarea',
    });
    expect(parseHtml('<p>a</>b</p>').parser).toBe('parse5');
  });
});
