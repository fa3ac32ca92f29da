import type { EntityManager } from 'typeorm';

/** Words of a query beyond this many are ignored: no name has more, and each costs an index probe. */
const MAX_QUERY_WORDS = 6;
/** Real words tried for a word that is not in any name (a typo or the start of a word). */
const NEAREST_WORDS = 8;
const PREFIX_WORDS = 8;
/** Trigram similarity below which a word is not offered as a correction. */
const MIN_SIMILARITY = 0.2;

/** For each query word, the stored words that may stand for it, each with how close it is (1 = same). */
export type WordAlternatives = Array<Array<{ token: string; similarity: number }>>;

/**
 * One pair of words as `resident_name_pair` stores it: "a b", the smaller first in byte order
 * (PostgreSQL's "C" collation: UTF-8 byte order, which is code point order; JavaScript's `<`
 * compares UTF-16 units and differs above U+FFFF).
 */
export function wordPair(first: string, second: string): string {
  const a = [...first];
  const b = [...second];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = a[i].codePointAt(0)! - b[i].codePointAt(0)!;
    if (difference !== 0) return difference < 0 ? `${first} ${second}` : `${second} ${first}`;
  }
  return a.length <= b.length ? `${first} ${second}` : `${second} ${first}`;
}

/** The distinct words of a normalized query, at most MAX_QUERY_WORDS. */
export function queryWords(normalizedQuery: string): string[] {
  return [...new Set(normalizedQuery.split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
}

/**
 * Resolves the words of a normalized query against `name_token`, the set of every word in any
 * name: each word stands for itself if some name has it, for the nearest real words (trigram KNN:
 * typos, transpositions) and for those it begins (a word typed in part, kanji without spaces).
 * A word with no alternative gets an empty list: then no one can match.
 */
export async function wordAlternatives(manager: EntityManager, normalizedQuery: string): Promise<WordAlternatives> {
  const words = queryWords(normalizedQuery);
  const rows: Array<{ word: number; token: string; similarity: number }> = await manager.query(
    `SELECT q.word, e.token, e.similarity
       FROM unnest($1::text[]) WITH ORDINALITY AS q(text, word)
       CROSS JOIN LATERAL (
         SELECT t.token, 1::float4 AS similarity FROM name_token t WHERE t.token = q.text
         UNION
         (SELECT t.token, similarity(t.token, q.text) FROM name_token t
           ORDER BY t.token <-> q.text LIMIT ${NEAREST_WORDS})
         UNION
         (SELECT t.token, similarity(t.token, q.text) FROM name_token t
           WHERE t.token LIKE q.text || '%' ORDER BY length(t.token), t.token LIMIT ${PREFIX_WORDS})
       ) e
      WHERE e.similarity >= ${MIN_SIMILARITY} OR e.token LIKE q.text || '%'`,
    [words],
  );
  const alternatives: WordAlternatives = words.map(() => []);
  for (const row of rows) alternatives[Number(row.word) - 1].push({ token: row.token, similarity: row.similarity });
  return alternatives;
}
