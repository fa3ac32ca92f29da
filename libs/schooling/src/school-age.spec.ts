import { compulsoryBirthRange, schoolAge, type SchoolStage } from './school-age.js';

/**
 * Worked by hand from domain reference §5.1 (entry on the first 1 April after legally turning 6,
 * the day before the birthday): [birth date, reference date, stage, grade, entry, end].
 */
const TABLE: Array<[string, string, SchoolStage, number | null, string, string]> = [
  ['2019-04-01', '2025-04-01', 'ELEMENTARY', 1, '2025-04-01', '2034-03-31'],
  ['2019-04-02', '2025-04-01', 'PRESCHOOL', null, '2026-04-01', '2035-03-31'],
  ['2019-04-02', '2026-04-01', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2019-03-31', '2025-03-31', 'PRESCHOOL', null, '2025-04-01', '2034-03-31'],
  ['2019-03-31', '2025-04-01', 'ELEMENTARY', 1, '2025-04-01', '2034-03-31'],
  ['2018-12-31', '2025-05-01', 'ELEMENTARY', 1, '2025-04-01', '2034-03-31'],
  ['2019-01-01', '2025-05-01', 'ELEMENTARY', 1, '2025-04-01', '2034-03-31'],
  ['2018-04-01', '2025-05-01', 'ELEMENTARY', 2, '2024-04-01', '2033-03-31'],
  ['2018-04-02', '2025-05-01', 'ELEMENTARY', 1, '2025-04-01', '2034-03-31'],
  ['2013-04-01', '2025-05-01', 'LOWER_SECONDARY', 1, '2019-04-01', '2028-03-31'],
  ['2013-04-02', '2025-05-01', 'ELEMENTARY', 6, '2020-04-01', '2029-03-31'],
  ['2010-04-02', '2025-05-01', 'LOWER_SECONDARY', 3, '2017-04-01', '2026-03-31'],
  ['2010-04-01', '2025-05-01', 'PAST_COMPULSORY', null, '2016-04-01', '2025-03-31'],
  ['2010-04-02', '2026-03-31', 'LOWER_SECONDARY', 3, '2017-04-01', '2026-03-31'],
  ['2010-04-02', '2026-04-01', 'PAST_COMPULSORY', null, '2017-04-01', '2026-03-31'],
  ['2012-02-29', '2024-05-01', 'LOWER_SECONDARY', 1, '2018-04-01', '2027-03-31'],
  ['2020-02-29', '2026-04-01', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2020-02-29', '2026-03-31', 'PRESCHOOL', null, '2026-04-01', '2035-03-31'],
  ['2024-06-15', '2026-05-01', 'PRESCHOOL', null, '2031-04-01', '2040-03-31'],
  ['2019-12-31', '2026-12-31', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2020-01-01', '2026-12-31', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2020-01-01', '2027-01-01', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2020-04-01', '2027-03-31', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2020-04-02', '2027-03-31', 'PRESCHOOL', null, '2027-04-01', '2036-03-31'],
  ['2016-04-01', '2026-05-01', 'ELEMENTARY', 5, '2022-04-01', '2031-03-31'],
  ['2016-04-02', '2026-05-01', 'ELEMENTARY', 4, '2023-04-01', '2032-03-31'],
  ['2014-04-01', '2026-05-01', 'LOWER_SECONDARY', 1, '2020-04-01', '2029-03-31'],
  ['2014-04-02', '2026-05-01', 'ELEMENTARY', 6, '2021-04-01', '2030-03-31'],
  ['2011-04-01', '2026-05-01', 'PAST_COMPULSORY', null, '2017-04-01', '2026-03-31'],
  ['2011-04-02', '2026-05-01', 'LOWER_SECONDARY', 3, '2018-04-01', '2027-03-31'],
  ['2011-04-02', '2027-03-31', 'LOWER_SECONDARY', 3, '2018-04-01', '2027-03-31'],
  ['2011-04-02', '2027-04-01', 'PAST_COMPULSORY', null, '2018-04-01', '2027-03-31'],
  ['2019-07-07', '2026-04-01', 'ELEMENTARY', 1, '2026-04-01', '2035-03-31'],
  ['2019-07-07', '2032-03-31', 'ELEMENTARY', 6, '2026-04-01', '2035-03-31'],
  ['2019-07-07', '2032-04-01', 'LOWER_SECONDARY', 1, '2026-04-01', '2035-03-31'],
  ['2000-01-01', '2026-05-01', 'PAST_COMPULSORY', null, '2006-04-01', '2015-03-31'],
];

describe('school age (the April-1 rule)', () => {
  it.each(TABLE)('born %s, on %s: %s grade %s', (birth, on, stage, grade, entry, end) => {
    expect(schoolAge(birth, on)).toEqual({ stage, grade, elementaryEntryDate: entry, compulsoryEndDate: end });
  });

  it("agrees with the reference's formula for every birth date of 2015–2021 on 1 May and 31 March", () => {
    for (let day = Date.UTC(2015, 0, 1); day <= Date.UTC(2021, 11, 31); day += 86_400_000) {
      const birth = new Date(day).toISOString().slice(0, 10);
      const [year, month, date] = birth.split('-').map(Number);
      const entryYear = month > 4 || (month === 4 && date >= 2) ? year + 7 : year + 6;
      for (const on of ['2026-05-01', '2027-03-31']) {
        const schoolYear = 2026;
        const index = schoolYear - entryYear + 1;
        const expected =
          index < 1 ? 'PRESCHOOL' : index <= 6 ? 'ELEMENTARY' : index <= 9 ? 'LOWER_SECONDARY' : 'PAST_COMPULSORY';
        const found = schoolAge(birth, on);
        expect([birth, on, found.stage]).toEqual([birth, on, expected]);
        expect(found.elementaryEntryDate).toBe(`${entryYear}-04-01`);
        expect(found.compulsoryEndDate).toBe(`${entryYear + 9}-03-31`);
      }
    }
  });

  it('gives the birth-date range of the children in compulsory schooling, matching the stages', () => {
    expect(compulsoryBirthRange('2026-05-01')).toEqual({ bornAfter: '2011-04-01', bornOnOrBefore: '2020-04-01' });
    for (const birth of ['2011-04-01', '2011-04-02', '2020-04-01', '2020-04-02']) {
      const { bornAfter, bornOnOrBefore } = compulsoryBirthRange('2026-05-01');
      const inRange = birth > bornAfter && birth <= bornOnOrBefore;
      const stage = schoolAge(birth, '2026-05-01').stage;
      expect(inRange).toBe(stage === 'ELEMENTARY' || stage === 'LOWER_SECONDARY');
    }
  });
});
