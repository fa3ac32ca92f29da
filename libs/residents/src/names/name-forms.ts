import type { NameForm } from '../resident-name.entity.js';
import { detectScript, normalizeName, type NameScript } from './name-normalization.js';

export interface NameParts {
  family: string;
  given?: string | null;
  middle?: string | null;
  kanji?: string | null;
  common?: string | null;
  commonKana?: string | null;
  kana?: string | null;
}

export interface NameFormRow {
  form: NameForm;
  value: string;
  script: NameScript;
  normalized: string;
}

/**
 * The searchable name forms of a person: the alphabet name as on the residence card (family,
 * given, middle), kanji, common name (通称) and its kana, and the katakana reading. Forms that
 * normalize to nothing are left out. The API and the import both store exactly these rows.
 */
export function nameForms(parts: NameParts): NameFormRow[] {
  const forms: Array<[NameForm, string | null | undefined]> = [
    ['ALPHABET', [parts.family, parts.given, parts.middle].filter(Boolean).join(' ')],
    ['KANJI', parts.kanji],
    ['COMMON', parts.common],
    ['COMMON_KANA', parts.commonKana],
    ['KANA', parts.kana],
  ];
  return forms.flatMap(([form, value]) => {
    const normalized = value ? normalizeName(value) : '';
    return value && normalized ? [{ form, value, script: detectScript(value), normalized }] : [];
  });
}
