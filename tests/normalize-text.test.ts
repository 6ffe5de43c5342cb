// The text rules of the record (NFKC, whitespace folding, no spaces between CJK characters) and
// the label key. Most cells take a shortcut (plain ASCII and CJK ideographs need no NFKC pass);
// here the shortcut is checked against the rules written out in full, on random text.
import { describe, expect, it } from 'vitest';
import { seeded } from './helpers/random.js';
import { labelKey, normalizeRaw, normalizeText } from '../src/text/normalize.js';

const CJK =
  '\\u2E80-\\u2FDF\\u3000-\\u303F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';

/** The rules as schema.md states them, without any shortcut (no HTML fragments in this text). */
function byTheRules(s: string): string | null {
  const folded = s
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
    .replace(new RegExp(`([${CJK}]) +(?=[${CJK}])`, 'gu'), '$1');
  return folded === '' ? null : folded;
}

/** Raw text (target.raw): characters as written, invisible ones dropped, all blanks folded. */
function rawByTheRules(s: string): string | null {
  const folded = s
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter((l) => l !== '')
    .join(' ');
  return folded === '' ? null : folded;
}

function keyByTheRules(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/\s+/gu, '')
    .replace(/^[*★☆※]+|[*★☆※]+$/gu, '')
    .replace(/[:：]+$/u, '')
    .replace(/^[*★☆※]+|[*★☆※]+$/gu, '');
}

// plain characters (the shortcut) mixed with ones that need the full rules
const PLAIN = [
  '项',
  '目',
  '名',
  '称',
  '资',
  '金',
  'A',
  'z',
  '1',
  '0',
  '.',
  '%',
  '*',
  ':',
  '、',
  '。',
  '《',
  '》',
  '“',
  '”',
  '(',
  '-',
  '/',
  '≥',
  '≤',
  '±',
  '×',
  '÷',
  '°',
  '·',
  '‰',
  '–',
  '—',
];
const SPECIAL = [
  '：',
  '（',
  '）',
  '，',
  '\u3000',
  '\u00A0',
  '\t',
  '\n',
  '\r\n',
  '\u200B',
  '①',
  'ｍ',
  '²',
  '★',
  '…',
  '＞',
  '㎡',
  '\uFEFF',
  '\u2028',
  '\u2003',
  '\u00AD',
  '\u0338',
  '～',
  '％',
];

function randomText(rnd: () => number, special: boolean): string {
  const n = Math.floor(rnd() * 12);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.25) s += ' '.repeat(1 + Math.floor(rnd() * 3));
    else if (special && r < 0.4) s += SPECIAL[Math.floor(rnd() * SPECIAL.length)];
    else s += PLAIN[Math.floor(rnd() * PLAIN.length)];
  }
  return s;
}

describe('normalizeText, normalizeRaw and labelKey', () => {
  it('give what the full rules give, on plain text and on text that needs them', () => {
    const rnd = seeded(7);
    for (let i = 0; i < 20000; i++) {
      const s = randomText(rnd, i % 2 === 1);
      expect(normalizeText(s), JSON.stringify(s)).toBe(byTheRules(s));
      expect(normalizeRaw(s), JSON.stringify(s)).toBe(rawByTheRules(s));
      expect(labelKey(s), JSON.stringify(s)).toBe(keyByTheRules(s));
    }
  });

  it('take the shortcut only with characters NFKC leaves alone', () => {
    const signs = '≥≤±×÷°·‰–—、。《》「」『』【】‘’“”';
    for (const c of signs) expect(c.normalize('NFKC'), c).toBe(c);
    expect(normalizeText('≥90％')).toBe('≥90%');
    expect(normalizeText('≥\u0338 5')).toBe('≱ 5');
    expect(normalizeRaw('  ≥ 90%  以上 ')).toBe('≥ 90% 以上');
    expect(normalizeRaw('≥90％\u00A0 （万元）')).toBe('≥90％ （万元）');
  });

  it('fold spaces, drop those between CJK characters and keep those between words', () => {
    expect(normalizeText('  项 目   名称  ')).toBe('项目名称');
    expect(normalizeText('Project  A  2024')).toBe('Project A 2024');
    expect(normalizeText('项目 A 名称')).toBe('项目 A 名称');
    expect(normalizeText('   ')).toBeNull();
    expect(normalizeText('满意度≥90％')).toBe('满意度≥90%');
    expect(labelKey('* 项 目 名 称：')).toBe('项目名称');
    expect(labelKey('项目名称 *')).toBe('项目名称');
  });
});

describe('very long text', () => {
  it('normalises a cell of ten million characters (a pasted dump) without overflowing a stack', () => {
    const long = '项目绩效'.repeat(2_500_000);
    expect(normalizeText(long)).toBe(long);
    expect(labelKey(`${long}：`)).toBe(long);
    expect(normalizeText(`${long} ＡＢ`)).toBe(`${long} AB`);
  });
});
