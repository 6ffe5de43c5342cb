// Option cells with tick-boxes (项目属性: □新增项目 ☑延续项目): the ticked options are the value.
import { ANY_BOX, BRACKETED_BOX, CHECKED } from './patterns.js';

export interface OptionRead {
  /** The ticked option(s), joined with 、; null when nothing is ticked. */
  value: string | null;
  /** The cell was a list of tick-box options. */
  options: boolean;
}

/** Reads a cell of tick-box options; a cell with fewer than two boxes is returned unchanged. */
export function readOptions(cell: string): OptionRead {
  // ticks in brackets after the options (新增项目(√) 延续项目( )) are boxes after them
  const marks = [...cell.matchAll(BRACKETED_BOX)];
  const text =
    marks.length >= 2 && marks.some((m) => CHECKED.test(m[1]!))
      ? cell.replace(BRACKETED_BOX, (_, m: string) => (CHECKED.test(m) ? m : '□'))
      : cell;
  const boxes = [...text.matchAll(ANY_BOX)];
  if (boxes.length < 2) return { value: cell, options: false };
  const ticked: string[] = [];
  // boxes written before their options (☑新增项目 □延续项目) or after them (一次性项目□ 阶段性项目☑)
  const before = text.slice(0, boxes[0]!.index).trim().length === 0;
  boxes.forEach((m, k) => {
    const from = before
      ? m.index + m[0].length
      : k === 0
        ? 0
        : boxes[k - 1]!.index + boxes[k - 1]![0].length;
    const to = before ? (boxes[k + 1]?.index ?? text.length) : m.index;
    const option = text.slice(from, to).trim();
    if (CHECKED.test(m[0]) && option.length > 0) ticked.push(option);
  });
  return { value: ticked.length > 0 ? ticked.join('、') : null, options: true };
}
