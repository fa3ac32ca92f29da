import type { NotificationTemplate, TemplateLanguage, TemplateText } from './template.js';

/** A placeholder without a value, or a value of the wrong shape: a programming error of the caller. */
export class TemplateError extends Error {}

export type TemplateData = Record<string, string | number | null | undefined>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_VALUE_LENGTH = 500;

const LOCALES: Record<string, string> = {
  en: 'en-GB',
  vi: 'vi-VN',
  zh: 'zh-CN',
  pt: 'pt-BR',
  tl: 'fil-PH',
  ne: 'ne-NP',
  ko: 'ko-KR',
  id: 'id-ID',
};

/** The placeholder names a text uses, each once, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** An ISO date the way the language writes it (easy Japanese: in kana, 2027ねん 4がつ 1にち). */
export function formatDate(iso: string, language: TemplateLanguage | string): string {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new TemplateError(`not a date (YYYY-MM-DD): ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new TemplateError(`no such date: ${iso}`);
  if (language === 'ja') return `${year}年${month}月${day}日`;
  if (language === 'ja-x-easy') return `${year}ねん ${month}がつ ${day}にち`;
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * A value as it goes into the text: dates localized, control characters removed, and in a
 * subject (a mail header) no line breaks. Plain text only, so nothing needs HTML escaping: the
 * e-mail is text/plain and the letter is drawn as text.
 */
function valueOf(name: string, raw: TemplateData[string], language: TemplateLanguage, inHeader: boolean): string {
  if (raw === null || raw === undefined || raw === '') throw new TemplateError(`no value for {{${name}}}`);
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new TemplateError(`{{${name}}} must be text`);
  let value = String(raw);
  if (name.endsWith('Date')) value = formatDate(value, language);
  // eslint-disable-next-line no-control-regex
  value = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  if (inHeader) value = value.replace(/[\r\n]+/g, ' ');
  if (value.length > MAX_VALUE_LENGTH) throw new TemplateError(`{{${name}}} is longer than ${MAX_VALUE_LENGTH}`);
  return value;
}

function fill(text: string, data: TemplateData, language: TemplateLanguage, inHeader: boolean): string {
  return text.replace(PLACEHOLDER, (_, name: string) => valueOf(name, data[name], language, inHeader));
}

/**
 * The template's text in `language` with every placeholder filled. A placeholder with no value
 * throws (never a message with "{{expiryDate}}" in it).
 */
export function renderTemplate(
  template: NotificationTemplate,
  language: TemplateLanguage,
  data: TemplateData,
): TemplateText {
  const text = template.texts[language];
  if (!text) throw new TemplateError(`template ${template.code} has no ${language} text`);
  const prefix = `template ${template.code} (${language}): `;
  try {
    return { subject: fill(text.subject, data, language, true), body: fill(text.body, data, language, false) };
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(prefix + error.message);
    throw error;
  }
}
