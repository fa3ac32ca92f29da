// The letter-level half of the phonetic key: it turns Kunrei-style romaji (what kana-table.ts gives
// per mora) into the comparison key. Every rule only removes a letter or swaps it for a neighbour,
// and each checks what the output already holds, so running the fold on its own output changes
// nothing (kana.spec.ts checks this on random input).

const A = 97;
const B = 98;
const E = 101;
const F = 102;
const I = 105;
const M = 109;
const N = 110;
const O = 111;
const P = 112;
const R = 114;
const U = 117;
const Y = 121;

/** Lower case; l → r (Japanese has one liquid), v → b (as ヴ → ブ), w → u (as ワ = ウア); -1 for non-letters. */
function letter(code: number): number {
  const c = code >= 65 && code <= 90 ? code + 32 : code;
  if (c < A || c > 122) return -1;
  if (c === 108) return R;
  if (c === 118) return B;
  if (c === 119) return U;
  return c;
}

function isVowel(c: number): boolean {
  return c === A || c === I || c === U || c === E || c === O;
}

/** フア = ファ, フイ = フィ, ヴア = ヴァ: the small vowel written big. Not ブイ, which is BUI, not VI. */
function isGlideVowel(next: number, consonant: number): boolean {
  return next === A || next === E || next === O || (next === I && consonant === F);
}

/** The next letter after position `from` that is not `skip` (a run of one vowel counts as one). */
function nextLetter(text: string, from: number, skip: number): number {
  for (let j = from; j < text.length; j++) {
    const c = letter(text.charCodeAt(j));
    if (c !== -1 && c !== skip) return c;
  }
  return -1;
}

/**
 * Folds romaji into the phonetic key:
 * - a vowel repeating the one before is a long vowel and is dropped (グエーン = グエン, イイ = イ);
 * - オウ → オ and エイ → エ (not before another vowel): Japanese writes a foreign long o/e either way
 *   (ジョウ/ジョー, ケイト/ケート, デイビッド/デービッド); レイエス keeps its イ;
 * - after a consonant, i before a, e, o is the glide y (リア = リャ, シアオ = シャオ, ジエ = ジェ)
 *   and i before y is dropped (キヤ = キャ): systems without small kana write ジエ, キヤ. Not before
 *   u: シウバ/シルバ (SILVA) and ジウ/ジュ (JIWOO/JU) must stay apart;
 * - フ and ヴ/ブ before a vowel lose their u (フア = ファ, フオン = フォン, ヴアン = ヴァン): systems
 *   without small kana write the big vowel, and HUONG, HUY, HUE are written both ways anyway;
 * - m before b, p, m is n (for romaji input; katakana ン is always n).
 */
export function foldPhoneticKey(romaji: string): string {
  let out = '';
  let last = -1; // last letter written
  let previous = -1; // last letter read, written or not
  for (let i = 0; i < romaji.length; i++) {
    let c = letter(romaji.charCodeAt(i));
    if (c === -1) continue;
    const before = previous;
    previous = c;
    if (isVowel(c)) {
      if (c === before || c === last) continue;
      if (c === U && (last === F || last === B) && isGlideVowel(nextLetter(romaji, i + 1, U), last)) continue;
      if (isVowel(last)) {
        if (last === O && c === U) continue;
        if (last === E && c === I && !isVowel(nextLetter(romaji, i + 1, I))) continue;
      } else if (c === I && last !== -1) {
        const next = nextLetter(romaji, i + 1, I);
        if (next === Y) continue;
        if (next === A || next === E || next === O) c = Y;
      }
    } else if (c === M) {
      const next = nextLetter(romaji, i + 1, -1);
      if (next === B || next === P || next === M) c = N;
    }
    out += String.fromCharCode(c);
    last = c;
  }
  return out;
}
