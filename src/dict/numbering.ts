// The characters of the list numbering styles Word offers for Chinese documents (w:numFmt), from
// which a numbered paragraph's label (一、 （二） ③ 甲.) is written as Word shows it.

/** Digits 0–9 of 一、二、三 counting (chineseCounting, chineseCountingThousand, taiwaneseCounting). */
export const COUNTING_DIGITS = '零一二三四五六七八九';
/** Digits 0–9 of the financial (大写) numerals (chineseLegalSimplified). */
export const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
/** The counting units ten, hundred, thousand, and the financial ones. */
export const COUNTING_UNITS = { ten: '十', hundred: '百', thousand: '千' } as const;
export const LEGAL_UNITS = { ten: '拾', hundred: '佰', thousand: '仟' } as const;
/** The ten heavenly stems (ideographTraditional): 甲 is 1, counting on from 癸 starts again. */
export const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
/** The twelve earthly branches (ideographZodiac). */
export const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';
