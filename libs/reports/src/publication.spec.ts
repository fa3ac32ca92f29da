import { spreadsheetCsvLine } from '@app/platform';
import { REPORT_BY_CODE } from './definitions.js';
import { publishedValue, tabulate } from './publication.js';
import { recoverableCells } from './suppression.js';

describe('report publication', () => {
  it('adds the total rows, computes the rates, and hides a rate with its counts', () => {
    const rows = tabulate(
      REPORT_BY_CODE.get('EMPLOYER_REPORTS')!,
      [
        { dims: { reportType: 'HIRE' }, values: { received: 40, onTime: 37, late: 3 } },
        { dims: { reportType: 'SEPARATION' }, values: { received: 12, onTime: 12, late: 0 } },
      ],
      5,
    );
    expect(rows.map((row) => [row.dims.reportType, row.values.received, row.suppressed])).toEqual([
      ['HIRE', 40, ['onTime', 'late', 'lateRate']],
      ['SEPARATION', 12, ['onTime', 'late', 'lateRate']],
      ['TOTAL', 52, ['onTime', 'late', 'lateRate']],
    ]);
    expect(rows[0].values.lateRate).toBe(7.5);
    const published = rows.map((row) => publishedValue(row, 'onTime', 5, ['received', 'onTime', 'late']));
    // 37, 12 and 49 are hidden only to protect the small ones: shown as x, not as "<5".
    expect(published).toEqual(['x', 'x', 'x']);
    expect(publishedValue(rows[0], 'late', 5, ['received', 'onTime', 'late'])).toBe('<5');
    expect(publishedValue(rows[0], 'lateRate', 5, ['received', 'onTime', 'late'])).toBeNull();
  });

  it('leaves no hidden count recoverable across the total rows and the row relations', () => {
    const definition = REPORT_BY_CODE.get('LANGUAGE_COURSES')!;
    const rows = tabulate(
      definition,
      ['A1', 'A2', 'B1'].map((level, i) => ({
        dims: { courseLevel: level },
        values: {
          enrolled: 10 + i * 7,
          completed: i === 1 ? 2 : 6,
          dropped: i,
          ongoing: 10 + i * 7 - (i === 1 ? 2 : 6) - i,
        },
      })),
      5,
    );
    const values = new Map<string, number>();
    const hidden = new Set<string>();
    rows.forEach((row, index) =>
      definition.counts.forEach((measure) => {
        values.set(`${index}:${measure}`, row.values[measure] as number);
        if (row.suppressed.includes(measure)) hidden.add(`${index}:${measure}`);
      }),
    );
    const relations = [
      ...definition.counts.map((measure) => ({
        total: `3:${measure}`,
        parts: [0, 1, 2].map((i) => `${i}:${measure}`),
      })),
      ...rows.map((_, index) => ({
        total: `${index}:enrolled`,
        parts: ['completed', 'dropped', 'ongoing'].map((m) => `${index}:${m}`),
      })),
    ];
    expect(recoverableCells(values, relations, hidden)).toEqual([]);
    for (const [id, value] of values) if (value < 5) expect(hidden.has(id)).toBe(true);
  });

  it('escapes spreadsheet formulas in CSV text cells, not in numbers', () => {
    expect(spreadsheetCsvLine(['=SUM(A1)', '+1', '-2', '@x', 'plain', -3, 5])).toBe(
      "'=SUM(A1),'+1,'-2,'@x,plain,-3,5\n",
    );
  });
});
