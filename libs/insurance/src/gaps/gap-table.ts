import { PARAMETERS, SCHEMES, hasReachedAge, gapsOf, type AgeCounting, type Scheme } from '../obligations/index.js';
import { addDays, daysBetween } from '@app/platform';
import { REGISTRY_CATEGORIES } from '@app/residents/validation/resident-rules.js';
import { residentObligationFacts } from './register-facts.js';

/**
 * The coverage-gap list as a decision table compiled to SQL.
 *
 * A million residents cannot go through the obligations engine one by one inside a page request,
 * and a second copy of the rules in SQL would drift from the engine. But for a resident on record
 * the engine reads only a few register facts: the registry category, the status of residence,
 * whether they are on the register that day, whether they have employees' health insurance on
 * record, and their birth date, which only matters through a handful of age limits. So the engine
 * itself is asked once per combination of those facts (a birth date standing for each band between
 * two age limits), and the combinations that give a gap become the WHERE clause. The property test
 * beside this file checks the table against the engine resident by resident.
 */

/** Birth dates in (after, until]; null is open. */
export interface BirthRange {
  after: string | null;
  until: string | null;
}

/** One way of having a gap in a scheme: every listed fact must hold. */
export interface GapTerm {
  registryCategories: string[];
  /** Status codes; null in the list stands for "no status on record". */
  statusCodes: Array<string | null>;
  onRegister: boolean;
  /** Employees' health insurance on record that day: `[false]`, `[true]` or both. */
  ehiCovered: boolean[];
  births: BirthRange[];
}

export type GapTable = Record<Scheme, GapTerm[]>;

const AGE_LIMITS: Array<{ age: number; counting: AgeCounting }> = PARAMETERS.flatMap((parameter) =>
  parameter.values
    .map((row) => row.value as { age?: unknown; counting?: unknown })
    .filter((value): value is { age: number; counting: AgeCounting } => typeof value?.age === 'number'),
);

/**
 * The latest birth date that has reached each age limit on the date, ascending: between two
 * neighbours every age test the engine can make answers the same.
 */
export function ageCutoffs(onDate: string): string[] {
  const cutoffs = new Set<string>();
  for (const { age, counting } of AGE_LIMITS) {
    // Reaching an age is monotone in the birth date: search for the last day that has reached it.
    let reached = addDays(onDate, -366 * (age + 1));
    let notReached = onDate;
    if (!hasReachedAge(reached, age, onDate, counting) || hasReachedAge(notReached, age, onDate, counting)) {
      throw new Error(`age limit ${age} is not monotone around ${onDate}`);
    }
    while (daysBetween(reached, notReached) > 1) {
      const middle = addDays(reached, Math.floor(daysBetween(reached, notReached) / 2));
      if (hasReachedAge(middle, age, onDate, counting)) reached = middle;
      else notReached = middle;
    }
    cutoffs.add(reached);
  }
  return [...cutoffs].sort();
}

/** The birth-date bands between the cutoffs, each with a birth date that stands for it. */
function bandsOf(onDate: string): Array<BirthRange & { example: string }> {
  const cutoffs = ageCutoffs(onDate);
  const bands: Array<BirthRange & { example: string }> = cutoffs.map((until, i) => ({
    after: i === 0 ? null : cutoffs[i - 1],
    until,
    example: until,
  }));
  const last = cutoffs[cutoffs.length - 1];
  bands.push({ after: last, until: null, example: addDays(last, 1) });
  return bands;
}

/**
 * For each scheme, the register facts under which a resident with no coverage of that scheme on
 * record has a gap on `onDate` (required is true, not unknown). `statusCodes` are the codes a
 * resident may hold (the status table), without null.
 */
