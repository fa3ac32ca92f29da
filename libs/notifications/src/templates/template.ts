import type { NotificationPurpose } from '../purposes.js';

/**
 * The languages templates are written in: BCP 47 tags, `ja-x-easy` for やさしい日本語 (easy
 * Japanese: short sentences, simple words, phrases separated by spaces, kana only).
 */
export const TEMPLATE_LANGUAGES = ['ja', 'ja-x-easy', 'en', 'vi', 'zh', 'pt', 'tl', 'ne', 'ko', 'id'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** When the resident's language has no text: easy Japanese, then English. */
export const FALLBACK_LANGUAGES: readonly TemplateLanguage[] = ['ja-x-easy', 'en'];

export interface TemplateText {
  subject: string;
  /** Plain text (e-mails are sent as text/plain only: nothing in them is ever read as HTML). */
  body: string;
}

/**
 * One purpose's message in every language it claims. Placeholders are `{{name}}`; each text uses
 * exactly the declared ones (a unit test renders every template in every language). Names ending
 * in `Date` take an ISO date (YYYY-MM-DD) and are written the way the language writes dates.
 */
export interface NotificationTemplate<P extends string = string> {
  purpose: NotificationPurpose;
  /** Changes when the wording changes in a way worth knowing later (stored with each notification). */
  code: string;
  placeholders: readonly P[];
  texts: Partial<Record<TemplateLanguage, TemplateText>>;
}

export function defineTemplate<const P extends string>(template: NotificationTemplate<P>): NotificationTemplate<P> {
  return template;
}
