// The language modules describe a reading as a Japanese-friendly romaji spelling and this module
// writes it in katakana, so that each of them only decides sounds, not kana. Notation:
// - syllables are an onset (k, sh, ch, ts, ky, kw, f, v, w, y, ...) and a vowel a i u e o;
//   ti ティ, tu トゥ, di ディ, du ドゥ, si シ, zi ジ, hu フ, wi ウィ, ye イェ;
// - a consonant without a vowel gets the vowel Japanese adds (k ク, t ト, d ド, sh シュ, ch チ, j ジ);
// - n without a vowel is ン, m before b/p/m is ン, a doubled k/t/p/s/... is ッ (tt ット, tch ッチ);
// - `N` is always ン (before a vowel: ン+ア), `Q` is ッ, `-` is ー.

const VOWEL_INDEX: Record<string, number> = { a: 0, i: 1, u: 2, e: 3, o: 4 };

const ROWS: Record<string, string> = {
  '': 'ア イ ウ エ オ',
  k: 'カ キ ク ケ コ',
  g: 'ガ ギ グ ゲ ゴ',
  s: 'サ シ ス セ ソ',
  z: 'ザ ジ ズ ゼ ゾ',
  t: 'タ ティ トゥ テ ト',
  d: 'ダ ディ ドゥ デ ド',
  n: 'ナ ニ ヌ ネ ノ',
  h: 'ハ ヒ フ ヘ ホ',
  b: 'バ ビ ブ ベ ボ',
  p: 'パ ピ プ ペ ポ',
  m: 'マ ミ ム メ モ',
  y: 'ヤ イ ユ イェ ヨ',
  r: 'ラ リ ル レ ロ',
  l: 'ラ リ ル レ ロ',
  w: 'ワ ウィ ウ ウェ ウォ',
  f: 'ファ フィ フ フェ フォ',
  v: 'ヴァ ヴィ ヴ ヴェ ヴォ',
  sh: 'シャ シ シュ シェ ショ',
  sy: 'シャ シ シュ シェ ショ',
  ch: 'チャ チ チュ チェ チョ',
  j: 'ジャ ジ ジュ ジェ ジョ',
  zy: 'ジャ ジ ジュ ジェ ジョ',
  ts: 'ツァ ツィ ツ ツェ ツォ',
  ky: 'キャ キ キュ キェ キョ',
  gy: 'ギャ ギ ギュ ギェ ギョ',
  ny: 'ニャ ニ ニュ ニェ ニョ',
  hy: 'ヒャ ヒ ヒュ ヒェ ヒョ',
  by: 'ビャ ビ ビュ ビェ ビョ',
  py: 'ピャ ピ ピュ ピェ ピョ',
  my: 'ミャ ミ ミュ ミェ ミョ',
  ry: 'リャ リ リュ リェ リョ',
  ly: 'リャ リ リュ リェ リョ',
  ty: 'チャ ティ テュ チェ チョ',
  dy: 'ジャ ディ デュ ジェ ジョ',
  fy: 'フャ フィ フュ フェ フョ',
  vy: 'ヴャ ヴィ ヴュ ヴェ ヴョ',
  kw: 'クァ クィ ク クェ クォ',
  gw: 'グァ グィ グ グェ グォ',
};

/** The kana a consonant is written with when no vowel follows. */
const CODA: Record<string, string> = {
  k: 'ク',
  g: 'グ',
  s: 'ス',
  z: 'ズ',
  t: 'ト',
  d: 'ド',
  n: 'ン',
  h: 'フ',
  b: 'ブ',
  p: 'プ',
  m: 'ム',
  y: 'イ',
  r: 'ル',
  l: 'ル',
  w: 'ウ',
  f: 'フ',
  v: 'ヴ',
  sh: 'シュ',
  sy: 'シュ',
  ch: 'チ',
  j: 'ジ',
  zy: 'ジ',
  ts: 'ツ',
  ky: 'キ',
  gy: 'ギ',
  ny: 'ニ',
  hy: 'ヒ',
  by: 'ビ',
  py: 'ピ',
  my: 'ミ',
  ry: 'リ',
  ly: 'リ',
  ty: 'チ',
  dy: 'ジ',
  fy: 'フ',
  vy: 'ヴ',
  kw: 'ク',
  gw: 'グ',
};

const KANA: Record<string, string> = {};
for (const [onset, row] of Object.entries(ROWS)) {
  row.split(' ').forEach((kana, vowel) => (KANA[onset + 'aiueo'[vowel]] = kana));
}

const TWO_LETTER_ONSETS = new Set(Object.keys(ROWS).filter((onset) => onset.length === 2));
const GEMINABLE = new Set(['k', 'g', 's', 'z', 't', 'd', 'b', 'p', 'f', 'j', 'ch', 'sh', 'ts']);
/** Letters that only ever stand for one consonant: doubled, they are written once. */
const SINGLE_WHEN_DOUBLED = new Set(['r', 'l', 'h', 'y', 'w', 'v']);
// Letters outside the notation that a rule may let through, read the usual way.
const STRAY: Record<string, string> = { c: 'k', q: 'k', x: 'ks' };

function onsetAt(spelling: string, i: number): string {
  const two = spelling.slice(i, i + 2);
  return TWO_LETTER_ONSETS.has(two) ? two : spelling[i];
}

/** Katakana for a spelling in the notation above: `guen` → グエン, `duQku` → ドゥック, `je-mz` → ジェームズ. */
export function spellKatakana(input: string): string {
  const spelling = /c(?!h)|[qx]/.test(input) ? input.replace(/c(?!h)|[qx]/g, (c) => STRAY[c]) : input;
  let kana = '';
  for (let i = 0; i < spelling.length;) {
    const c = spelling[i];
    if (c === '-') {
      if (kana !== '' && !kana.endsWith('ー')) kana += 'ー';
      i++;
    } else if (c === 'Q') {
      kana += 'ッ';
      i++;
    } else if (c === 'N') {
      kana += 'ン';
      i++;
    } else if (c in VOWEL_INDEX) {
      kana += KANA[c];
      i++;
    } else {
      const onset = onsetAt(spelling, i);
      if (CODA[onset] === undefined) {
        i++; // not a letter of the notation
        continue;
      }
      const after = i + onset.length;
      const vowel = spelling[after];
      if (vowel !== undefined && vowel in VOWEL_INDEX) {
        kana += KANA[onset + vowel];
        i = after + 1;
        continue;
      }
      const next = onsetAt(spelling, after);
      if (onset === 'n' || (onset === 'm' && (next === 'b' || next === 'p' || next === 'm'))) kana += 'ン';
      else if (next === onset && SINGLE_WHEN_DOUBLED.has(onset)) kana += '';
      else if (next === onset && GEMINABLE.has(onset)) kana += 'ッ';
      else if (onset === 't' && (next === 'ch' || next === 'ts')) kana += 'ッ';
      else kana += CODA[onset];
      i = after;
    }
  }
  return kana;
}

/** The katakana of weighted spellings, weights kept. */
export function katakanaOf(spellings: readonly (readonly [string, number])[]): Array<[string, number]> {
  return spellings.map(([spelling, weight]) => [spellKatakana(spelling), weight]);
}
