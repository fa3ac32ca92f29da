import { partTimeBreaches } from './part-time-limit.js';

const days = (entries: Array<[string, number]>) => entries.map(([date, hours]) => ({ date, hours }));

describe('the 28-hour limit on part-time work', () => {
  it('allows exactly 28 hours in any 7 days', () => {
    expect(
      partTimeBreaches(
        days([
          ['2026-11-02', 7],
          ['2026-11-03', 7],
          ['2026-11-05', 7],
          ['2026-11-08', 7],
        ]),
      ),
    ).toEqual([]);
  });

  it('counts any 7 consecutive days, not calendar weeks', () => {
    // Fri–Thu: 4 × 8 = 32 hours although no Monday–Sunday week has more than 24.
    const breaches = partTimeBreaches(
      days([
        ['2026-11-06', 8],
        ['2026-11-07', 8],
        ['2026-11-09', 8],
        ['2026-11-12', 8],
      ]),
    );
    expect(breaches).toEqual([{ from: '2026-11-06', to: '2026-11-12', hours: 32, limit: 28, rule: 'WEEKLY_28' }]);
  });

  it('adds hours of two jobs on the same day', () => {
    const breaches = partTimeBreaches(
      days([
        ['2026-11-02', 20],
        ['2026-11-02', 10],
      ]),
    );
    expect(breaches).toMatchObject([{ hours: 30 }]);
  });

  it('allows 8 hours a day in the long vacation, and flags a ninth hour', () => {
    const vacation = [{ from: '2026-08-01', to: '2026-09-15' }];
    const summer = days([1, 2, 3, 4, 5, 6].map((d) => [`2026-08-0${d}`, 8] as [string, number]));
    expect(partTimeBreaches(summer, vacation)).toEqual([]);
    expect(partTimeBreaches(days([['2026-08-10', 9]]), vacation)).toEqual([
      { from: '2026-08-10', to: '2026-08-10', hours: 9, limit: 8, rule: 'VACATION_DAILY_8' },
    ]);
    // The week after the vacation counts only the days outside it.
    expect(
      partTimeBreaches(
        days([
          ['2026-09-14', 8],
          ['2026-09-15', 8],
          ['2026-09-16', 8],
          ['2026-09-17', 8],
        ]),
        vacation,
      ),
    ).toEqual([]);
  });

  it('crosses month and year ends', () => {
    const breaches = partTimeBreaches(
      days([
        ['2026-12-29', 10],
        ['2026-12-31', 10],
        ['2027-01-02', 10],
      ]),
    );
    expect(breaches).toEqual([{ from: '2026-12-27', to: '2027-01-02', hours: 30, limit: 28, rule: 'WEEKLY_28' }]);
  });
});
