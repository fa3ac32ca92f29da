import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PublishedReport, PublishedRow, PublishedValue } from '../api/types';
import { ReportBars, type ReportBar } from './ReportBars';
import { formatValue, useDimensionValue } from './reports';

/** The chart of one run, for the reports that have one (COVERAGE's is over time: CoverageTrendChart). */
export function ReportRunChart({ report }: { report: PublishedReport }) {
  if (report.run.reportCode === 'SCHOOL_ENROLMENT') return <CategoryBars report={report} />;
  if (report.run.reportCode === 'LANGUAGE_COURSES') return <CompletionBars report={report} />;
  return null;
}

/** A hidden count in words: '<5' is "under 5", 'x' is "not published". */
function countText(t: TFunction, value: PublishedValue | undefined): string {
  if (typeof value === 'number') return t('reports.charts.count', { count: value, value: value.toLocaleString() });
  if (typeof value === 'string' && value.startsWith('<')) return t('reports.charts.under', { k: value.slice(1) });
  return t('reports.charts.hidden');
}

const parts = (report: PublishedReport): PublishedRow[] => report.rows.filter((row) => !row.isTotal);

/** SCHOOL_ENROLMENT: the children of each MEXT category as a share of all of them. */
function CategoryBars({ report }: { report: PublishedReport }) {
  const { t } = useTranslation();
  const dimensionValue = useDimensionValue(report.run.reportCode);
  const all = report.rows.find((row) => row.isTotal)?.values.total;
  const bars: ReportBar[] = parts(report).map((row) => {
    const count = row.values.total;
    const percent =
      typeof count === 'number' && typeof all === 'number' && all > 0 ? Math.round((1000 * count) / all) / 10 : null;
    return {
      key: row.dims.category,
      label: dimensionValue('category', row.dims),
      percent,
      text:
        percent === null
          ? countText(t, count)
          : t('reports.charts.countShare', { count: count as number, value: count!.toLocaleString(), percent }),
    };
  });
  return <ReportBars title={t('reports.charts.categories')} bars={bars} color="indigo.8" testId="report-chart" />;
}

/** LANGUAGE_COURSES: completion per starting level (completed of enrolled). */
function CompletionBars({ report }: { report: PublishedReport }) {
  const { t } = useTranslation();
  const dimensionValue = useDimensionValue(report.run.reportCode);
  const bars: ReportBar[] = parts(report).map((row) => {
    const rate = row.values.completionRate;
    return {
      key: row.dims.courseLevel,
      label: dimensionValue('courseLevel', row.dims),
      percent: typeof rate === 'number' ? rate : null,
      text: t('reports.charts.completion', {
        completed: formatValue(t, 'completed', row.values.completed),
        enrolled: formatValue(t, 'enrolled', row.values.enrolled),
        rate: formatValue(t, 'completionRate', rate),
      }),
    };
  });
  return <ReportBars title={t('reports.charts.completionTitle')} bars={bars} color="teal.9" testId="report-chart" />;
}
