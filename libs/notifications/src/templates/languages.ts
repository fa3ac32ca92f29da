import {
  FALLBACK_LANGUAGES,
  TEMPLATE_LANGUAGES,
  type NotificationTemplate,
  type TemplateLanguage,
} from './template.js';

const ALIASES: Record<string, string> = {
  // Filipino is written tl in the templates (the register may record fil, ISO 639-2).
  fil: 'tl',
  // Easy Japanese as the counseling and orientation records spell it.
  'ja-easy': 'ja-x-easy',
  'ja-x-easy': 'ja-x-easy',
};

/**
 * The template language for a resident's recorded language (a BCP 47 tag such as `pt-BR`, `vi` or
 * `fil`) and communication level: the recorded language first (its primary subtag: pt-BR → pt,
 * zh-Hant → zh); easy Japanese for a resident who reads Japanese at the EASY_JA level (or whose
 * recorded language is Japanese and level EASY_JA); null when nothing is known.
 */
export function residentLanguage(preferredLanguage: string | null, communicationLevel: string | null): string | null {
  const tag = preferredLanguage?.trim().toLowerCase() || null;
  const language = tag ? (ALIASES[tag] ?? ALIASES[tag.split('-')[0]] ?? tag.split('-')[0]) : null;
  if (language === null || language === 'ja') {
    if (communicationLevel === 'EASY_JA') return 'ja-x-easy';
    if (communicationLevel === 'JA') return 'ja';
  }
  return language;
}

/** The languages tried, in order: the resident's, then easy Japanese, then English. */
export function languageChain(requested: string | null): string[] {
  return [...new Set([...(requested ? [requested] : []), ...FALLBACK_LANGUAGES])];
}

export function isTemplateLanguage(language: string): language is TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language);
}

/**
 * The first language of the chain the template has a text in (and that `usable` accepts: a letter
 * needs a font for the script). English is the last resort even when `usable` refuses it, as the
 * built-in PDF fonts write it.
 */
export function chooseLanguage(
  template: NotificationTemplate,
  requested: string | null,
  usable: (language: TemplateLanguage) => boolean = () => true,
): TemplateLanguage {
  for (const language of languageChain(requested)) {
    if (isTemplateLanguage(language) && template.texts[language] && usable(language)) return language;
  }
  if (template.texts.en) return 'en';
  throw new Error(`template ${template.code} has no text in ${languageChain(requested).join(', ')}`);
}
