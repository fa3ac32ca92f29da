import { writeFileSync } from 'node:fs';
import { renderTemplate, TEMPLATES } from '../templates/index.js';
import { LetterFonts } from './letter-fonts.js';
import { renderLetterPdf, type LetterContent } from './letter-pdf.js';

const letter = (language: LetterContent['language']): LetterContent => {
  const text = renderTemplate(TEMPLATES.STATUS_RENEWAL_INSURANCE, language, {
    familyName: 'NGUYEN',
    officeName: '浜松市 (Hamamatsu City)',
    expiryDate: '2027-06-30',
  });
  return {
    notificationId: '0190d1b2-0000-7000-8000-000000000001',
    language,
    ...text,
    postalCode: '430-0929',
    address: '静岡県浜松市中央区中央1-2-3 メゾン浜松 101',
    recipientName: 'NGUYEN VAN AN',
    officeName: '浜松市 (Hamamatsu City)',
    issuedOn: '2026-12-01',
  };
};

describe('printed letters', () => {
  const host = LetterFonts.discover();

  it.each(['ja', 'ja-x-easy', 'vi', 'zh', 'ko', 'en'] as const)(
    'renders a %s letter as a one-page PDF',
    async (language) => {
      const pdf = await renderLetterPdf(letter(language), host);
      if (process.env.KYOSEI_LETTER_SAMPLES)
        writeFileSync(`${process.env.KYOSEI_LETTER_SAMPLES}/letter-${language}.pdf`, pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    },
  );

  it('still renders without any font installed (English, in the built-in Helvetica)', async () => {
    const bare = new LetterFonts(null, null, null);
    expect(bare.canPrint('ja')).toBe(false);
    expect(bare.canPrint('vi')).toBe(false);
    expect(bare.canPrint('en')).toBe(true);
    const pdf = await renderLetterPdf({ ...letter('en'), address: '1-2-3 Chuo, Chuo-ku, Hamamatsu' }, bare);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A Japanese address cannot be written in Helvetica: the letter is still produced.
    const japanese = await renderLetterPdf(letter('en'), bare);
    expect(japanese.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('knows which languages this host prints (Nepali needs a Devanagari font)', () => {
    expect(host.canPrint('en')).toBe(true);
    expect(host.canPrint('ne')).toBe(host.devanagariPath !== null);
    expect(new LetterFonts('/x.ttc', null, null).canPrint('ne')).toBe(false);
    expect(new LetterFonts('/x.ttc', null, null).canPrint('ko')).toBe(true);
    expect(new LetterFonts(null, '/dejavu.ttf', null).canPrint('vi')).toBe(true);
    expect(new LetterFonts(null, '/dejavu.ttf', null).canPrint('ja')).toBe(false);
  });
});
