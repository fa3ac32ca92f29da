// Alphabet names reach us as on the residence card (capital letters) or typed with accents
// (Nguyễn, João, Muñoz). The readers work on plain capital letters: accents are removed, and
// letters that have no decomposition are spelled the way they are on the card.

const FOLDS: Record<string, string> = { Đ: 'D', Ø: 'O', ß: 'SS', Æ: 'AE', Œ: 'OE', Ł: 'L', ı: 'I', Þ: 'TH' };

/** `Nguyễn` → `NGUYEN`, `Đặng` → `DANG`, `d'Souza` → `DSOUZA`: capital A-Z only. */
export function plainLatinWord(word: string): string {
  if (/^[A-Z]+$/.test(word)) return word;
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ĐđØøßÆæŒœŁłıÞþ]/g, (c) => FOLDS[c] ?? FOLDS[c.toUpperCase()] ?? c)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** `DELA CRUZ, Maria-José` → `['DELA', 'CRUZ', 'MARIA', 'JOSE']`. */
export function latinWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}\p{Z}\p{Cc}]+/u)
    .map(plainLatinWord)
    .filter((word) => word !== '');
}
