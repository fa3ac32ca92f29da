// Vietnamese: every word of a name is one syllable (initial consonant + rhyme). Japanese renderings
// follow the northern pronunciation (D and GI as z, TR as ch, final NH as イン) with spelling-based
// variants beside them (D as d, TR as トr). On the residence card Đ is D, so D gets both sounds.
import { katakanaOf } from './spell-katakana.js';
import { readingTable, tableReadings } from './reading-table.js';
import { splitIntoSyllables, SyllableInventory } from './syllable-split.js';
import { alternatives, combine, scaled, type Variant } from './variants.js';

// Conventional renderings where the rules below fall short or miss a common variant.
const NAMES = readingTable(`
  NGUYEN=グエン/グェン/ウィン/ングエン TRAN=チャン/トラン LE=レ/レー PHAM=ファム/ファン
  HOANG=ホアン/ホワン/ホアング HUYNH=フイン/フィン/ホイン VU=ヴ/ブー VO=ヴォ/ボー DANG=ダン/ダング/ザン
  DO=ド/ドー HO=ホー NGO=ゴ/ンゴ DUONG=ズオン/ユオン/ドゥオン/ズン DINH=ディン/ジン TRINH=チン/トリン
  TRUONG=チュオン/トゥルオン/チュン/チュオング DOAN=ドアン/ドゥアン/ゾアン DAO=ダオ/ザオ LUU=ルー/リュー/ルウ
  DUC=ドゥック/ドゥク/ドック/ドク/ドゥッ THI=ティ/チ VAN=ヴァン/ワン ANH=アイン/アン THANH=タイン/タン
  KHANH=カイン/カン HUY=フイ/フィ HUONG=フオン/フォン/フーン PHUONG=フオン/フォン/フーン
  TUAN=トゥアン/トアン/トゥン VIET=ヴィエット/ベト/ヴィエッ/ビエト NAM=ナム/ナン HIEU=ヒエウ/ヒュー/ヒエウ
  DUNG=ズン/ユン/ドゥン GIANG=ザン/ジャン/ヤン/ジアン QUANG=クアン/クワン LUONG=ルオン/ルオング/ルーン
  CUONG=クオン/クーン/クオング THUY=トゥイ/ツイ/トゥイー/ティー NGOC=ゴック/ゴク/ンゴック
`);

// Rhyme (letters after the initial) → spellings. Final C/CH/T/P are often written with ッ.
const RHYMES = new Map<string, Variant[]>(
  Object.entries({
    A: 'a',
    AC: 'aQku aku:0.6 aQ:0.4',
    ACH: 'aQku aiQku:0.8 aiku:0.5',
    AI: 'ai',
    AM: 'amu',
    AN: 'aN',
    ANG: 'aN aNgu:0.3',
    ANH: 'aiN aN:0.8',
    AO: 'ao',
    AP: 'aQpu apu:0.6',
    AT: 'aQto aQ:0.6 ato:0.5',
    AU: 'au',
    AY: 'ai ei:0.4',
    E: 'e',
    ECH: 'eQku eiQku:0.5',
    EM: 'emu',
    EN: 'eN',
    ENH: 'eN eiN:0.6',
    EO: 'eo',
    EP: 'eQpu',
    ET: 'eQto eQ:0.6',
    EU: 'eu',
    I: 'i',
    IA: 'ia',
    ICH: 'iQku iku:0.6',
    IEM: 'iemu',
    IEN: 'ieN iN:0.4',
    IENG: 'ieN',
    IEP: 'ieQpu',
    IET: 'ieQto ieQ:0.6',
    IEU: 'ieu yu-:0.6',
    IM: 'imu',
    IN: 'iN',
    INH: 'iN',
    IP: 'iQpu',
    IT: 'iQto iQ:0.6',
    IU: 'iu yu-:0.6',
    O: 'o',
    OA: 'oa wa:0.4',
    OAC: 'oaQku',
    OACH: 'oaiQku oaQku:0.7',
    OAI: 'oai wai:0.4',
    OAN: 'oaN waN:0.4',
    OANG: 'oaN waN:0.4',
    OANH: 'oaiN oaN:0.8',
    OAT: 'oaQto oaQ:0.6',
    OAY: 'oai',
    OC: 'oQku oku:0.7 oQ:0.4',
    OE: 'oe we:0.4',
    OI: 'oi',
    OM: 'omu',
    ON: 'oN',
    ONG: 'oN oNgu:0.3',
    OONG: 'oN',
    OP: 'oQpu',
    OT: 'oQto oQ:0.6',
    U: 'u',
    UA: 'ua uo:0.4',
    UAN: 'uaN oaN:0.4',
    UANG: 'uaN',
    UAT: 'uaQto',
    UAY: 'uai',
    UC: 'uQku uku:0.7 oQku:0.4',
    UE: 'ue',
    UI: 'ui',
    UM: 'umu',
    UN: 'uN',
    UNG: 'uN uNgu:0.3 oN:0.3',
    UOC: 'uoQku',
    UOI: 'uoi',
    UOM: 'uomu',
    UON: 'uoN',
    UONG: 'uoN oN:0.5 u-N:0.4 uoNgu:0.3',
    UOT: 'uoQto',
    UP: 'uQpu',
    UT: 'uQto uQ:0.6',
    UU: 'u- yu-:0.6',
    UY: 'ui i:0.4',
    UYA: 'uia',
    UYEN: 'ueN uieN:0.6 uiN:0.3',
    UYET: 'ueQto uieQto:0.5',
    UYNH: 'uiN iN:0.5',
    UYT: 'uiQto',
    Y: 'i',
    YEN: 'ieN eN:0.6',
    YET: 'ieQto',
    YEU: 'ieu',
    YNH: 'iN',
    YT: 'iQto',
  }).map(([rhyme, spellings]) => [rhyme, alternatives(spellings)]),
);

