import { reportDeadline, reportTiming } from './deadlines.js';

describe('deadlines of foreign-employment reports', () => {
  it.each([
    // insured hire: the 10th of the following month
    ['HIRE', true, '2026-10-01', '2026-11-10'],
    ['HIRE', true, '2026-10-31', '2026-11-10'],
    ['HIRE', true, '2026-12-15', '2027-01-10'],
    ['HIRE', true, '2024-01-31', '2024-02-10'],
    // insured separation: 10 days counted from the day after
    ['SEPARATION', true, '2026-10-01', '2026-10-11'],
    ['SEPARATION', true, '2026-10-25', '2026-11-04'],
    ['SEPARATION', true, '2026-12-28', '2027-01-07'],
    ['SEPARATION', true, '2024-02-20', '2024-03-01'],
    ['SEPARATION', true, '2023-02-20', '2023-03-02'],
    // not insured: the end of the following month
    ['HIRE', false, '2026-10-01', '2026-11-30'],
    ['HIRE', false, '2024-01-31', '2024-02-29'],
    ['HIRE', false, '2023-01-15', '2023-02-28'],
    ['SEPARATION', false, '2026-12-31', '2027-01-31'],
    ['SEPARATION', false, '2026-08-31', '2026-09-30'],
  ] as const)('%s insured=%s on %s is due %s', (type, insured, event, deadline) => {
    expect(reportDeadline(type, insured, event)).toBe(deadline);
  });

  it('counts the days late from the deadline, and 0 when on time', () => {
    expect(reportTiming('HIRE', true, '2026-10-05', '2026-11-10')).toEqual({ deadline: '2026-11-10', daysLate: 0 });
    expect(reportTiming('HIRE', true, '2026-10-05', '2026-11-13')).toEqual({ deadline: '2026-11-10', daysLate: 3 });
    expect(reportTiming('HIRE', false, '2024-01-31', '2024-03-01')).toEqual({ deadline: '2024-02-29', daysLate: 1 });
    expect(reportTiming('SEPARATION', true, '2026-10-01', '2026-10-02')).toMatchObject({ daysLate: 0 });
  });
});
