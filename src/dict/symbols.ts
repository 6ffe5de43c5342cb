// Characters of symbol fonts that Word inserts with Insert → Symbol (<w:sym w:font w:char>): the
// tick boxes and marks of option lines (□新增项目 ☑延续项目), as the Unicode characters the
// option reader knows. Codes are the font's own (Word writes them as F0xx or 00xx).
export const SYMBOL_FONT_CHARACTERS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  'wingdings 2': {
    0x4f: '✗',
    0x50: '✓',
    0x52: '☑',
    0x53: '☒',
    0x54: '☒',
    0xa3: '□',
  },
  wingdings: {
    0x6f: '□',
    0xa8: '□',
    0xfb: '✗',
    0xfc: '✓',
    0xfd: '☒',
    0xfe: '☑',
  },
};
