import { NOTIFICATION_PURPOSES } from '../purposes.js';
import {
  chooseLanguage,
  formatDate,
  languageChain,
  placeholdersIn,
  renderTemplate,
  residentLanguage,
  TEMPLATE_LANGUAGES,
  TemplateError,
  TEMPLATES,
  type NotificationTemplate,
  type TemplateLanguage,
} from './index.js';

const sampleData = (template: NotificationTemplate) =>
  Object.fromEntries(template.placeholders.map((name) => [name, name.endsWith('Date') ? '2027-04-01' : `<${name}>`]));

const claimed = Object.values(TEMPLATES).flatMap((template) =>
  (Object.keys(template.texts) as TemplateLanguage[]).map((language) => [template.code, language, template] as const),
);

describe('notification templates', () => {
  it('has a template for every purpose, each in easy Japanese and English (the fallbacks) at least', () => {
    for (const purpose of NOTIFICATION_PURPOSES) {
      expect(TEMPLATES[purpose].purpose).toBe(purpose);
      expect(Object.keys(TEMPLATES[purpose].texts)).toEqual(expect.arrayContaining(['ja-x-easy', 'en']));
      for (const language of Object.keys(TEMPLATES[purpose].texts)) expect(TEMPLATE_LANGUAGES).toContain(language);
    }
    // Every purpose is written in all ten languages today.
    expect(claimed).toHaveLength(NOTIFICATION_PURPOSES.length * TEMPLATE_LANGUAGES.length);
  });

  it.each(claimed)('%s renders in %s with exactly its declared placeholders', (_code, language, template) => {
    const text = template.texts[language]!;
    expect(new Set(placeholdersIn(text.subject + text.body))).toEqual(new Set(template.placeholders));
    const rendered = renderTemplate(template, language, sampleData(template));
    for (const part of [rendered.subject, rendered.body]) {
      expect(part).not.toMatch(/\{\{|\}\}/);
      expect(part.trim().length).toBeGreaterThan(0);
    }
    for (const name of template.placeholders) {
      expect(rendered.subject + rendered.body).toContain(
        name.endsWith('Date') ? formatDate('2027-04-01', language) : `<${name}>`,
      );
    }
    expect(rendered.subject).not.toMatch(/[\r\n]/);
  });

  it.each(claimed)('%s in %s refuses to render with a placeholder missing', (_code, language, template) => {
    for (const name of template.placeholders) {
      const data = { ...sampleData(template), [name]: undefined };
      expect(() => renderTemplate(template, language, data)).toThrow(TemplateError);
      expect(() => renderTemplate(template, language, data)).toThrow(`{{${name}}}`);
    }
  });

  describe('easy Japanese (ja-x-easy)', () => {
    const easy = Object.values(TEMPLATES).map((template) => [template.code, template.texts['ja-x-easy']!] as const);

    it.each(easy)('%s is written in kana, without furigana markup', (_code, text) => {
      const words = (text.subject + text.body).replace(/\{\{\w+\}\}/g, '');
      expect(words).not.toMatch(/\p{Script=Han}/u);
      expect(words).not.toMatch(/<ruby>|《|\|/);
    });

    it.each(easy)('%s has short sentences, phrases separated by spaces', (_code, text) => {
      const sentences = text.body
        .replace(/\{\{\w+\}\}/g, 'X')
        .split(/[。\n]/)
        .map((sentence) => sentence.trim())
        .filter((sentence) => sentence.length > 0);
      for (const sentence of sentences) {
        expect(sentence.length).toBeLessThanOrEqual(32);
        if (sentence.length > 12) expect(sentence).toMatch(/ /);
      }
    });
  });

  it('writes dates the way each language does', () => {
    expect(formatDate('2027-04-01', 'ja')).toBe('2027年4月1日');
    expect(formatDate('2027-04-01', 'ja-x-easy')).toBe('2027ねん 4がつ 1にち');
    expect(formatDate('2027-04-01', 'en')).toBe('1 April 2027');
    expect(formatDate('2027-04-01', 'pt')).toBe('1 de abril de 2027');
    expect(formatDate('2027-04-01', 'ko')).toBe('2027년 4월 1일');
    expect(() => formatDate('2027-02-30', 'en')).toThrow(TemplateError);
    expect(() => formatDate('tomorrow', 'en')).toThrow(TemplateError);
  });

  it('keeps values out of the subject line breaks and drops control characters', () => {
    const rendered = renderTemplate(TEMPLATES.COURSE_PLACE_OFFERED, 'en', {
      familyName: 'NGUYEN',
      officeName: 'City\r\nBcc: x@example.com',
      courseName: 'Kana\u0007 basics',
      startDate: '2027-04-01',
    });
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.body).toContain('"Kana basics"');
  });
});

