// List numbers written as Word and browsers show them, by numbering format (Word's w:numFmt
// names: decimal, lowerLetter, upperRoman, chineseCounting 一, ideographTraditional 甲,
// decimalEnclosedCircle ① …), for the labels of automatic lists in Word documents and of <ol>
// items in HTML pages.
import {
  COUNTING_DIGITS,
  COUNTING_UNITS,
  EARTHLY_BRANCHES,
  HEAVENLY_STEMS,
  LEGAL_DIGITS,
  LEGAL_UNITS,
} from '../dict/numbering.js';

/** A number in 一、二 counting: 十一, 二十, 一百零五. */
function counting(
  n: number,
  digits: string,
  units: typeof COUNTING_UNITS | typeof LEGAL_UNITS,
): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts: string[] = [];
  const places: [number, string][] = [
    [1000, units.thousand],
    [100, units.hundred],
    [10, units.ten],
    [1, ''],
  ];
  let zero = false;
  for (const [place, unit] of places) {
    const d = Math.floor(n / place) % 10;
    if (d === 0) {
      if (parts.length > 0) zero = true;
      continue;
    }
    if (zero) parts.push(digits[0]!);
    zero = false;
    // 十一 rather than 一十一 when ten leads
    if (!(place === 10 && d === 1 && parts.length === 0 && digits === COUNTING_DIGITS)) {
      parts.push(digits[d]!);
    }
    parts.push(unit);
  }
  return parts.join('');
}

/** Letters as Word counts them: a … z, then aa … zz. */
function letters(n: number, upper: boolean): string {
  if (n <= 0) return String(n);
  const c = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number, upper: boolean): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  let left = n;
  for (const [v, s] of table) {
    while (left >= v) {
      out += s;
      left -= v;
    }
  }
  return upper ? out.toUpperCase() : out;
}

/** A character of an enclosed series (① ⑴ ⒈) for 1–20, else the number itself. */
function enclosed(n: number, first: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(first + n - 1) : String(n);
}

/** One level's number written in its w:numFmt (an unknown format is written as a decimal). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
    case 'lowerLetter':
      return letters(n, format === 'upperLetter');
    case 'upperRoman':
    case 'lowerRoman':
      return roman(n, format === 'upperRoman');
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return counting(n, COUNTING_DIGITS, COUNTING_UNITS);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return counting(n, LEGAL_DIGITS, LEGAL_UNITS);
    case 'ideographTraditional':
      return n >= 1 ? HEAVENLY_STEMS[(n - 1) % HEAVENLY_STEMS.length]! : String(n);
    case 'ideographZodiac':
      return n >= 1 ? EARTHLY_BRANCHES[(n - 1) % EARTHLY_BRANCHES.length]! : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460);
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 10 ? String.fromCodePoint(0x3280 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    case 'none':
      return '';
    default:
      return String(n);
  }
}
