// Korean: words are romanized syllables (Revised Romanization, McCune-Reischauer or passport
// spellings: JEONG/JUNG/CHUNG, SEO/SUH, YOON/YUN). A given name may come as one word (MINJUN).
// Katakana follows the Korean sound (キム, パク, チョン), word-initial G/D/B/J often voiceless;
// long-settled families are often written with the Japanese reading of the hanja (キン, ボク, テイ).
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { splitIntoSyllables } from './syllable-split.js';
import { alternatives, combine, scaled, type Variant } from './variants.js';

const SURNAMES = readingTable(`
  KIM=キム/キン LEE=イ/リ/リー YI=イ/リ RHEE=イ/リ RI=リ/イ PARK=パク/ボク/バク PAK,BAK=パク/ボク/バク
  CHOI=チェ/チョイ/サイ CHOE=チェ/サイ JUNG,JEONG=チョン/ジョン/テイ/チュン CHUNG=チョン/チュン/テイ
  KANG=カン/キョウ GANG=カン/ガン CHO=チョ/チョウ/ジョ JO=チョ/ジョ/チョウ YOON,YUN=ユン/イン
  JANG=チャン/ジャン/チョウ CHANG=チャン/チョウ LIM=イム/リム/リン IM=イム/リン HAN=ハン/カン OH=オ/ゴ
  SEO,SUH=ソ/ジョ SHIN,SIN=シン KWON=クォン/ケン HWANG=ファン/コウ AHN,AN=アン SONG=ソン/ソウ
  YOO,YU=ユ/リュウ RYU=リュ/ユ/リュウ HONG=ホン/コウ JEON=チョン/ジョン/ゼン/デン JUN=チョン/ジュン/ゼン
  CHUN=チョン/チュン/ゼン KO,GO,KOH=コ/コウ MOON,MUN=ムン/ブン/モン YANG=ヤン/リョウ SON,SOHN=ソン
  BAE=ペ/ベ/ハイ BAEK,PAIK,BAIK=ペク/ベク/ハク HEO,HUH=ホ/キョ NAM=ナム/ナン SHIM,SIM=シム/シン/チン
  NOH,ROH=ノ/ロ HA=ハ/カ KWAK=クァク/カク SUNG,SEONG=ソン/セイ CHA=チャ/シャ JOO,JU,CHOO=チュ/ジュ/シュ
  WOO=ウ KOO,GU=ク/グ MIN=ミン/ビン NA=ナ/ラ RA=ラ/ナ JIN=チン/ジン JI=チ/ジ UM,EOM=オム/ゲン
  CHAE=チェ/サイ WON=ウォン/ゲン BANG=パン/バン/ホウ GONG=コン/コウ HYUN=ヒョン/ゲン YEO=ヨ/リョ
  PYO=ピョ/ヒョウ MYUNG=ミョン/メイ KIL,GIL=キル YEOM=ヨム/エン BYUN,BYEON=ピョン/ビョン/ヘン
  SEOK=ソク/セキ OK=オク TAK=タク DO=ト/ド
`);

interface Part {
  letters: string;
  spellings: Variant[];
}
const parts = (source: Record<string, string>): Part[] =>
  Object.entries(source)
    .map(([letters, spellings]) => ({ letters, spellings: alternatives(spellings) }))
    .sort((a, b) => b.letters.length - a.letters.length);

// [word-initial, medial] spellings: word-initial plain consonants sound voiceless (김 キム, 박 パク).
const INITIALS: Record<string, readonly [string, string]> = {
  '': ['', ''],
  G: ['k g:0.8', 'g k:0.5'],
  K: ['k g:0.5', 'g k:0.7'],
  KK: ['k', 'k'],
  GG: ['k', 'k'],
  N: ['n', 'n'],
  D: ['d t:0.7', 'd t:0.5'],
  T: ['t d:0.4', 't'],
  TT: ['t', 't'],
  DD: ['t', 't'],
  R: ['r n:0.3', 'r'],
  L: ['r n:0.3', 'r'],
  RH: ['r', 'r'],
  M: ['m', 'm'],
  B: ['b p:0.7', 'b p:0.5'],
  P: ['p b:0.5', 'p'],
  PP: ['p', 'p'],
  BB: ['p', 'p'],
  S: ['s', 's'],
  SH: ['sh', 'sh'],
  SS: ['s', 's'],
  J: ['j ch:0.8', 'j ch:0.6'],
  CH: ['ch', 'ch'],
  JJ: ['ch j:0.5', 'ch'],
  H: ['h', 'h _:0.5'],
};
const INITIAL_SPELLINGS = new Map(
  Object.entries(INITIALS).map(([letters, [first, medial]]) => [letters, [alternatives(first), alternatives(medial)]]),
);
const INITIAL_LETTERS = Object.keys(INITIALS).sort((a, b) => b.length - a.length);

// Vowel spellings; U is ㅜ in RR but ㅓ in McCune-Reischauer (SUNG 성 ソン), hence the o variants.
const VOWELS = parts({
  A: 'a',
  AE: 'e',
  YA: 'ya',
  YAE: 'ye',
  EO: 'o',
  E: 'e',
  YEO: 'yo',
  YE: 'ye e:0.8',
  O: 'o',
  OO: 'u',
  WA: 'wa a:0.5',
  WAE: 'we',
  OE: 'e we:0.6',
  OI: 'e oi:0.7 oe:0.5',
  YO: 'yo',
  U: 'u o:0.5',
  WO: 'wo',
  WOO: 'u',
  WE: 'we',
  WI: 'wi',
  YU: 'yu yo:0.5',
  YOO: 'yu',
  EU: 'u',
  UI: 'ui i:0.8',
  EUI: 'ui i:0.8',
  I: 'i',
  EE: 'i',
  YOU: 'yo',
  OH: 'o',
  AH: 'a',
  UH: 'o u:0.5',
  EOH: 'o',
});
// Before NG and L the McCune U (ㅓ) is the likelier: JUNG 정 チョン, CHUL 철 チョル, KYUNG 경 キョン;
// before N less so (JUN 준 ジュン, but CHUN 천 チョン).
const U_BEFORE: Record<string, Variant[]> = {
  NG: alternatives('o u:0.8'),
  L: alternatives('o u:0.8'),
  N: alternatives('u o:0.6'),
};
const YU_BEFORE: Record<string, Variant[]> = {
  NG: alternatives('yo yu:0.8'),
  L: alternatives('yo yu:0.8'),
  N: alternatives('yo yu:0.8'),
};

