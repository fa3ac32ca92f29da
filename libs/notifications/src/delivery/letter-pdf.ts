import PDFDocument from 'pdfkit';
import type { TemplateLanguage } from '../templates/template.js';
import type { LetterFont, LetterFonts } from './letter-fonts.js';

export interface LetterContent {
  notificationId: string;
  language: TemplateLanguage;
  subject: string;
  body: string;
  /** The address block, as Japan Post reads it: postal code, address, name. */
  postalCode: string | null;
  address: string | null;
  recipientName: string;
  officeName: string;
  /** The date printed on the letter (YYYY-MM-DD, office time). */
  issuedOn: string;
}

const MM = 72 / 25.4;

/**
 * A printable A4 letter: the address block where a window envelope shows it (Japanese style,
 * 〒 postal code, address, name with 様), the date and office on the right, then the text. Fonts
 * are embedded as subsets, so the file is small and prints the same anywhere.
 */
export async function renderLetterPdf(content: LetterContent, fonts: LetterFonts): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 22 * MM, right: 22 * MM },
    info: { Title: content.subject, Author: content.officeName, Creator: 'Kyosei' },
    lang: content.language,
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const use = (font: LetterFont, size: number) => {
    const bytes = fonts.bytes(font);
    if (bytes) {
      doc.registerFont(font.key, bytes, font.face);
      doc.font(font.key, size);
    } else {
      doc.font(font.key, size);
    }
  };
  const addressFont = fonts.addressFont();
  const textFont = fonts.fontFor(content.language) ?? fonts.fontFor('en')!;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // Address block (window envelope: about 25 mm from the left, 45 mm from the top).
  use(addressFont, 11);
  doc.text(`〒${content.postalCode ?? ''}`, 25 * MM, 45 * MM, { width: 90 * MM });
  if (content.address) doc.text(content.address, { width: 90 * MM });
  doc.moveDown(0.5);
  use(addressFont, 13);
  doc.text(`${content.recipientName} 様`, { width: 90 * MM });

  // Date and sender, top right.
  use(addressFont, 10);
  doc.text(content.issuedOn, doc.page.margins.left, 20 * MM, { width, align: 'right' });
  doc.text(content.officeName, { width, align: 'right' });

  // The message.
  use(textFont, 14);
  doc.text(content.subject, doc.page.margins.left, 90 * MM, { width });
  doc.moveDown(1);
  use(textFont, 11);
  doc.text(content.body, { width, lineGap: 3 });

  // Reference for the office (which notification this letter is), in the bottom margin (which
  // would otherwise start a new page).
  doc.page.margins.bottom = 0;
  use(addressFont, 7);
  doc.text(`Kyosei ${content.notificationId}`, doc.page.margins.left, doc.page.height - 15 * MM, {
    width,
    align: 'right',
    lineBreak: false,
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
