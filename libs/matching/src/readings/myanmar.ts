// Myanmar: names are strings of syllables, usually one per word (AUNG KYAW MIN), sometimes run
// together. The romanization is informal and its spellings are not the sounds: KY is ch (KYAW
// チョー), GY is j, HT is t, HL/HM/HN are voiceless l/m/n (フライン or ライン), TH is t or s,
// final T/K close the syllable (テッ or テット).
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { splitIntoSyllables, SyllableInventory } from './syllable-split.js';
import { alternatives, combine, scaled, type Variant } from './variants.js';

const NAMES = readingTable(`
  AUNG=アウン KYAW=チョー/チョ MYINT=ミン/ミント HTET=テッ/テット THIN=ティン ZAW=ゾー WIN=ウィン/ウイン
  HLAING=フライン/ライン THU=トゥ/トゥー/スー MAUNG,MG=マウン SAN=サン NAING=ナイン MIN=ミン MYO=ミョー
  SOE=ソー TUN,HTUN=トゥン/トン OO,U=ウー NYEIN=ニェイン/ニェン KHIN=キン MYAT=ミャッ/ミャット
  PHYO=ピョー HNIN=ニン/フニン EI=エイ/エー THET=テッ/テット NAY=ネー/ネイ SU=スー MOE=モー WAI=ワイ
  YE=イェ/イエ PYAE=ピェ/ピエ HEIN=ヘイン HTOO=トゥー KHAING=カイン LWIN=ルウィン/ルイン MYA=ミャ
  MAY=メイ/メー THAZIN=タズィン/タジン THWE=トゥエ/トウェ ZIN=ズィン/ジン NWE=ヌエ/ヌウェ/ンウェ
  KO=コ/コー SAI=サイ PHYU=ピュー KAUNG=カウン SHWE=シュエ/シュウェ TIN=ティン LATT=ラッ/ラット
  CHIT=チッ/チット SWE=スエ/スウェ THIDA=ティダ THEINT=テイン/テイント NYI=ニー KYI=チー GYI=ジー
  DAW=ドー MA=マ/マー
`);

const INITIALS: Record<string, string> = {
  '': '',
  K: 'k',
  KH: 'k',
  G: 'g',
  NG: 'g Ng:0.6',
  S: 's',
  HS: 's',
  Z: 'z',
  NY: 'ny n:0.4',
  HNY: 'ny n:0.4',
  T: 't',
  HT: 't',
  D: 'd',
  N: 'n',
  P: 'p',
  PH: 'p f:0.3',
  B: 'b',
  M: 'm',
  Y: 'y',
  R: 'y r:0.6',
  L: 'r',
  W: 'w',
  TH: 't s:0.4',
  H: 'h',
  SH: 'sh',
  KY: 'ch ky:0.4',
  GY: 'j gy:0.4',
  CH: 'ch',
  HL: 'fur r:0.9',
  HM: 'm fum:0.6',
  HN: 'n fun:0.6',
  PY: 'py',
  BY: 'by',
  MY: 'my',
  J: 'j',
};

const RHYMES: Record<string, string> = {
  A: 'a',
  AR: 'a-',
  AH: 'a-',
  AW: 'o-',
  AY: 'e- ei:0.8',
  AE: 'e ei:0.6 ae:0.4',
  E: 'e',
  EI: 'ei',
  AI: 'ai',
  AING: 'aiN aiNgu:0.3',
  AIN: 'aiN',
  AIK: 'aiQ aiQku:0.5',
  AUNG: 'auN aoN:0.4 auNgu:0.3',
  AUK: 'auQ auQku:0.6',
  AN: 'aN',
  ANN: 'aN',
  ANT: 'aN aNto:0.6',
  AM: 'aN amu:0.5',
  AT: 'aQ aQto:0.8',
  ATT: 'aQ aQto:0.8',
  AK: 'aQ aQku:0.6',
  EIN: 'eiN',
  EINT: 'eiN eiNto:0.5',
  EIK: 'eiQ',
  ET: 'eQ eQto:0.8',
  ETT: 'eQ eQto:0.8',
  I: 'i-',
  EE: 'i-',
  IN: 'iN',
  INN: 'iN',
  INT: 'iN iNto:0.7',
  IT: 'iQ iQto:0.8',
  ITT: 'iQ iQto:0.8',
  O: 'o-',
  OH: 'o-',
  OE: 'o-',
  OO: 'u- o-:0.4',
  U: 'u',
  ON: 'oN',
  ONE: 'oN',
  OKE: 'oQ oQku:0.6',
  UN: 'uN',
  UNN: 'uN',
  UT: 'uQ uQto:0.6',
  WE: 'ue we:0.8',
  WAY: 'ue we:0.8',
  WIN: 'uiN',
  WAI: 'wai',
  WA: 'wa',
  WAR: 'wa-',
};

const INITIAL_SPELLINGS = new Map(Object.entries(INITIALS).map(([letters, s]) => [letters, alternatives(s)]));
const RHYME_SPELLINGS = new Map(Object.entries(RHYMES).map(([letters, s]) => [letters, alternatives(s)]));
const INITIAL_LETTERS = Object.keys(INITIALS).sort((a, b) => b.length - a.length);
const NO_ONSET: Variant[] = [['', 1]];
const RHYME_LETTERS = Object.keys(RHYMES).sort((a, b) => b.length - a.length);

// Fewest syllables first; among as many, fewest syllables without an initial after the first
// (YADANAR is YA DA NAR, not YA DAN AR).
const vowelStarts = (parse: Array<[string, string]>) => parse.filter(([initial], i) => i > 0 && initial === '').length;

// Every syllable by its spelling: KYAW → KY + AW.
const SYLLABLES = new SyllableInventory<[string, string]>();
for (const initial of INITIAL_LETTERS)
  for (const rhyme of RHYME_LETTERS) SYLLABLES.add(initial + rhyme, [initial, rhyme]);

/** Splits into syllables, likeliest first; each syllable as [initial, rhyme]. */
function syllables(word: string, limit = 4): Array<Array<[string, string]>> {
  const lengthOf = ([initial, rhyme]: [string, string]) => initial.length + rhyme.length;
  return splitIntoSyllables(word, (from) => SYLLABLES.at(word, from), lengthOf, limit, 16).sort(
    (a, b) => a.length - b.length || vowelStarts(a) - vowelStarts(b),
  );
}

function ruleReadings(word: string): Variant[] {
  const parses = syllables(word);
  if (parses.length === 0) return [];
  const pieces = parses[0].flatMap(([initial, rhyme]) => {
    const onset = INITIAL_SPELLINGS.get(initial) ?? [];
    return [onset.length > 0 ? onset : NO_ONSET, RHYME_SPELLINGS.get(rhyme) ?? []];
  });
  return katakanaOf(combine(pieces));
}

/** Katakana readings of a Myanmar name word; [] when it does not split into syllables. */
export function readMyanmar(word: string): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = ruleReadings(word);
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
