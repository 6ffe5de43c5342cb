// Exact decimal helpers: numbers are parsed and scaled as digit strings (12.34万 is exactly
// 123400), and only the final result becomes a JS number. Money cells become yuan.
import { INVISIBLE } from '../text/normalize.js';
import { DECLARED_MONEY_UNITS, type MoneyUnit } from '../dict/labels.js';
import { MONEY_UNITS, SCALE_WORDS } from '../dict/targets.js';

/** The base unit amounts are converted to. */
const YUAN = DECLARED_MONEY_UNITS[0];

/** A plain decimal with optional thousands separators: 1,250.00 / 3，518.85 / -0.5. */
const NUMBER_TEXT = /^([+-]?)((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?$/;
/** Cells that say "no amount": dashes, slashes and similar. */
const NO_AMOUNT = /^[-—–/\\*]+$/u;

/**
 * The canonical form of a decimal string: no separators, no leading zeros in the integer part,
 * no trailing zeros in the fraction, no sign on zero. Null when the text is not one number.
 */
export function normalizeDecimal(raw: string): string | null {
  const s = raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, '');
  const m = NUMBER_TEXT.exec(s);
  if (!m) return null;
  return canonical(m[1] === '-', (m[2] ?? '').replace(/,/g, ''), m[3] ?? '');
}

function canonical(negative: boolean, intPart: string, fraction: string): string {
  const int = intPart.replace(/^0+(?=\d)/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Multiplies a canonical decimal string by 10^exponent by moving its decimal point. */
export function shiftDecimal(dec: string, exponent: number): string {
  const negative = dec.startsWith('-');
  const body = negative ? dec.slice(1) : dec;
  const [int = '0', frac = ''] = body.split('.');
  const digits = int + frac;
  let point = int.length + exponent;
  let padded = digits;
  if (point > padded.length) padded = padded.padEnd(point, '0');
  if (point < 0) {
    padded = '0'.repeat(-point) + padded;
    point = 0;
  }
  return canonical(negative, padded.slice(0, point), padded.slice(point));
}

/** The JS number nearest to a decimal string (Number() rounds correctly); -0 becomes 0. */
export function decimalToNumber(dec: string): number {
  const n = Number(dec);
  return n === 0 ? 0 : n;
}

/** Parses a number written with optional separators and scales it by 10^exponent, exactly. */
export function scaleDecimal(raw: string, exponent: number): number | null {
  const dec = normalizeDecimal(raw);
  if (dec == null) return null;
  const n = decimalToNumber(shiftDecimal(dec, exponent));
  return Number.isFinite(n) ? n : null;
}

/** Parses a number written with optional thousands separators and full-width digits. */
export function parseNumber(raw: string): number | null {
  return scaleDecimal(raw, 0);
}

/** Prints a number without exponent notation (1e21 → "1000000000000000000000"). */
export function toPlainString(n: number): string {
  const s = String(n === 0 ? 0 : n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const mantissa = canonical(m[1] === '-', m[2] ?? '0', m[3] ?? '');
  return shiftDecimal(mantissa, Number(m[4]));
}

export type AmountUnit = MoneyUnit;

export interface AmountResult {
  /** The amount in yuan; null for a blank or "no amount" cell, or when the cell does not parse. */
  yuan: number | null;
  /** False when the cell holds something that is not an amount. */
  ok: boolean;
}

/** Money units and bare scale words (1,234.5万 in a money cell means 万元), longest first. */
const MONEY_BY_LENGTH = [
  ...MONEY_UNITS.filter((u) => u.unit === YUAN),
  ...SCALE_WORDS.map((s) => ({ text: s.text, unit: YUAN, exponent: s.exponent })),
].sort((a, b) => b.text.length - a.text.length);

/**
 * Converts a money cell to yuan, using the unit the form declares (null: taken as written).
 * A money unit written in the cell itself (12.00万元) overrides the declared one.
 */
export function parseAmount(raw: string | null | undefined, unit: AmountUnit | null): AmountResult {
  const s = (raw ?? '').normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, '');
  if (s === '' || NO_AMOUNT.test(s)) return { yuan: null, ok: true };
  let body = s;
  let exponent = MONEY_UNITS.find((u) => u.text === unit)?.exponent ?? 0;
  const written = MONEY_BY_LENGTH.find((u) => body.endsWith(u.text));
  if (written) {
    body = body.slice(0, -written.text.length);
    exponent = written.exponent;
  }
  const yuan = scaleDecimal(body, exponent);
  return yuan == null ? { yuan: null, ok: false } : { yuan, ok: true };
}
