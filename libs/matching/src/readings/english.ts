// English, and the fallback for names of any other origin. English spelling is too irregular for
// rules alone, so frequent names are listed; the rules cover the regular patterns (magic e, long
// vowel digraphs, -ER as アー, doubled consonants as ッ) and produce a plain letter reading besides.
import {
  afterConsonant,
  afterVowel,
  atEnd,
  atStart,
  before,
  beforeConsonant,
  beforeVowel,
  betweenVowels,
  both,
  either,
  isVowelLetter,
  Orthography,
  rule,
  type Context,
} from './orthography.js';
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { scaled, type Variant } from './variants.js';

const NAMES = readingTable(`
  JOHN=ジョン JAMES=ジェームズ/ジェームス/ジェイムズ/ハメス MICHAEL=マイケル/ミカエル/ミッシェル
  DAVID=デビッド/デイビッド/デヴィッド/ダビド ROBERT=ロバート WILLIAM=ウィリアム RICHARD=リチャード
  JOSEPH=ジョセフ THOMAS=トーマス/トマス CHARLES=チャールズ CHRISTOPHER=クリストファー DANIEL=ダニエル
  MATTHEW=マシュー MARK=マーク PAUL=ポール STEVEN,STEPHEN=スティーブン ANDREW=アンドリュー KEVIN=ケビン
  BRIAN,BRYAN=ブライアン GEORGE=ジョージ EDWARD=エドワード RYAN=ライアン JASON,JAYSON=ジェイソン
  JUSTIN=ジャスティン ERIC=エリック ADAM=アダム PETER=ピーター HENRY=ヘンリー JACK=ジャック
  ANTHONY=アンソニー JOSHUA=ジョシュア KENNETH=ケネス RONALD=ロナルド GARY=ゲーリー/ゲイリー
  JEFFREY=ジェフリー FRANK=フランク SCOTT=スコット BENJAMIN=ベンジャミン SAMUEL=サミュエル
  PATRICK=パトリック ALEXANDER=アレクサンダー/アレキサンダー JONATHAN=ジョナサン NICHOLAS=ニコラス
  CHRISTIAN=クリスチャン/クリスティアン JOEL=ジョエル JOY=ジョイ MARY=メアリー/マリー/メリー
  JENNIFER=ジェニファー LINDA=リンダ ELIZABETH=エリザベス SARAH,SARA=サラ JESSICA=ジェシカ KAREN=カレン
  NANCY=ナンシー LISA=リサ MARGARET=マーガレット BETTY=ベティ SANDRA=サンドラ ASHLEY=アシュリー
  EMILY=エミリー MICHELLE=ミシェル AMANDA=アマンダ MELISSA=メリッサ STEPHANIE=ステファニー
  REBECCA=レベッカ LAURA=ローラ AMY=エイミー ANGELA=アンジェラ HELEN=ヘレン ANNA=アンナ/アナ
  GRACE=グレース/グレイス ROSE=ローズ ANGEL=エンジェル/アンヘル CHRISTINE,KRISTINE=クリスティン
  KATHERINE,CATHERINE=キャサリン JANE=ジェーン JULIE=ジュリー APRIL=エイプリル MAY=メイ JUNE=ジューン
  JEAN=ジーン/ジャン ANN,ANNE=アン LYN,LYNN=リン JOCELYN=ジョセリン ROWENA=ロウェナ JUNIOR=ジュニア
  JOHNSON=ジョンソン WILLIAMS=ウィリアムズ BROWN=ブラウン JONES=ジョーンズ MILLER=ミラー
  DAVIS=デイビス/デービス WILSON=ウィルソン ANDERSON=アンダーソン TAYLOR=テイラー MOORE=ムーア
  JACKSON=ジャクソン WHITE=ホワイト HARRIS=ハリス MARTIN=マーティン/マルティン THOMPSON=トンプソン
  YOUNG=ヤング KING=キング WRIGHT=ライト GREEN=グリーン BAKER=ベーカー/ベイカー ADAMS=アダムズ
  HILL=ヒル CLARK=クラーク LEWIS=ルイス WALKER=ウォーカー HALL=ホール ALLEN=アレン SMITH=スミス
  EVANS=エバンズ/エヴァンス ROBINSON=ロビンソン NELSON=ネルソン CAMPBELL=キャンベル MITCHELL=ミッチェル
  ROBERTS=ロバーツ CARTER=カーター PHILLIPS,PHILIPS=フィリップス TURNER=ターナー PARKER=パーカー
  COLLINS=コリンズ EDWARDS=エドワーズ STEWART,STUART=スチュワート MORRIS=モリス MURPHY=マーフィー
  COOK=クック ROGERS=ロジャーズ MORGAN=モーガン COOPER=クーパー PETERSON=ピーターソン
  VAN=ヴァン/ファン VON=フォン MC=マック MAC=マック O=オ
`);

