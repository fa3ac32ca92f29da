import { addDays, compulsorySchooling, fiscalYearOf, isIsoDate, officeDate } from './office-dates.js';

describe('office dates', () => {
  it('gives the Tokyo calendar date even when UTC is still on the previous day', () => {
    expect(officeDate(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(officeDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });

  it('puts 1 April in the new fiscal year and 31 March in the old one', () => {
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
  });

  it('puts a child born on 1 April in the earlier school year than one born on 2 April', () => {
    expect(compulsorySchooling('2019-04-01')).toEqual({ elementaryEntry: '2025-04-01', end: '2034-03-31' });
    expect(compulsorySchooling('2019-04-02')).toEqual({ elementaryEntry: '2026-04-01', end: '2035-03-31' });
    expect(compulsorySchooling('2020-01-15').elementaryEntry).toBe('2026-04-01');
  });

  it('adds days across month ends and rejects impossible dates', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false); // PostgreSQL has no year 0
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
});
