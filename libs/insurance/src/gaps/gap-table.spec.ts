import { STATUSES_OF_RESIDENCE } from '@app/migrations';
import fc from 'fast-check';
import { SCHEMES, obligationsOf, type Scheme } from '../obligations/index.js';
import { addDays } from '../obligations/dates.js';
import { REGISTRY_CATEGORIES } from '@app/residents/validation/resident-rules.js';
import { ageCutoffs, gapTable, inGapTable } from './gap-table.js';
import { onRegister, residentObligationFacts } from './register-facts.js';

const STATUS_CODES = STATUSES_OF_RESIDENCE.map(([code]) => code);

describe('the coverage-gap decision table', () => {
  it('has a cutoff for each age limit: 20, 40, 60, 65, 70 and 75', () => {
    const cutoffs = ageCutoffs('2026-06-15');
    // Ages counted from the eve of the birthday reach on the day before; 75 counts the birthday.
    expect(cutoffs).toEqual(
      expect.arrayContaining(['1951-06-15', '1956-06-16', '1961-06-16', '1966-06-16', '1986-06-16', '2006-06-16']),
    );
  });

  it('lists a registered resident under 75 with no health insurance as an NHI gap, and not at 75', () => {
    const table = gapTable('2026-06-15', STATUS_CODES);
    const resident = {
      registryCategory: 'MID_LONG_TERM',
      statusCode: 'ENGINEER_HUMANITIES',
      onRegister: true,
      ehiCovered: false,
    };
    expect(inGapTable(table.NHI, { ...resident, birthDate: '1951-06-16' })).toBe(true);
    expect(inGapTable(table.NHI, { ...resident, birthDate: '1951-06-15' })).toBe(false);
    expect(inGapTable(table.NHI, { ...resident, ehiCovered: true, birthDate: '1990-01-01' })).toBe(false);
    expect(inGapTable(table.NHI, { ...resident, onRegister: false, birthDate: '1990-01-01' })).toBe(false);
    expect(inGapTable(table.LATE_ELDERLY, { ...resident, birthDate: '1951-06-15' })).toBe(true);
  });

  it('agrees with the obligations engine resident by resident', () => {
    // Dates around every phase-in of the rules and beyond; the table is built once per date.
    const dates = [
      '2005-06-01',
      '2016-10-01',
      '2022-09-30',
      '2022-10-01',
      '2024-10-01',
      '2026-06-15',
      '2027-10-01',
      '2028-10-01',
      '2029-10-01',
      '2032-02-29',
      '2035-04-01',
    ];
    const tables = new Map(dates.map((on) => [on, gapTable(on, STATUS_CODES)]));
    const birthDateOn = (on: string) =>
      fc.oneof(
        fc.integer({ min: 0, max: 100 * 366 }).map((days) => addDays(on, -days)),
        // Birth dates on and beside each age limit, where an off-by-one would hide.
        fc
          .tuple(fc.constantFrom(...ageCutoffs(on)), fc.integer({ min: -2, max: 2 }))
          .map(([day, shift]) => addDays(day, shift)),
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...dates).chain((on) => fc.tuple(fc.constant(on), birthDateOn(on))),
        fc.constantFrom(...REGISTRY_CATEGORIES),
        fc.constantFrom(null, ...STATUS_CODES),
        fc.boolean(),
        fc.boolean(),
        ([on, birthDate], registryCategory, statusCode, movedOut, ehiCovered) => {
          const resident = { birthDate, registryCategory, statusCode, movedOutOn: movedOut ? addDays(on, -3) : null };
          const covered = new Set<Scheme>(ehiCovered ? ['EHI'] : []);
          const results = obligationsOf(residentObligationFacts(resident, on, covered), covered);
          for (const scheme of SCHEMES) {
            const engine = results.find((result) => result.scheme === scheme)!.gap === true;
            const table = inGapTable(tables.get(on)![scheme], {
              registryCategory,
              statusCode,
              onRegister: onRegister(resident, on),
              ehiCovered,
              birthDate,
            });
            if (engine !== table)
              throw new Error(`${scheme} on ${on} for ${JSON.stringify(resident)} ehi=${ehiCovered}`);
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('is built in well under a request', () => {
    const started = performance.now();
    gapTable('2027-11-01', STATUS_CODES);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