const VOWEL_THEN_E: Context = (word, _, end) =>
  !isVowelLetter(word[end]) &&
  word[end] !== undefined &&
  word[end + 1] === 'E' &&
  (end + 2 === word.length || (end + 3 === word.length && 'SD'.includes(word[end + 2])));

// U before two consonants is mostly the short ア (DUNCAN ダンカン, JUSTIN ジャスティン).
const BEFORE_TWO_CONSONANTS: Context = (word, _, end) =>
  end + 1 < word.length && !isVowelLetter(word[end]) && !isVowelLetter(word[end + 1]);

const SHORT_VOWEL_BEFORE: Context = (word, start) => isVowelLetter(word[start - 1]) && !isVowelLetter(word[start - 2]);

const RULES = new Orthography([
  rule('TION', 'shoN'),
  rule('SION', 'joN shoN:0.7'),
  rule('IGH', 'ai'),
  rule('TCH', 'Qch'),
  rule('SCH', 'sh'),
  rule('CHR', 'kur'),
  rule('PH', 'f'),
  rule('TH', 's t:0.6'),
  rule('SH', 'sh'),
  rule('CH', 'ch k:0.3'),
  rule('CK', 'Qk k:0.6'),
  rule('GH', 'g', atStart),
  rule('GH', '_'),
  rule('WH', 'w'),
  rule('WR', 'r', atStart),
  rule('KN', 'n', atStart),
  rule('QU', 'kw'),
  rule('DG', 'j'),
  rule('TT', 'Qt'),
  rule('PP', 'Qp'),
  rule('DD', 'Qd d:0.6'),
  rule('X', 'z', atStart),
  rule('X', 'ks'),
  rule('C', 's', before('EIY')),
  rule('C', 'k'),
  rule('G', 'j g:0.6', before('EIY')),
  rule('Y', 'y', both(atStart, beforeVowel)),
  rule('Y', 'i-', atEnd),
  rule('Y', 'ai i:0.8', afterConsonant),
  rule('ES', 'zu su:0.8 esu:0.6', both(atEnd, afterConsonant)),
  rule('S', 'su zu:0.6', atEnd),
  rule('V', 'fu bu:0.6', atEnd), // IVANOV イバノフ
  rule('S', 's z:0.7', betweenVowels),
  rule('H', '', both(atEnd, afterVowel)),
  rule('T', 'Qto to:0.6', both(atEnd, SHORT_VOWEL_BEFORE)),
  rule('K', 'Qku ku:0.6', both(atEnd, SHORT_VOWEL_BEFORE)),
  rule('E', '', both(atEnd, afterConsonant)),
  rule('LE', 'ru', both(atEnd, afterConsonant)),
  rule('EE', 'i-'),
  rule('EA', 'i- e:0.5'),
  rule('OO', 'u-'),
  rule('OA', 'o-'),
  rule('AI', 'ei'),
  rule('AY', 'ei'),
  rule('EI', 'ei ai:0.4'),
  rule('EY', 'i- ei:0.6', atEnd),
  rule('IE', 'i-', atEnd),
  rule('OU', 'au u-:0.5'),
  rule('OW', 'ou au:0.6'),
  rule('AU', 'o-'),
  rule('AW', 'o-'),
  rule('EW', 'yu- u-:0.6'),
  rule('OI', 'oi'),
  rule('OY', 'oi'),
  rule('UE', 'u-', atEnd),
  rule('AR', 'a-', either(atEnd, beforeConsonant)),
  rule('OR', 'o-', either(atEnd, beforeConsonant)),
  rule('ER', 'a-', either(atEnd, beforeConsonant)),
  rule('IR', 'a-', beforeConsonant),
  rule('UR', 'a-', beforeConsonant),
  rule('A', 'ei a:0.7', VOWEL_THEN_E),
  rule('I', 'ai i:0.6', VOWEL_THEN_E),
  rule('O', 'o-', VOWEL_THEN_E),
  rule('U', 'u- yu-:0.7', VOWEL_THEN_E),
  rule('E', 'i- e:0.7', VOWEL_THEN_E),
  rule('U', 'a u:0.8', BEFORE_TWO_CONSONANTS), // DUNCAN, JUSTIN
]);

// A letter-by-letter reading (the way Japanese reads Latin spellings it does not know):
// the safety net for names of languages without a reader of their own.
const LETTERS = new Orthography([
  rule('CH', 'ch'),
  rule('SH', 'sh'),
  rule('PH', 'f'),
  rule('TH', 't'),
  rule('QU', 'k'),
  rule('C', 's', before('EI')),
  rule('C', 'k'),
  rule('J', 'j'),
  rule('X', 'ks'),
  rule('Y', 'y', beforeVowel),
  rule('Y', 'i'),
]);

/** Katakana readings of an English name word. */
export function readEnglish(word: string): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = katakanaOf(RULES.spell(word));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.5)] : rules;
}

/** The word read letter by letter with Latin vowel values (MAMANI ママニ, OKONKWO オコンクウォ). */
export function readLetters(word: string): Variant[] {
  return katakanaOf(LETTERS.spell(word, 4));
}
