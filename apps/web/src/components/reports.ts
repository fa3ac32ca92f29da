// Reading the reports API (libs/reports): its queries, and published figures and dimensions in words.
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { statusesQuery } from '../api/queries';
import type {
  Framework,
  PublishedValue,
  ReportDefinition,
  ReportRunStatus,
  RerunAccepted,
  ReportRunPage,
} from '../api/types';
import { useMe } from '../session';
import { alertRulesQuery, inLanguage } from './alerts';
import type { Tone } from './kit';
import { levelLabel } from './LanguageTab';

/** The value a total row has in the dimensions it adds up over. */
export const TOTAL = 'TOTAL';
export const RUN_STATUSES: readonly ReportRunStatus[] = ['RUNNING', 'DONE', 'FAILED'];
export const RUN_STATUS_TONES: Record<ReportRunStatus, Tone> = { RUNNING: 'blue', DONE: 'green', FAILED: 'red' };
/** The COVERAGE report's schemes, in the order the API computes them. */
export const COVERAGE_SCHEMES = ['HEALTH', 'PENSION', 'EMPLOYMENT_INSURANCE'] as const;

/** The reports of the signed-in office's scope with their latest published date. */
export const reportsQuery = {
  queryKey: ['reports', 'definitions'],
  queryFn: () => unwrap<ReportDefinition[]>(api.GET('/api/v1/reports')),
};

export const reportRunsKey = (code: string) => ['reports', code, 'runs'];

export const fetchReportRuns = (code: string, cursor?: string) =>
  unwrap<ReportRunPage>(
    api.GET('/api/v1/reports/{code}/runs', { params: { path: { code }, query: { limit: 100, cursor } } }),
  );

/** An administrator's rerun of one report for a date (queued; it replaces that date's run). */
export const rerunReport = (code: string, asOf: string) =>
  unwrap<RerunAccepted>(api.POST('/api/v1/reports/{code}/runs', { params: { path: { code } }, body: { asOf } }));

/** A published cell in words: '<5' and 'x' as published (the legend explains them), a hidden rate as —. */
export function formatValue(t: TFunction, measure: string, value: PublishedValue | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (measure.endsWith('Rate')) return t('reports.percent', { value: value.toLocaleString() });
  if (measure === 'medianDaysToResolve') return t('reports.days', { value: value.toLocaleString() });
  return value.toLocaleString();
}

/** A country code as a name in the reader's language (the browser knows them): ベトナム (VN). */
function regionName(language: string, code: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function ageBand(t: TFunction, band: string): string {
  if (band.endsWith('+')) return t('reports.ageFrom', { from: band.slice(0, -1) });
  const [from, to] = band.split('-');
  return to === undefined ? band : t('reports.ageRange', { from, to });
}

/**
 * Dimension values in words where the screens already name them (statuses of residence, MEXT
 * categories, frameworks and levels, alert rules, report types); anything else as published.
 */
export function useDimensionValue(code: string): (dimension: string, dims: Record<string, string>) => string {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const statuses = useQuery({ ...statusesQuery, enabled: code === 'RESIDENTS' });
  // The rule catalogue is not open to report viewers: their report shows rule codes.
  const rules = useQuery({ ...alertRulesQuery, enabled: code === 'ALERTS' && !!me?.roles.includes('ADMIN') });

  const statusName = (value: string) => {
    if (value === 'NONE') return t('reports.noStatus');
    const status = statuses.data?.find((candidate) => candidate.code === value);
    return status ? `${i18n.language === 'en' ? status.nameEn : status.nameJa} (${value})` : value;
  };

  return (dimension, dims) => {
    const value = dims[dimension];
    if (value === undefined) return '—';
    if (value === TOTAL) return t('reports.total');
    switch (dimension) {
      case 'breakdown':
        return t(`reports.breakdowns.${value}`, { defaultValue: value });
      case 'value':
        if (dims.breakdown === 'NATIONALITY') return regionName(i18n.language, value);
        if (dims.breakdown === 'STATUS') return statusName(value);
        if (dims.breakdown === 'AGE_BAND') return ageBand(t, value);
        return value;
      case 'scheme':
        return t(`reports.schemes.${value}`, { defaultValue: value });
      case 'category':
        return t(`schooling.survey.categories.${value}`, { defaultValue: value });
      case 'framework':
        return t(`proficiency.frameworks.${value}`, { defaultValue: value });
      case 'level':
        return dims.framework && dims.framework !== TOTAL ? levelLabel(t, dims.framework as Framework, value) : value;
      case 'reportType':
        return t(`employerReports.types.${value}`, { defaultValue: value });
      case 'ruleCode': {
        const rule = rules.data?.find((candidate) => candidate.ruleCode === value);
        return rule ? inLanguage(rule.title, i18n.language) : value;
      }
      default:
        return value;
    }
  };
}

/** A measure's name, for column headers and charts. */
export const measureName = (t: TFunction, measure: string) =>
  t(`reports.measures.${measure}`, { defaultValue: measure });
export const dimensionName = (t: TFunction, dimension: string) =>
  t(`reports.dimensions.${dimension}`, { defaultValue: dimension });
