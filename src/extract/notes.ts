// Notes on how to fill a form (注： / 填报说明： and the numbered paragraphs after it: 一、项目名称：按
// 预算管理一体化系统填写): text of the form, kept as one extra field under the heading, but never
// read as the form's fields nor as another form's identity.
import { NOTE_HEADINGS } from '../dict/labels.js';
import { labelKey } from '../text/normalize.js';
import type { Line, LineCell } from './lines.js';
import { ENUMERATOR } from './patterns.js';

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

/** A line that goes on with the notes: a numbered one (二、主管部门：填写一级预算单位). */
export function continuesNotes(line: Line): boolean {
  const cell = onlyText(line);
  return cell !== null && ENUMERATOR.test(cell.key);
}

/** The lines of every notes block: a heading and the numbered paragraphs right after it. */
export function noteLines(lines: readonly Line[]): Set<Line> {
  const out = new Set<Line>();
  let open = false;
  for (const line of lines) {
    if (noteHeading(line)) {
      out.add(line);
      open = true;
    } else if (open && continuesNotes(line)) out.add(line);
    else open = false;
  }
  return out;
}