describe('the language of a notification', () => {
  it("reads the resident's recorded language and communication level", () => {
    expect(residentLanguage('vi', null)).toBe('vi');
    expect(residentLanguage('pt-BR', 'INTERPRETER_NEEDED')).toBe('pt');
    expect(residentLanguage('fil', null)).toBe('tl');
    expect(residentLanguage('zh-Hant', null)).toBe('zh');
    expect(residentLanguage('ja-easy', null)).toBe('ja-x-easy');
    expect(residentLanguage(null, 'EASY_JA')).toBe('ja-x-easy');
    expect(residentLanguage('ja', 'EASY_JA')).toBe('ja-x-easy');
    expect(residentLanguage('ja', 'JA')).toBe('ja');
    expect(residentLanguage(null, 'JA')).toBe('ja');
    expect(residentLanguage('ne', 'EASY_JA')).toBe('ne');
    expect(residentLanguage(null, null)).toBeNull();
  });

  it('tries the resident language, then easy Japanese, then English', () => {
    expect(languageChain('vi')).toEqual(['vi', 'ja-x-easy', 'en']);
    expect(languageChain('en')).toEqual(['en', 'ja-x-easy']);
    expect(languageChain(null)).toEqual(['ja-x-easy', 'en']);
    for (const template of Object.values(TEMPLATES)) {
      expect(chooseLanguage(template, 'vi')).toBe('vi');
      expect(chooseLanguage(template, 'tl')).toBe('tl');
      // Thai, Burmese, Spanish have no templates: easy Japanese.
      expect(chooseLanguage(template, 'th')).toBe('ja-x-easy');
      expect(chooseLanguage(template, 'my')).toBe('ja-x-easy');
      expect(chooseLanguage(template, 'es')).toBe('ja-x-easy');
      expect(chooseLanguage(template, null)).toBe('ja-x-easy');
    }
  });

  it('falls back to English when easy Japanese is missing too, and skips languages a letter cannot print', () => {
    const partial: NotificationTemplate = {
      purpose: 'NHI_ENROLMENT',
      code: 'partial',
      placeholders: [],
      texts: { en: { subject: 'Hello', body: 'Hello' }, vi: { subject: 'Xin chào', body: 'Xin chào' } },
    };
    expect(chooseLanguage(partial, 'vi')).toBe('vi');
    expect(chooseLanguage(partial, 'ko')).toBe('en');
    expect(chooseLanguage(partial, null)).toBe('en');
    const noDevanagari = (language: TemplateLanguage) => language !== 'ne';
    expect(chooseLanguage(TEMPLATES.NHI_ENROLMENT, 'ne', noDevanagari)).toBe('ja-x-easy');
    const latinOnly = (language: TemplateLanguage) => ['en', 'pt', 'tl', 'id'].includes(language);
    expect(chooseLanguage(TEMPLATES.NHI_ENROLMENT, 'ko', latinOnly)).toBe('en');
    expect(chooseLanguage(TEMPLATES.NHI_ENROLMENT, 'pt', latinOnly)).toBe('pt');
    const none: NotificationTemplate = { ...partial, texts: { vi: partial.texts.vi } };
    expect(() => chooseLanguage(none, 'ko')).toThrow(/no text/);
  });
});