const FINALS = parts({ K: 'ku', G: 'ku', NG: 'N', N: 'N', L: 'ru', M: 'mu', P: 'pu', B: 'pu' });
// Before a vowel a final consonant may link to it: 현우 ヒョンウ or ヒョヌ.
const LINKING: Record<string, string> = { N: 'N n:0.5', M: 'mu m:0.5', L: 'ru r:0.5' };

interface Syllable {
  initial: string;
  vowel: Part;
  final: Part | null;
}

function syllablesAt(word: string, from: number): Syllable[] {
  const found: Syllable[] = [];
  for (const initial of INITIAL_LETTERS) {
    if (!word.startsWith(initial, from)) continue;
    for (const vowel of VOWELS) {
      const afterVowel = from + initial.length + vowel.letters.length;
      if (!word.startsWith(vowel.letters, from + initial.length)) continue;
      found.push({ initial, vowel, final: null });
      for (const final of FINALS) {
        if (word.startsWith(final.letters, afterVowel)) found.push({ initial, vowel, final });
      }
    }
  }
  return found;
}

const lengthOf = (s: Syllable) => s.initial.length + s.vowel.letters.length + (s.final?.letters.length ?? 0);

// Fewest syllables first; among as many, the fewest without an initial consonant: a consonant
// between vowels starts the next syllable (HANEUL is HA NEUL, not HAN EUL).
const vowelStarts = (parse: Syllable[]) => parse.filter((s, i) => i > 0 && s.initial === '').length;

/** Splits into Korean syllables, likeliest first (at most 8 parses of at most `limit` syllables). */
function koreanSyllables(word: string, limit = 4): Syllable[][] {
  return splitIntoSyllables(word, (from) => syllablesAt(word, from), lengthOf, limit).sort(
    (a, b) => a.length - b.length || vowelStarts(a) - vowelStarts(b),
  );
}

function vowelSpellings(syllable: Syllable): Variant[] {
  const { vowel, final } = syllable;
  if (final && vowel.letters === 'U' && U_BEFORE[final.letters]) return U_BEFORE[final.letters];
  if (final && vowel.letters === 'YU' && YU_BEFORE[final.letters]) return YU_BEFORE[final.letters];
  return vowel.spellings;
}

/** Spellings of one syllable; initial consonants and a following y/w glide are merged (져 = 저). */
function syllableSpellings(syllable: Syllable, position: number, next: Syllable | undefined): Variant[] {
  const [first, medial] = INITIAL_SPELLINGS.get(syllable.initial) ?? [[], []];
  const initials = position === 0 ? first : medial;
  const spellings: Variant[] = [];
  for (const [onset, onsetWeight] of initials.length > 0 ? initials : ([['', 1]] as Variant[])) {
    for (const [vowel, vowelWeight] of vowelSpellings(syllable)) {
      let spelling = onset + vowel;
      if (/^(j|ch|sh)y/.test(spelling)) spelling = spelling.replace('y', '');
      if (onset === 'h' && vowel.startsWith('w')) {
        // 황 ファン or ホァン, 화 ファ
        spellings.push(
          ['f' + vowel.slice(1), onsetWeight * vowelWeight],
          ['ho' + vowel.slice(1), onsetWeight * vowelWeight * 0.7],
        );
        continue;
      }
      spellings.push([spelling, onsetWeight * vowelWeight]);
    }
  }
  const final = syllable.final;
  if (!final) return spellings;
  const linkable = next !== undefined && next.initial === '' && LINKING[final.letters] !== undefined;
  return combine([spellings, linkable ? alternatives(LINKING[final.letters]) : final.spellings]);
}

/** ㅎ between voiced sounds is often not heard, and a final n then links: 준호 ジュンホ or ジュノ. */
function withSilentH(spellings: Variant[]): Variant[] {
  const more: Variant[] = [];
  for (const [spelling, weight] of spellings) {
    const silent = spelling.replace(/N(?=[aiueo])/g, 'n');
    if (silent !== spelling) more.push([silent, weight * 0.9]);
  }
  return [...spellings, ...more];
}

function ruleReadings(word: string): Variant[] {
  const parses = koreanSyllables(word);
  if (parses.length === 0) return [];
  const fewest = parses[0].length;
  return parses
    .filter((parse) => parse.length === fewest)
    .slice(0, 2)
    .flatMap((parse, i) => {
      const spellings = combine(parse.map((s, position) => syllableSpellings(s, position, parse[position + 1])));
      return scaled(katakanaOf(withSilentH(spellings)), i === 0 ? 1 : 0.6);
    });
}

/** Katakana readings of a Korean name word; [] when it is not Korean romanization. */
export function readKorean(word: string): Variant[] {
  const listed = tableReadings(SURNAMES, word);
  const rules = ruleReadings(word);
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}

/** Whether the word reads as at most three Korean syllables (to guess an unknown nationality). */
export function isKoreanRomanization(word: string): boolean {
  return koreanSyllables(word, 3).length > 0;
}
