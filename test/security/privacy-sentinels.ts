import { randomBytes, randomInt } from 'node:crypto';

/**
 * Made-up personal data that appears nowhere else: a resident's names, katakana reading, kanji
 * name, residence-card number and address, and a staff member's e-mail and display name. A test
 * types them into the system, then looks for them where they must never be.
 */
export interface Sentinels {
  familyName: string;
  givenName: string;
  kanaFamily: string;
  kanaGiven: string;
  kanjiName: string;
  cardNumber: string;
  address: string;
  email: string;
  staffName: string;
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXY';
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
const KANJI = '秘匿梓楓椿柊榊桐樫檜';
const pick = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

export function makeSentinels(): Sentinels {
  const tag = pick(LETTERS, 8);
  return {
    familyName: `ZZPRIVACYFAMILY${tag}`,
    givenName: `ZZPRIVACYGIVEN${pick(LETTERS, 8)}`,
    kanaFamily: `ザザプライバシー${pick(KATAKANA, 6)}`,
    kanaGiven: `ヒミツ${pick(KATAKANA, 6)}`,
    kanjiName: `秘匿${pick(KANJI, 4)} 試験${pick(KANJI, 4)}`,
    // 2 letters, 8 digits, 2 letters, as on a residence card.
    cardNumber: `ZQ${String(randomInt(10_000_000, 100_000_000))}PV`,
    address: `浜松市中央区ZZPRIVACYADDR${pick(LETTERS, 8)}町1-2-3`,
    email: `zzprivacy.${randomBytes(5).toString('hex')}@demo.city`,
    staffName: `ZZPRIVACYSTAFF${pick(LETTERS, 8)}`,
  };
}

const toHiragana = (text: string) =>
  text.replace(/[\u30a1-\u30f6]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));

/** The forms each value could take on its way: as typed, a word of it, lower case, hiragana, without the e-mail's domain. */
function formsOf(sentinels: Sentinels): Array<[string, string]> {
  const forms: Array<[string, string]> = [];
  for (const [label, value] of Object.entries(sentinels) as Array<[string, string]>) {
    forms.push([label, value]);
    for (const word of value.split(/\s+/)) if (word !== value && word.length >= 5) forms.push([label, word]);
    if (label === 'email') forms.push([label, value.split('@')[0]]);
    if (label.startsWith('kana')) forms.push([label, toHiragana(value)]);
    if (label === 'address') forms.push([label, value.match(/ZZPRIVACYADDR[A-Z]+/)![0]]);
  }
  return forms;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Base64url-looking runs decoded (a cursor can carry a sort key, such as a family name). */
function decodedTokens(text: string): string[] {
  return (text.match(/[A-Za-z0-9_-]{12,}={0,2}/g) ?? []).map((token) =>
    Buffer.from(token, 'base64url').toString('utf8'),
  );
}

/**
 * Which sentinels occur in `text`, read as it is, percent-decoded (URLs), with base64url runs
 * decoded, and case-insensitively: a list of `label: where` for a readable failure.
 */
export function sentinelsIn(text: string, sentinels: Sentinels, where: string): string[] {
  const decoded = safeDecode(text);
  const haystack = [text, decoded, ...decodedTokens(decoded)].join('\n').toLowerCase();
  const found = new Set<string>();
  for (const [label, form] of formsOf(sentinels)) {
    if (haystack.includes(form.toLowerCase())) found.add(`${label} in ${where}`);
  }
  return [...found];
}
