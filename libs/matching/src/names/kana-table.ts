// Katakana spellings of morae with their Hepburn romaji (for display) and their phonetic key
// fragment (for comparison). Only the key folds: it is Kunrei-style (シ si, チ ti, ツ tu, ジ zi)
// so that spellings of one foreign sound share letters and neighbouring sounds differ by one
// letter, which suits an edit-distance comparison. The folds are explained in phonetic-key.ts.

// `kana=hepburn` or `kana=hepburn/key` when the key differs from the Hepburn spelling.
const SINGLE = `
  ア=a イ=i ウ=u エ=e オ=o ァ=a ィ=i ゥ=u ェ=e ォ=o
  カ=ka キ=ki ク=ku ケ=ke コ=ko ガ=ga ギ=gi グ=gu ゲ=ge ゴ=go
  サ=sa シ=shi/si ス=su セ=se ソ=so ザ=za ジ=ji/zi ズ=zu ゼ=ze ゾ=zo
  タ=ta チ=chi/ti ツ=tsu/tu テ=te ト=to ダ=da ヂ=ji/zi ヅ=zu デ=de ド=do
  ナ=na ニ=ni ヌ=nu ネ=ne ノ=no ハ=ha ヒ=hi フ=fu ヘ=he ホ=ho
  バ=ba ビ=bi ブ=bu ベ=be ボ=bo パ=pa ピ=pi プ=pu ペ=pe ポ=po
  マ=ma ミ=mi ム=mu メ=me モ=mo ヤ=ya ユ=yu ヨ=yo ャ=ya ュ=yu ョ=yo
  ラ=ra リ=ri ル=ru レ=re ロ=ro ワ=wa/ua ヮ=wa/ua ヰ=i ヱ=e ヲ=o ン=n
  ヴ=vu/bu ヷ=va/ba ヸ=vi/bi ヹ=ve/be ヺ=vo/bo ヵ=ka ヶ=ke
`;

const COMBINED = `
  キャ=kya キュ=kyu キョ=kyo キェ=kye ギャ=gya ギュ=gyu ギョ=gyo ギェ=gye
  シャ=sha/sya シュ=shu/syu ショ=sho/syo シェ=she/sye ジャ=ja/zya ジュ=ju/zyu ジョ=jo/zyo ジェ=je/zye
  チャ=cha/tya チュ=chu/tyu チョ=cho/tyo チェ=che/tye ヂャ=ja/zya ヂュ=ju/zyu ヂョ=jo/zyo ヂェ=je/zye
  ニャ=nya ニュ=nyu ニョ=nyo ニェ=nye ヒャ=hya ヒュ=hyu ヒョ=hyo ヒェ=hye
  ビャ=bya ビュ=byu ビョ=byo ビェ=bye ピャ=pya ピュ=pyu ピョ=pyo ピェ=pye
  ミャ=mya ミュ=myu ミョ=myo ミェ=mye リャ=rya リュ=ryu リョ=ryo リェ=rye
  ティ=ti テュ=tyu トゥ=tu ディ=di/zi デュ=dyu/zyu ドゥ=du スィ=si ズィ=zi
  ツァ=tsa ツィ=tsi ツェ=tse ツォ=tso ファ=fa フィ=fi フェ=fe フォ=fo フュ=fyu
  ウァ=wa/ua ウィ=wi/ui ウェ=we/ue ウォ=wo/uo
  ヴァ=va/ba ヴィ=vi/bi ヴェ=ve/be ヴォ=vo/bo ヴュ=vyu/byu
  クァ=kwa/kua クィ=kwi/kui クェ=kwe/kue クォ=kwo/kuo クヮ=kwa/kua
  グァ=gwa/gua グィ=gwi/gui グェ=gwe/gue グォ=gwo/guo グヮ=gwa/gua
  イェ=ye/ie
`;

/** One before ァ, so that a katakana's index is `code - KANA_BASE`. */
const KANA_BASE = 0x30a0;
const KANA_SPAN = 0x60;
/** The small kana that form one mora with the kana before them. */
const COMBINERS = 'ァィゥェォャュョヮ';

export const SOKUON = 0x30c3; // ッ
export const CHOON = 0x30fc; // ー

export interface MoraTable {
  readonly single: readonly string[];
  readonly combined: ReadonlyArray<string | undefined>;
}

function entries(source: string): Array<[kana: string, hepburn: string, key: string]> {
  return source
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [kana, romaji] = entry.split('=');
      const [hepburn, key = hepburn] = romaji.split('/');
      return [kana, hepburn, key];
    });
}

function buildTable(column: 1 | 2): MoraTable {
  const single = new Array<string>(KANA_SPAN).fill('');
  const combined = new Array<string | undefined>(KANA_SPAN * COMBINERS.length);
  for (const entry of entries(SINGLE)) single[entry[0].charCodeAt(0) - KANA_BASE] = entry[column];
  for (const entry of entries(COMBINED)) {
    combined[(entry[0].charCodeAt(0) - KANA_BASE) * COMBINERS.length + COMBINERS.indexOf(entry[0][1])] = entry[column];
  }
  return { single, combined };
}

const combinerIndex = new Int8Array(KANA_SPAN).fill(-1);
for (let i = 0; i < COMBINERS.length; i++) combinerIndex[COMBINERS.charCodeAt(i) - KANA_BASE] = i;

export const KEY_TABLE = buildTable(2);
export const HEPBURN_TABLE = buildTable(1);

/** ァ..ヺ: the katakana letters (not ・, ー or the iteration marks). */
export function isKatakanaLetter(code: number): boolean {
  return code >= 0x30a1 && code <= 0x30fa;
}

/** The entry of the two-character mora at `text[i]` (e.g. ティ), or undefined when there is none. */
export function combinedAt(text: string, i: number, table: MoraTable): string | undefined {
  const small = text.charCodeAt(i + 1) - KANA_BASE;
  if (small <= 0 || small >= KANA_SPAN || combinerIndex[small] < 0) return undefined;
  return table.combined[(text.charCodeAt(i) - KANA_BASE) * COMBINERS.length + combinerIndex[small]];
}

/** The entry of the single katakana letter `code` ('' for ッ). */
export function singleOf(code: number, table: MoraTable): string {
  return table.single[code - KANA_BASE];
}
