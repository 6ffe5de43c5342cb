// Notes on how to fill a form (注： / 填报说明： and the numbered paragraphs after it: 一、项目名称：按
// 预算管理一体化系统填写): text of the form, kept as one extra field under the heading, but never
// read as the form's fields nor as another form's identity.
import { CHINESE_NUMERALS } from '../dict/grammar.js';
import { NOTE_HEADINGS } from '../dict/labels.js';
import { labelKey } from '../text/normalize.js';
import type { Line, LineCell } from './lines.js';
import { ENUMERATOR } from './patterns.js';

const CHINESE_NUMBER = new RegExp(`[${CHINESE_NUMERALS}]+`, 'gu');
const HEADINGS = NOTE_HEADINGS.map((h) => labelKey(h)).sort((a, b) => b.length - a.length);

/** The only text cell of a line (a paragraph, or a sheet's row of one cell), or null. */
function onlyText(line: Line): LineCell | null {
  const texts = line.cells.filter((c) => c.isStart && c.text !== null);
  return texts.length === 1 ? texts[0]! : null;
}

/**
 * The heading when the line opens notes (a paragraph, or a row of one cell): the heading alone (注：), or the
 * heading and a first numbered note (注：1.项目名称…), whose text is `first`.
 */
export function noteHeading(
  line: Line,
): { label: string; first: string | null; cell: LineCell } | null {
  const cell = onlyText(line);
  if (!cell) return null;
  for (const h of HEADINGS) {
    if (cell.key === h) return { label: h, first: null, cell };
    if (cell.key.startsWith(`${h}:`) && ENUMERATOR.test(cell.key.slice(h.length + 1))) {
      const text = cell.text!;
      const colon = text.search(/[:：]/u);
      return { label: h, first: text.slice(colon + 1).trim(), cell };
    }
  }
  return null;
}

/** How a note is numbered: 一、, 1. or 1、, (1), (一); null when it is not. */
function numbering(key: string): string | null {
  const m = ENUMERATOR.exec(key);
  if (!m) return null;
  // every number written alike: 1. for 2., 一、 for 二、 (the first numeral stands for them all)
  return m[0].replace(/\d+/gu, '1').replace(CHINESE_NUMBER, CHINESE_NUMERALS[0]!);
}

/**
 * Whether a line goes on with the notes: numbered as the notes before it were (二、 after 一、);
 * numbered otherwise (一、项目名称：… after 1.本表金额单位为万元), it is the form's own text again.
 * `style` is the notes' numbering so far, null before the first numbered note.
 */
export function continuesNotes(line: Line, style: string | null): string | null {
  const cell = onlyText(line);
  const own = cell === null ? null : numbering(cell.key);
  return own !== null && (style === null || own === style) ? own : null;
}

/** The numbering of a heading's first note (注：1.…), null when it has none. */
export function headingStyle(heading: { first: string | null }): string | null {
  return heading.first === null ? null : numbering(labelKey(heading.first));
}

/** The lines of every notes block: a heading and the numbered paragraphs right after it. */
export function noteLines(lines: readonly Line[]): Set<Line> {
  const out = new Set<Line>();
  let open = false;
  let style: string | null = null;
  for (const line of lines) {
    const heading = noteHeading(line);
    const next: string | null = heading ? null : open ? continuesNotes(line, style) : null;
    if (heading) {
      out.add(line);
      open = true;
      style = headingStyle(heading);
    } else if (next !== null) {
      out.add(line);
      style = next;
    } else open = false;
  }
  return out;
}
