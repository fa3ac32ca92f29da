import { isKanaName, kanaToRomaji, kanaTokens, normalizeKana, phoneticKey, sortedKanaKey } from './kana.js';

describe('normalizeKana', () => {
  it.each([
    ['グエン ヴァン アン', 'グエン ヴァン アン', 'already normal'],
    ['グエン　バン　アン', 'グエン バン アン', 'full-width spaces'],
    ['ｸﾞｴﾝﾊﾞﾝｱﾝ', 'グエンバンアン', 'half-width with voicing marks'],
    ['ｼﾞｪｰﾑｽﾞ･ﾎﾞﾝﾄﾞ', 'ジェームズ ボンド', 'half-width small kana, ー and middle dot'],
    ['ヴァン・アン・グエン', 'ヴァン アン グエン', 'middle dots'],
    ['ぐえん ゔぁん', 'グエン ヴァン', 'hiragana, ゔ and small kana'],
    ['ウ゛ァン', 'ヴァン', 'separate voicing mark composes ヴ'],
    ['デラ＝クルス', 'デラ クルス', 'full-width equals sign'],
    ['デラ゠クルス', 'デラ クルス', 'katakana double hyphen'],
    ['ジャン-ピエール', 'ジャン ピエール', 'hyphen separates'],
    ['マリア/ホセ', 'マリア ホセ', 'slash'],
    ['シルバ，マリア．', 'シルバ マリア', 'full-width comma and full stop'],
    ['ジョ〜ジ', 'ジョージ', 'wave dash after kana is a long mark'],
    ['ジェ―ムズ', 'ジェームズ', 'horizontal bar after kana is a long mark'],
    ['  ・グエン・  ', 'グエン', 'leading and trailing separators'],
    ['グ\u200bエン', 'グエン', 'zero-width space'],
    ['王 偉', '王 偉', 'kanji kept'],
    ['NGUYEN グエン', 'NGUYEN グエン', 'Latin kept'],
    ['ＮＧＵＹＥＮ', 'NGUYEN', 'full-width Latin to ASCII'],
    ['', '', 'empty'],
  ])('%p → %p (%s)', (input, expected) => {
    expect(normalizeKana(input)).toBe(expected);
  });
});

describe('kanaTokens', () => {
  it('splits on any separator and drops empty tokens', () => {
    expect(kanaTokens('グエン・ヴァン　アン')).toEqual(['グエン', 'ヴァン', 'アン']);
    expect(kanaTokens(' ・ ')).toEqual([]);
  });
});

describe('isKanaName', () => {
  it.each([
    ['グエン ヴァン アン', true],
    ['ｸﾞｴﾝ', true],
    ['ぐえん', true],
    ['ヴァン・アン', true],
    ['ー', false],
    ['', false],
    ['NGUYEN', false],
    ['王偉', false],
    ['グエン VAN', false],
    ['グエン2', false],
  ])('%p → %p', (input, expected) => {
    expect(isKanaName(input)).toBe(expected);
  });
});

describe('phoneticKey', () => {
  it.each([
    // one foreign sound, several spellings
    [['グエン', 'グェン', 'グウェン', 'グエーン', 'ｸﾞｴﾝ', 'ぐえん'], 'guen'],
    [['ヴァン', 'バン', 'ヴアン', 'ﾊﾞﾝ'], 'ban'],
    [['ヴ', 'ブ', 'ヴー', 'ブー'], 'bu'],
    [['レ', 'レー', 'レイ'], 're'],
    [['ティ', 'チ', 'ティー', 'チー'], 'ti'],
    [['トゥ', 'ツ', 'トゥー'], 'tu'],
    [['ディエゴ', 'ジエゴ', 'ヂエゴ'], 'zyego'],
    [['ジョウ', 'ジョー', 'ジョ'], 'zyo'],
    [['オウ', 'オー', 'オ', 'ヲ'], 'o'],
    [['ケイト', 'ケート'], 'keto'],
    [['デイビッド', 'デービッド', 'デイヴィッド'], 'debido'],
    [['テット', 'テト'], 'teto'],
    [['ウィリアム', 'ウイリアム'], 'uiryamu'],
    [['クアン', 'クワン', 'クァン'], 'kuan'],
    [['リャン', 'リアン'], 'ryan'],
    [['シャオ', 'シアオ'], 'syao'],
    [['ジェームズ', 'ジエームズ'], 'zyemuzu'],
    [['キャ', 'キヤ'], 'kya'],
    [['フオン', 'フォン', 'フォーン'], 'fon'],
    [['フイ', 'フィ'], 'fi'],
    [['シ', 'スィ'], 'si'],
    [['ジ', 'ヂ', 'ズィ'], 'zi'],
    [['ズ', 'ヅ'], 'zu'],
    [['イェ', 'イエ'], 'ie'],
  ])('%p → %p', (spellings, key) => {
    for (const spelling of spellings) expect(phoneticKey(spelling)).toBe(key);
  });

  it.each([
    ['ファン', 'ハン', 'F and H (and Spanish J) are different names'],
    ['ウィン', 'イン', 'WIN is not IN'],
    ['ブイ', 'ビ', 'BUI is not VI'],
    ['シウバ', 'シュバ', 'no glide before u: SILVA is not SHUBA'],
    ['ドゥ', 'ズ', 'DU is not ZU'],
    ['レイエス', 'レエス', 'イ before a vowel is kept'],
  ])('%p and %p stay apart (%s)', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });

  it('keys words separately and joins them', () => {
    expect(phoneticKey('グエン ヴァン アン')).toBe('guenbanan');
    expect(phoneticKey('グエン・ヴァン・アン')).toBe(
      phoneticKey('グエン') + phoneticKey('ヴァン') + phoneticKey('アン'),
    );
  });

  it('ignores what is not kana or Latin', () => {
    expect(phoneticKey('王')).toBe('');
    expect(phoneticKey('グエン2')).toBe('guen');
  });

  it('folds romaji letters the way it folds kana (l = r, v = b, w = u), adding no vowels', () => {
    expect(phoneticKey('Silva')).toBe('sirba');
    expect(phoneticKey('wan')).toBe(phoneticKey('ワン'));
    expect(phoneticKey('kampo')).toBe(phoneticKey('カンポ'));
  });
});

describe('sortedKanaKey', () => {
  it('is the same in any word order and spelling', () => {
    expect(sortedKanaKey('グエン ヴァン アン')).toBe(sortedKanaKey('ｱﾝ･ﾊﾞﾝ･ｸﾞｴﾝ'));
    expect(sortedKanaKey('グエン ヴァン アン')).toBe('an ban guen');
  });
});

describe('kanaToRomaji', () => {
  it.each([
    ['グエン ヴァン アン', 'guen van an'],
    ['ジェームズ・ボンド', 'jeemuzu bondo'],
    ['ｷｯﾁﾝ', 'kitchin'],
    ['シルヴァ', 'shiruva'],
    ['ティエン', 'tien'],
    ['チャン', 'chan'],
    ['ツ', 'tsu'],
    ['ウィリアム', 'wiriamu'],
  ])('%p → %p', (input, expected) => {
    expect(kanaToRomaji(input)).toBe(expected);
  });
});
