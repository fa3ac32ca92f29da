// The language readers by name, and which of them read a name of a given nationality.
import { readChinese } from './chinese.js';
import { readEnglish, readLetters } from './english.js';
import { readIndonesian } from './indonesian.js';
import { readJapanese } from './japanese.js';
import { readKorean } from './korean.js';
import { readMyanmar } from './myanmar.js';
import { readNepali } from './nepali.js';
import { readPortuguese } from './portuguese.js';
import { readSpanish } from './spanish.js';
import { readThai } from './thai.js';
import type { Variant } from './variants.js';
import { readVietnamese } from './vietnamese.js';

export const READERS = {
  vietnamese: readVietnamese,
  chinese: (word: string) => readChinese(word, 'mainland'),
  taiwanese: (word: string) => readChinese(word, 'taiwan'),
  cantonese: (word: string) => readChinese(word, 'hong-kong'),
  korean: readKorean,
  spanish: (word: string) => readSpanish(word),
  filipino: (word: string) => readSpanish(word, true),
  portuguese: readPortuguese,
  nepali: readNepali,
  sinhala: (word: string) => readNepali(word, true),
  thai: readThai,
  indonesian: readIndonesian,
  myanmar: readMyanmar,
  english: readEnglish,
  japanese: readJapanese,
  letters: readLetters,
} satisfies Record<string, (word: string) => Variant[]>;

export type ReaderName = keyof typeof READERS;

/**
 * Readers with the weight of their readings, the nationality's own language first. A reader
 * marked `fallback` is asked only when the readers before it found nothing (a Vietnamese resident
 * with an English given name), so that its guesses do not crowd out good readings.
 */
export type ReaderMix = ReadonlyArray<readonly [ReaderName, number, 'fallback'?]>;

const ASIAN_FALLBACK = [
  ['english', 0.5, 'fallback'],
  ['letters', 0.4, 'fallback'],
] as const;
const SPANISH_SPEAKING: ReaderMix = [
  ['spanish', 1],
  ['japanese', 0.9], // Nikkei families
  ['english', 0.3],
];
const PORTUGUESE_SPEAKING: ReaderMix = [
  ['portuguese', 1],
  ['japanese', 0.9],
  ['english', 0.4], // WESLEY, JEFFERSON, KELLY
  ['spanish', 0.3],
];
const SOUTH_ASIAN: ReaderMix = [
  ['nepali', 1],
  ['english', 0.4],
];
const ENGLISH_SPEAKING: ReaderMix = [
  ['english', 1],
  ['spanish', 0.4],
];
const MALAY: ReaderMix = [
  ['indonesian', 1],
  ['english', 0.4],
];

const MIXES: Record<string, ReaderMix> = {
  VN: [['vietnamese', 1], ...ASIAN_FALLBACK],
  CN: [['chinese', 1], ...ASIAN_FALLBACK],
  TW: [['taiwanese', 1], ...ASIAN_FALLBACK],
  HK: [['cantonese', 1], ...ASIAN_FALLBACK],
  MO: [['cantonese', 1], ...ASIAN_FALLBACK],
  SG: [
    ['chinese', 1],
    ['english', 0.6],
    ['indonesian', 0.4],
  ],
  KR: [['korean', 1], ...ASIAN_FALLBACK],
  KP: [['korean', 1], ...ASIAN_FALLBACK],
  MM: [['myanmar', 1], ...ASIAN_FALLBACK],
  JP: [
    ['japanese', 1],
    ['english', 0.3],
  ],
  PH: [
    ['filipino', 1],
    ['english', 0.9],
  ],
  ID: MALAY,
  MY: [...MALAY, ['chinese', 0.4]],
  BN: MALAY,
  TL: [
    ['portuguese', 1],
    ['indonesian', 0.6],
  ],
  BR: PORTUGUESE_SPEAKING,
  PT: PORTUGUESE_SPEAKING,
  AO: PORTUGUESE_SPEAKING,
  MZ: PORTUGUESE_SPEAKING,
  CV: PORTUGUESE_SPEAKING,
  NP: SOUTH_ASIAN,
  IN: SOUTH_ASIAN,
  BD: SOUTH_ASIAN,
  PK: SOUTH_ASIAN,
  BT: SOUTH_ASIAN,
  LK: [
    ['sinhala', 1],
    ['portuguese', 0.5], // PERERA, FERNANDO, SILVA
    ['english', 0.4],
  ],
  TH: [
    ['thai', 1],
    ['english', 0.4],
  ],
  KH: SOUTH_ASIAN,
  LA: SOUTH_ASIAN,
  US: ENGLISH_SPEAKING,
  GB: ENGLISH_SPEAKING,
  CA: ENGLISH_SPEAKING,
  AU: ENGLISH_SPEAKING,
  NZ: ENGLISH_SPEAKING,
  IE: ENGLISH_SPEAKING,
};
for (const code of [
  'PE',
  'ES',
  'MX',
  'BO',
  'AR',
  'CO',
  'CL',
  'EC',
  'PY',
  'UY',
  'VE',
  'CU',
  'DO',
  'GT',
  'HN',
  'SV',
  'NI',
  'CR',
  'PA',
]) {
  MIXES[code] = SPANISH_SPEAKING;
}

/**
 * The mix for an ISO 3166-1 alpha-2 code, or undefined for a missing code and for nationalities
 * without a mix of their own (the caller then guesses from the spelling of each word).
 */
export function mixOf(nationality: string | null | undefined): { group: string; mix: ReaderMix } | undefined {
  const code = nationality?.trim().toUpperCase() ?? '';
  const mix = MIXES[code];
  return mix ? { group: code, mix } : undefined;
}
