// Pinyin syllables and how Japanese writes their Mandarin sound in katakana (ワン, チャン, シャオ).
// Each final is a template: C stands for the initial's plain spelling, Y for its palatal spelling
// (l → r / ry, n → n / ny, j → j / j), so one table serves every initial.
import { splitIntoSyllables, SyllableInventory } from './syllable-split.js';
import { alternatives, type Variant } from './variants.js';

interface Initial {
  /** [plain, palatal, weight] spellings of the initial. */
  forms: ReadonlyArray<readonly [plain: string, palatal: string, weight: number]>;
  /** Finals beginning with i (ia, ing, ...) are possible after this initial. */
  iFinals: boolean;
}

const initial = (forms: string, iFinals: boolean): Initial => ({
  forms: alternatives(forms).map(([form, weight]) => {
    const [plain, palatal = plain] = form.split('|');
    return [plain, palatal, weight] as const;
  }),
  iFinals,
});

// Unaspirated b, d, g, j, zh, z are voiceless in Mandarin, so Japanese writes them either way.
const INITIALS: Record<string, Initial> = {
  B: initial('b|by p|py:0.5', true),
  P: initial('p|py', true),
  M: initial('m|my', true),
  F: initial('f', false),
  D: initial('d|di t|ti:0.5', true),
  T: initial('t|ti', true),
  N: initial('n|ny', true),
  L: initial('r|ry', true),
  G: initial('g k:0.5', false),
  K: initial('k', false),
  H: initial('h', false),
  J: initial('j|j ch|ch:0.5', true),
  Q: initial('ch|ch', true),
  X: initial('sh|sh', true),
  ZH: initial('ch j:0.8', false),
  CH: initial('ch', false),
  SH: initial('sh', false),
  R: initial('r j:0.3', false),
  Z: initial('z ts:0.8', false),
  C: initial('ts s:0.5', false),
  S: initial('s', false),
};

const FINALS: Record<string, string> = {
  A: 'Ca- Ca:0.8',
  O: 'Co- Co:0.8',
  E: 'Co- Ca-:0.6 Ce:0.4',
  I: 'Ci-',
  U: 'Cu-',
  V: 'Yu-',
  AI: 'Cai',
  EI: 'Cei',
  AO: 'Cao',
  OU: 'Cou',
  AN: 'CaN',
  EN: 'CeN',
  ANG: 'CaN CaNgu:0.3',
  ENG: 'CoN CeN:0.8 CaN:0.3',
  ONG: 'CoN',
  IA: 'Cia Ya-:0.7',
  IE: 'Cie Ye:0.7',
  IAO: 'Yao Ciao:0.6',
  IU: 'Ciu Yu-:0.8',
  IAN: 'CieN YeN:0.7 CiaN:0.5',
  IN: 'CiN',
  IANG: 'YaN CiaN:0.7',
  ING: 'CiN',
  IONG: 'YoN CioN:0.6',
  UA: 'Cua',
  UO: 'Cuo Co:0.4',
  UAI: 'Cuai',
  UI: 'Cui Cuei:0.5',
  UAN: 'CuaN',
  UN: 'CuN CoN:0.3',
  UANG: 'CuaN',
  UE: 'Yue',
  VE: 'Yue',
};
// After j, q, x the u of u, ue, uan, un is ü.
const U_UMLAUT: Record<string, string> = { U: 'Yu-', UE: 'Yue', UAN: 'YueN YuaN:0.8', UN: 'YuN' };
// Z, C, S before i sound like ズー, ツー, スー (ツィー in a few famous names).
const DENTAL_I = 'Cu- Ci-:0.5';

