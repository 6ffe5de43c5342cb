// Radical code points that PDF fonts map ideographs to. A font subset that shares one glyph
// between an ideograph and its radical form often maps the glyph to the radical, so the text of
// 居民 comes out as 居⺠ (U+2EA0). Kangxi radicals (U+2F00–U+2FD5) fold by NFKC; the CJK Radicals
// Supplement (U+2E80–U+2EF3) does not (except ⺟ and ⻳): this is its table of equivalent unified
// ideographs (Unicode's EquivalentUnifiedIdeograph.txt), for the radicals that are also whole
// characters in running text.
export const RADICAL_EQUIVALENTS: Readonly<Record<string, string>> = {
  '⺁': '厂',
  '⺄': '乙',
  '⺅': '亻',
  '⺆': '冂',
  '⺇': '几',
  '⺉': '刂',
  '⺊': '卜',
  '⺌': '小',
  '⺍': '小',
  '⺎': '兀',
  '⺐': '尢',
  '⺒': '巳',
  '⺓': '幺',
  '⺔': '彑',
  '⺖': '忄',
  '⺗': '心',
  '⺘': '扌',
  '⺙': '攵',
  '⺛': '旡',
  '⺝': '月',
  '⺟': '母',
  '⺠': '民',
  '⺡': '氵',
  '⺢': '氺',
  '⺣': '灬',
  '⺤': '爫',
  '⺦': '丬',
  '⺨': '犭',
  '⺩': '王',
  '⺫': '目',
  '⺬': '示',
  '⺭': '礻',
  '⺯': '糹',
  '⺰': '纟',
  '⺲': '罒',
  '⺹': '耂',
  '⺻': '聿',
  '⺼': '肉',
  '⺾': '艹',
  '⻁': '虎',
  '⻂': '衤',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻋': '车',
  '⻌': '辶',
  '⻏': '阝',
  '⻐': '钅',
  '⻑': '長',
  '⻓': '长',
  '⻔': '门',
  '⻖': '阝',
  '⻗': '雨',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻠': '饣',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
  // Kangxi radicals whose NFKC form is the traditional variant (戶 U+6236, 靑 U+9751) of the
  // character a mainland font draws with the same glyph (户 U+6237, 青 U+9752): Chromium's PDFs
  // map that glyph to the radical, so 户数 would read 戶数
  '⼾': '户',
  '⾭': '青',
};

/**
 * Punctuation that a PDF font maps to a look-alike code point: a CJK font's one dash glyph mapped
 * to the horizontal bar (2021―2023 for 2021—2023), and the ligature glyph a browser prints for a
 * doubled dash (—— as ⸺).
 */
export const GLYPH_EQUIVALENTS: Readonly<Record<string, string>> = {
  '\u2015': '\u2014',
  '\u2E3A': '\u2014\u2014',
  '\u2E3B': '\u2014\u2014\u2014',
};
