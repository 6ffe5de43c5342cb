// Text rules of the record (schema.md): NFKC, HTML fragments to paragraphs, whitespace folding,
// no spaces between CJK characters, blanks to null.

/** Han ideographs, CJK punctuation, kana-free: the characters between which a space is layout. */
const CJK =
  '\\u2E80-\\u2FDF\\u3000-\\u303F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';
const CJK_SPACE_CJK = new RegExp(`([${CJK}]) +(?=[${CJK}])`, 'gu');
const BLOCK_TAG = /<\s*\/?\s*(p|div|li|tr|h[1-6])\b[^>]*>/gi;
const BR_TAG = /<\s*br\s*\/?\s*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const HAS_TAG = /<\s*\/?\s*(p|br|div|span|li|strong|b|i|em|u|font|h[1-6])\b[^<>]*>/i;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  ge: '≥',
  le: '≤',
  times: '×',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Turns literal HTML fragments inside a cell (`<p>…</p> <p>…</p>`) into lines of plain text. */
export function stripHtmlFragments(s: string): string {
  if (!HAS_TAG.test(s)) return s.includes('&') ? decodeEntities(s) : s;
  const lined = s.replace(BR_TAG, '\n').replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
  return decodeEntities(lined);
}

/** Characters that print nothing: zero-width space and joiners, word joiner, BOM. */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** Required-field marks around a label (*项目名称, 主管部门★); they are not part of the label. */
const REQUIRED_MARK_EDGES = /^[*★☆※]+|[*★☆※]+$/gu;

/**
 * Text that every rule below leaves as it is, apart from spaces: printable ASCII without `<` and
 * `&` (no tag, no entity), the CJK ideographs (basic and extension A), the common CJK
 * punctuation with no compatibility mapping (、。《》「」『』【】‘’“”) and the signs of target
 * values (≥ ≤ ± × ÷ ° · ‰ – —). NFKC does not change it (each character is NFKC-stable with
 * combining class 0 and composes with nothing), and it holds no line break, tab, no-break or
 * ideographic space, or invisible character. Most cells are such text; they skip the general
 * path.
 */
const NOT_PLAIN =
  /[^\x20-\x25\x27-\x3B\x3D-\x7E\u00B0\u00B1\u00B7\u00D7\u00F7\u2013\u2014\u2030\u2264\u2265\u3001\u3002\u300A-\u3011\u2018\u2019\u201C\u201D\u3400-\u4DBF\u4E00-\u9FFF]/u;
/**
 * Whether text is plain (see above). Searching for a character that is not, rather than matching
 * the whole text against a repeated class, keeps the regular-expression engine from pushing a
 * backtracking entry per character (a 10-million-character cell overflowed its stack).
 */
const isPlain = (text: string): boolean => !NOT_PLAIN.test(text);

/**
 * What makes raw text need the general path of normalizeRaw: a tag or entity start, an invisible
 * character, or whitespace other than the plain space.
 */
const RAW_NEEDS_RULES = /[<&\u200B-\u200D\u2060\u00AD]|[^\S ]/u;

/** Folds runs of spaces/tabs, trims each line, and drops blank lines. */
function foldWhitespace(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\s\u00A0\u3000]+/gu, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** The normalised text of a cell or paragraph; null when blank. */
export function normalizeText(input: string | null | undefined): string | null {
  if (input == null) return null;
  let s: string;
  if (isPlain(input)) {
    s = input.includes(' ')
      ? input.replace(/ {2,}/g, ' ').trim().replace(CJK_SPACE_CJK, '$1')
      : input;
  } else {
    s = stripHtmlFragments(input).normalize('NFKC').replace(INVISIBLE, '');
    s = foldWhitespace(s);
    s = s.replace(CJK_SPACE_CJK, '$1');
  }
  return s.length > 0 ? s : null;
}

/** Like normalizeText, but keeps the characters as written (no NFKC): used for target.raw. */
export function normalizeRaw(input: string | null | undefined): string | null {
  if (input == null) return null;
  if (!RAW_NEEDS_RULES.test(input)) {
    const plain = input.includes('  ') ? input.replace(/ {2,}/g, ' ').trim() : input.trim();
    return plain.length > 0 ? plain : null;
  }
  const s = foldWhitespace(stripHtmlFragments(input).replace(INVISIBLE, '')).replace(/\n/g, ' ');
  return s.length > 0 ? s : null;
}

/**
 * A compact key for matching labels: NFKC, no whitespace at all, no trailing colon.
 * `项 目 名 称：` and `项目名称` give the same key.
 */
export function labelKey(input: string | null | undefined): string {
  if (input == null) return '';
  const plain = isPlain(input);
  const compact = plain
    ? input.includes(' ')
      ? input.replace(/ +/g, '')
      : input
    : stripHtmlFragments(input)
        .normalize('NFKC')
        .replace(INVISIBLE, '')
        .replace(/[\s\u00A0\u3000]+/gu, '');
  // plain text holds no ★ ☆ ※ or full-width colon: only * and : can need trimming
  if (plain && !compact.startsWith('*') && !/[*:]$/u.test(compact)) return compact;
  return compact
    .replace(REQUIRED_MARK_EDGES, '')
    .replace(/[:：]+$/u, '')
    .replace(REQUIRED_MARK_EDGES, '');
}

const LINE_BREAK_BETWEEN_CJK = new RegExp(`([${CJK}])\\n(?=[${CJK}])`, 'gu');

/**
 * Short values (names, labels, units) on one line: a line break is wrapping, so it disappears
 * between two CJK characters (满意度指\n标 → 满意度指标) and becomes a space elsewhere.
 */
export function oneLine(text: string | null): string | null {
  if (text === null || !text.includes('\n')) return text;
  return text.replace(LINE_BREAK_BETWEEN_CJK, '$1').replace(/\n/g, ' ');
}

/** Text as a regular expression matching it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