const Y_SYLLABLES: Record<string, string> = {
  A: 'ya-',
  O: 'yo',
  E: 'ie ye:0.7',
  AO: 'yao',
  OU: 'you yu-:0.5',
  AN: 'ieN yeN:0.8 yaN:0.6',
  ANG: 'yaN',
  I: 'i-',
  IN: 'iN',
  ING: 'iN',
  ONG: 'yoN',
  U: 'yu-',
  UE: 'yue',
  UAN: 'yuaN yueN:0.8',
  UN: 'yuN',
};
const W_SYLLABLES: Record<string, string> = {
  A: 'wa-',
  O: 'wo',
  AI: 'wai',
  EI: 'wei',
  AN: 'waN',
  EN: 'weN uN:0.4',
  ANG: 'waN',
  ENG: 'woN',
  U: 'u-',
};
const BARE_SYLLABLES: Record<string, string> = {
  A: 'a-',
  O: 'o-',
  E: 'o- a-:0.6',
  AI: 'ai',
  EI: 'ei',
  AO: 'ao',
  OU: 'ou',
  AN: 'aN',
  EN: 'eN',
  ANG: 'aN',
  ENG: 'eN',
  ER: 'aru a-:0.6',
};

const INITIALS_LONGEST_FIRST = ['ZH', 'CH', 'SH', ...Object.keys(INITIALS).filter((i) => i.length === 1)];
const FINALS_LONGEST_FIRST = Object.keys({ ...FINALS, ER: '' }).sort((a, b) => b.length - a.length);

export interface PinyinSyllable {
  initial: string;
  final: string;
}

function isValid({ initial: i, final: f }: PinyinSyllable): boolean {
  if (i === 'Y') return f in Y_SYLLABLES;
  if (i === 'W') return f in W_SYLLABLES;
  if (i === '') return f in BARE_SYLLABLES;
  if (!(f in FINALS)) return false;
  if (i === 'J' || i === 'Q' || i === 'X') return f.startsWith('I') || f in U_UMLAUT;
  if ((f === 'V' || f === 'VE' || f === 'UE') && i !== 'L' && i !== 'N') return false;
  if (f.startsWith('I') && f !== 'I') return INITIALS[i].iFinals;
  if (f === 'I') return !'GKHF'.includes(i);
  return true;
}

// Every valid syllable by its spelling: ZHANG → ZH + ANG.
const SYLLABLES = new SyllableInventory<PinyinSyllable>();
for (const initial of [...INITIALS_LONGEST_FIRST, 'Y', 'W', '']) {
  for (const final of FINALS_LONGEST_FIRST) {
    if (isValid({ initial, final })) SYLLABLES.add(initial + final, { initial, final });
  }
}

/**
 * The ways a word splits into pinyin syllables, fewest first. A syllable without an initial only
 * starts the word (pinyin writes XI'AN with an apostrophe), which keeps JIANGUO = JIAN GUO.
 */
export function pinyinSyllables(word: string, limit = 4): PinyinSyllable[][] {
  const syllablesAt = (from: number) => SYLLABLES.at(word, from).filter((s) => s.initial !== '' || from === 0);
  const length = (s: PinyinSyllable) => s.initial.length + s.final.length;
  return splitIntoSyllables(word, syllablesAt, length, limit).sort((a, b) => a.length - b.length);
}

function fill(template: string, plain: string, palatal: string): string {
  return template.replace('C', plain).replace('Y', palatal);
}

/** Mandarin-style spellings (spell-katakana notation) of one syllable, most likely first. */
export function mandarinSpellings({ initial: i, final: f }: PinyinSyllable): Variant[] {
  if (i === 'Y') return alternatives(Y_SYLLABLES[f]);
  if (i === 'W') return alternatives(W_SYLLABLES[f]);
  if (i === '') return alternatives(BARE_SYLLABLES[f]);
  let template = FINALS[f];
  if ((i === 'J' || i === 'Q' || i === 'X') && f in U_UMLAUT) template = U_UMLAUT[f];
  else if ((i === 'Z' || i === 'C' || i === 'S') && f === 'I') template = DENTAL_I;
  const spellings: Variant[] = [];
  for (const [plain, palatal, initialWeight] of INITIALS[i].forms) {
    for (const [final, finalWeight] of alternatives(template)) {
      spellings.push([fill(final, plain, palatal), initialWeight * finalWeight]);
      // 黄 HUANG is ホアン as often as フアン: H before ua/uo/ui is also written ho.
      if (i === 'H' && /^Cu[aeio]/.test(final)) {
        spellings.push([fill(final, 'ho', palatal).replace('hou', 'ho'), initialWeight * finalWeight * 0.9]);
      }
    }
  }
  return spellings.sort((a, b) => b[1] - a[1]);
}
