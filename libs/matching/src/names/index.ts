export { isKanaName, kanaToRomaji, kanaTokens, normalizeKana, phoneticKey, sortedKanaKey } from './kana.js';
export { foldPhoneticKey } from './phonetic-fold.js';