export function gapTable(onDate: string, statusCodes: readonly string[]): GapTable {
  const bands = bandsOf(onDate);
  const statuses: Array<string | null> = [null, ...statusCodes];
  // scheme → (category, onRegister, status) → per band, the EHI values with a gap
  const hits = new Map<Scheme, Map<string, Array<Set<boolean>>>>(SCHEMES.map((scheme) => [scheme, new Map()]));
  for (const registryCategory of REGISTRY_CATEGORIES) {
    for (const registered of registryCategory === 'NOT_REGISTERED' ? [false] : [true, false]) {
      for (const statusCode of statuses) {
        const key = JSON.stringify([registryCategory, registered, statusCode]);
        bands.forEach((band, bandIndex) => {
          for (const ehiCovered of [false, true]) {
            const covered = new Set<Scheme>(ehiCovered ? ['EHI'] : []);
            const facts = residentObligationFacts(
              { birthDate: band.example, registryCategory, statusCode, movedOutOn: registered ? null : onDate },
              onDate,
              covered,
            );
            const gaps = gapsOf(facts, covered);
            for (const scheme of SCHEMES) {
              if (gaps[scheme] !== true) continue;
              const byKey = hits.get(scheme)!;
              if (!byKey.has(key))
                byKey.set(
                  key,
                  bands.map(() => new Set()),
                );
              byKey.get(key)![bandIndex].add(ehiCovered);
            }
          }
        });
      }
    }
  }
  const table = {} as GapTable;
  for (const scheme of SCHEMES) table[scheme] = compile(hits.get(scheme)!, bands);
  return table;
}

/** Merges the hits into few terms: same shape of bands → one term over many statuses and categories. */
function compile(byKey: Map<string, Array<Set<boolean>>>, bands: BirthRange[]): GapTerm[] {
  // (onRegister, band shape) → category → statuses
  const shapes = new Map<string, Map<string, Array<string | null>>>();
  for (const [key, perBand] of byKey) {
    const [category, registered, status] = JSON.parse(key) as [string, boolean, string | null];
    const shape = JSON.stringify([registered, perBand.map((set) => [...set].sort())]);
    if (!shapes.has(shape)) shapes.set(shape, new Map());
    const byCategory = shapes.get(shape)!;
    if (!byCategory.has(category)) byCategory.set(category, []);
    byCategory.get(category)!.push(status);
  }
  const terms: GapTerm[] = [];
  for (const [shape, byCategory] of shapes) {
    const [registered, perBand] = JSON.parse(shape) as [boolean, boolean[][]];
    // Categories with the same statuses share a term.
    const categoriesByStatuses = new Map<string, string[]>();
    for (const [category, statuses] of byCategory) {
      const statusKey = JSON.stringify(statuses);
      categoriesByStatuses.set(statusKey, [...(categoriesByStatuses.get(statusKey) ?? []), category]);
    }
    // Adjacent bands with the same EHI values make one birth range.
    const byEhi = new Map<string, BirthRange[]>();
    perBand.forEach((ehiValues, i) => {
      if (ehiValues.length === 0) return;
      const ehiKey = JSON.stringify(ehiValues);
      const ranges = byEhi.get(ehiKey) ?? [];
      const previous = ranges[ranges.length - 1];
      if (previous && previous.until === bands[i].after) {
        previous.until = bands[i].until;
      } else {
        ranges.push({ after: bands[i].after, until: bands[i].until });
      }
      byEhi.set(ehiKey, ranges);
    });
    for (const [statusKey, registryCategories] of categoriesByStatuses) {
      for (const [ehiKey, births] of byEhi) {
        terms.push({
          registryCategories,
          statusCodes: JSON.parse(statusKey) as Array<string | null>,
          onRegister: registered,
          ehiCovered: JSON.parse(ehiKey) as boolean[],
          births,
        });
      }
    }
  }
  return terms;
}

/** Whether a resident's facts fall in one of the terms (the table read in TypeScript, for tests). */
export function inGapTable(
  terms: readonly GapTerm[],
  resident: {
    registryCategory: string;
    statusCode: string | null;
    onRegister: boolean;
    ehiCovered: boolean;
    birthDate: string;
  },
): boolean {
  return terms.some(
    (term) =>
      term.registryCategories.includes(resident.registryCategory) &&
      term.statusCodes.includes(resident.statusCode) &&
      term.onRegister === resident.onRegister &&
      term.ehiCovered.includes(resident.ehiCovered) &&
      term.births.some(
        (range) =>
          (range.after === null || resident.birthDate > range.after) &&
          (range.until === null || resident.birthDate <= range.until),
      ),
  );
}
