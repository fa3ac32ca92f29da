// Splitting a run-together name into syllables (XIAOMING, MINJUN, KYAWKYAW) by trying every
// syllable that can start at each position; the syllables at a position are looked up once.

/**
 * Up to `maxParses` ways of writing `word` as at most `limit` syllables, in the order found.
 * `syllablesAt(from)` lists the syllables that can start at `from`, `lengthOf` their letter count.
 */
export function splitIntoSyllables<T>(
  word: string,
  syllablesAt: (from: number) => readonly T[],
  lengthOf: (syllable: T) => number,
  limit: number,
  maxParses = 8,
): T[][] {
  const atPosition: Array<readonly T[] | undefined> = new Array<readonly T[] | undefined>(word.length);
  const parses: T[][] = [];
  const taken: T[] = [];
  const walk = (from: number) => {
    if (parses.length >= maxParses) return;
    if (from === word.length) {
      parses.push([...taken]);
      return;
    }
    if (taken.length === limit) return;
    for (const syllable of (atPosition[from] ??= syllablesAt(from))) {
      taken.push(syllable);
      walk(from + lengthOf(syllable));
      taken.pop();
    }
  };
  walk(0);
  return parses;
}

/** Every spelling of a syllable → the syllables it may be, for looking syllables up by their letters. */
export class SyllableInventory<T> {
  private readonly bySpelling = new Map<string, T[]>();
  private longest = 0;

  add(spelling: string, syllable: T): void {
    const list = this.bySpelling.get(spelling);
    if (list) list.push(syllable);
    else this.bySpelling.set(spelling, [syllable]);
    this.longest = Math.max(this.longest, spelling.length);
  }

  /** The syllables whose spelling starts at `from`, longest spellings first. */
  at(word: string, from: number): T[] {
    const found: T[] = [];
    for (let end = Math.min(word.length, from + this.longest); end > from; end--) {
      const syllables = this.bySpelling.get(word.slice(from, end));
      if (syllables) found.push(...syllables);
    }
    return found;
  }
}
