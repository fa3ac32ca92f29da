import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { TemplateLanguage } from '../templates/template.js';

/**
 * Fonts for printed letters, found on the host. Noto Sans CJK (a .ttc collection: one file, a face
 * per region, chosen by PostScript name) writes Japanese, Chinese, Korean and the Latin alphabet
 * with Vietnamese accents; DejaVu Sans the Latin alphabet when Noto CJK is missing; Nepali needs a
 * Devanagari font (Noto Sans Devanagari, Lohit). A letter is only written in a language the host
 * can print: otherwise its fallback (easy Japanese, then English, which PDF's built-in Helvetica
 * always prints). Debian: fonts-noto-cjk, fonts-dejavu-core, fonts-noto-core (Devanagari).
 */
const CJK_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/local/share/fonts/NotoSansCJK-Regular.ttc',
];
const LATIN_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
];
const DEVANAGARI_FILES = [
  '/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansDevanagari-Regular.otf',
  '/usr/share/fonts/noto/NotoSansDevanagari-Regular.ttf',
  '/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf',
];

/** A font pdfkit can register: a file (and the face of a collection), or a built-in font name. */
export interface LetterFont {
  key: string;
  path: string | null;
  /** PostScript name of the face in a .ttc collection. */
  face?: string;
}

const HELVETICA: LetterFont = { key: 'Helvetica', path: null };

/** Which script (hence font) each template language is written in. */
const SCRIPT: Record<TemplateLanguage, 'jp' | 'sc' | 'kr' | 'latin' | 'devanagari' | 'basic'> = {
  ja: 'jp',
  'ja-x-easy': 'jp',
  zh: 'sc',
  ko: 'kr',
  vi: 'latin',
  pt: 'latin',
  tl: 'latin',
  id: 'latin',
  // English is written with plain ASCII letters: Helvetica prints it when nothing else exists.
  en: 'basic',
  ne: 'devanagari',
};

function firstExisting(paths: readonly string[]): string | null {
  return paths.find((path) => existsSync(path)) ?? null;
}

/** fontconfig's answer for a family, when fontconfig is installed and knows it. */
function fcMatch(family: string, mustContain: RegExp): string | null {
  try {
    const path = execFileSync('fc-match', ['--format=%{file}', family], { encoding: 'utf8', timeout: 2_000 }).trim();
    return mustContain.test(path) && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export class LetterFonts {
  private readonly buffers = new Map<string, Buffer>();

  constructor(
    readonly cjkPath: string | null,
    readonly latinPath: string | null,
    readonly devanagariPath: string | null,
  ) {}

  /** Looks once on the host (the well-known paths, then fontconfig). */
  static discover(): LetterFonts {
    return new LetterFonts(
      firstExisting(CJK_FILES) ?? fcMatch('Noto Sans CJK JP', /CJK.*\.tt[cf]$|CJK.*\.otf$/i),
      firstExisting(LATIN_FILES),
      firstExisting(DEVANAGARI_FILES) ?? fcMatch('Noto Sans Devanagari', /Devanagari/i),
    );
  }

  /** The font that prints `language`, or null when none on this host does. */
  fontFor(language: TemplateLanguage): LetterFont | null {
    switch (SCRIPT[language]) {
      case 'jp':
        return this.cjk('NotoSansCJKjp-Regular');
      case 'sc':
        return this.cjk('NotoSansCJKsc-Regular');
      case 'kr':
        return this.cjk('NotoSansCJKkr-Regular');
      case 'latin':
        return this.cjk('NotoSansCJKjp-Regular') ?? (this.latinPath ? { key: 'latin', path: this.latinPath } : null);
      case 'basic':
        return this.fontFor('vi') ?? HELVETICA;
      case 'devanagari':
        return this.devanagariPath ? { key: 'devanagari', path: this.devanagariPath } : null;
    }
  }

  /** Whether a letter can be printed in `language` here. */
  canPrint(language: TemplateLanguage): boolean {
    return this.fontFor(language) !== null;
  }

  /** The font of the address block (Japanese addresses and names). */
  addressFont(): LetterFont {
    return this.cjk('NotoSansCJKjp-Regular') ?? this.fontFor('en')!;
  }

  /** What this host cannot print, for the worker's start-up log. */
  missing(): string[] {
    const missing: string[] = [];
    if (!this.cjkPath) missing.push('Noto Sans CJK (Japanese, Chinese, Korean letters fall back to English)');
    if (!this.devanagariPath) missing.push('a Devanagari font (Nepali letters fall back to easy Japanese)');
    return missing;
  }

  /** The font file's bytes, read once per process (the CJK collection is ~20 MB). */
  bytes(font: LetterFont): Buffer | null {
    if (!font.path) return null;
    let buffer = this.buffers.get(font.path);
    if (!buffer) {
      buffer = readFileSync(font.path);
      this.buffers.set(font.path, buffer);
    }
    return buffer;
  }

  private cjk(face: string): LetterFont | null {
    return this.cjkPath ? { key: face, path: this.cjkPath, face } : null;
  }
}
