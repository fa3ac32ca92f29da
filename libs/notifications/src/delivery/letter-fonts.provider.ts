import { Injectable, Logger } from '@nestjs/common';
import { LetterFonts } from './letter-fonts.js';

/** The host's letter fonts, looked up once per process (see letter-fonts.ts). */
@Injectable()
export class LetterFontsProvider {
  private readonly logger = new Logger(LetterFontsProvider.name);
  private found: LetterFonts | null = null;

  get fonts(): LetterFonts {
    if (!this.found) {
      this.found = LetterFonts.discover();
      for (const missing of this.found.missing()) this.logger.warn(`letters: no ${missing}`);
    }
    return this.found;
  }
}
