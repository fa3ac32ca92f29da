import { STATUSES_OF_RESIDENCE } from '@app/migrations';
import { checkRow } from '../import/import-row.js';
import { syntheticPopulation } from './synthetic-population.js';

function rows(size: number, seed?: number): Array<Record<string, string>> {
  const [header, ...lines] = [...syntheticPopulation(size, seed)];
  const columns = header.split(',');
  // The generator quotes nothing it does not need to; no cell here contains a comma.
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [columns[index], value])));
}

const statuses = new Map(STATUSES_OF_RESIDENCE.map((status) => [status[0], status[6]]));

describe('synthetic population', () => {
  it('is the same for the same seed and size, and different for another seed', () => {
    expect([...syntheticPopulation(300, 7)]).toEqual([...syntheticPopulation(300, 7)]);
    expect([...syntheticPopulation(300, 8)]).not.toEqual([...syntheticPopulation(300, 7)]);
  });

  it('has the mix a city like Hamamatsu sees, in every name form', () => {
    const people = rows(2_000);
    expect(people).toHaveLength(2_000);
    const nationalities = new Set(people.map((p) => p.nationality));
    expect([...nationalities]).toEqual(expect.arrayContaining(['BR', 'PH', 'VN', 'CN', 'KR']));
    expect(people.filter((p) => p.nationality === 'BR').length).toBeGreaterThan(
      people.filter((p) => p.nationality === 'KR').length,
    );
    expect(people.some((p) => p.nationality === 'KR' && p.common_name)).toBe(true);
    expect(people.some((p) => p.nationality === 'PH' && p.middle_name)).toBe(true);
    expect(people.some((p) => p.registry_category === 'SPECIAL_PERMANENT' && !p.residence_card_number)).toBe(true);
    expect(people.filter((p) => p.kana_name).length / people.length).toBeGreaterThan(0.7);
    expect(people.some((p) => p.birth_date >= '2012-01-01')).toBe(true); // school-age children
  });

  it('produces only rows the import accepts', () => {
    const invalid = rows(1_000)
      .map((plain) => Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== '')))
      .map((plain) => checkRow(plain, statuses).problems)
      .filter((problems) => problems.length > 0);
    expect(invalid).toEqual([]);
  });
});