// Initial → spellings. D depends on the vowel: Đ (d) is the more common before A/O/E.
const INITIALS: Record<string, string> = {
  '': '',
  B: 'b',
  C: 'k',
  K: 'k',
  CH: 'ch',
  G: 'g',
  GH: 'g',
  GI: 'z j:0.8 y:0.5',
  H: 'h',
  KH: 'k h:0.5',
  L: 'r',
  M: 'm',
  N: 'n',
  NG: 'g Ng:0.4',
  NGH: 'g Ng:0.4',
  NH: 'ny n:0.3',
  P: 'p',
  PH: 'f',
  QU: 'ku kuw:0.6',
  R: 'r z:0.5',
  S: 's sh:0.4',
  T: 't',
  TH: 't',
  TR: 'ch tr:0.6 tur:0.4',
  V: 'v',
  X: 's sh:0.3',
};
const D_BEFORE_FRONT = alternatives('z d:0.8 y:0.4');
const D_BEFORE_U = alternatives('z d:0.8 y:0.5');
const D_ELSEWHERE = alternatives('d z:0.5 y:0.3');
const INITIAL_SPELLINGS = new Map(
  Object.entries(INITIALS).map(([initial, spelling]) => [initial, alternatives(spelling)]),
);
const INITIALS_LONGEST_FIRST = [...Object.keys(INITIALS), 'D'].sort((a, b) => b.length - a.length);

interface Syllable {
  initial: string;
  rhyme: string;
}

function initialSpellings({ initial, rhyme }: Syllable): Variant[] {
  if (initial === 'D') return 'IY'.includes(rhyme[0]) ? D_BEFORE_FRONT : rhyme[0] === 'U' ? D_BEFORE_U : D_ELSEWHERE;
  const spellings = INITIAL_SPELLINGS.get(initial) ?? [];
  return spellings.length === 0 ? [['', 1]] : spellings;
}

// Every syllable by its spelling: NGUYEN → NG + UYEN. GI is an initial only before another
// vowel (GIANG); GIN is G + IN.
const SYLLABLES = new SyllableInventory<Syllable>();
for (const initial of INITIALS_LONGEST_FIRST) {
  for (const rhyme of RHYMES.keys()) {
    if (initial !== 'GI' || 'AEOUY'.includes(rhyme[0])) SYLLABLES.add(initial + rhyme, { initial, rhyme });
  }
}

/** The ways `word` splits into Vietnamese syllables, fewest syllables first. */
function syllables(word: string, limit = 3): Syllable[][] {
  const lengthOf = (s: Syllable) => s.initial.length + s.rhyme.length;
  return splitIntoSyllables(word, (from) => SYLLABLES.at(word, from), lengthOf, limit).sort(
    (a, b) => a.length - b.length,
  );
}

/** Whether the word is one Vietnamese syllable (used to guess when the nationality is unknown). */
export function isVietnameseSyllable(word: string): boolean {
  return syllables(word, 1).length > 0;
}

function ruleReadings(word: string): Variant[] {
  const parses = syllables(word);
  if (parses.length === 0) return [];
  const fewest = parses[0].length;
  return parses
    .filter((parse) => parse.length === fewest)
    .slice(0, 2)
    .flatMap((parse, i) =>
      scaled(
        katakanaOf(combine(parse.flatMap((s) => [initialSpellings(s), RHYMES.get(s.rhyme) ?? []]))),
        i === 0 ? 1 : 0.5,
      ),
    );
}

/** Katakana readings of a Vietnamese name word; [] when it is not Vietnamese syllables. */
export function readVietnamese(word: string): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = ruleReadings(word);
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
