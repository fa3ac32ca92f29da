import type { Role } from '@app/platform';

export type ScopeKind = 'MUNICIPALITY' | 'PESO';

/** Where a report counts: a municipality, or a PESO office's jurisdiction (without special permanent residents). */
export interface ReportScope {
  kind: ScopeKind;
  /** The municipality code, or the PESO organization's id. */
  key: string;
  municipalityCodes: string[];
  excludeSpecialPermanent: boolean;
}

/** A measure computed from the counts of its row after suppression (hidden when any of them is). */
export interface DerivedMeasure {
  name: string;
  dependsOn: readonly string[];
  /** From the row's counts; null when undefined (a zero denominator). Absent: the query gives it. */
  compute?: (values: Readonly<Record<string, number>>) => number | null;
}

/**
 * The catalogue: what each report shows, to whom, for which scopes, and how its cells add up (so
 * that suppression knows which totals could give a hidden cell away). How each is computed is in
 * report-queries.ts; `enabled` is data (report_definition).
 */
export interface ReportDefinition {
  code: string;
  title: { ja: string; en: string };
  dimensions: readonly string[];
  /** Additive counts: these get totals and are suppressed under k. */
  counts: readonly string[];
  derived: readonly DerivedMeasure[];
  /** Within one row, a count that is the sum of others (population = covered + uncovered). */
  rowRelations: ReadonlyArray<{ total: string; parts: readonly string[] }>;
  /** Total rows: one per group of these dimensions ([] = one grand total); null = none (not additive). */
  totalsBy: readonly string[] | null;
  audience: readonly Role[];
  scopes: readonly ScopeKind[];
}

export const percent = (numerator: string, denominator: string) => (values: Readonly<Record<string, number>>) =>
  values[denominator] > 0 ? Math.round((1000 * values[numerator]) / values[denominator]) / 10 : null;

const VIEWERS: readonly Role[] = ['REPORT_VIEWER', 'ADMIN'];

export const REPORTS: readonly ReportDefinition[] = [
  {
    code: 'RESIDENTS',
    title: {
      ja: '外国人住民数（国籍・在留資格・年齢層別）',
      en: 'Foreign residents by nationality, status and age band',
    },
    dimensions: ['breakdown', 'value'],
    counts: ['residents'],
    derived: [],
    rowRelations: [],
    totalsBy: ['breakdown'],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY', 'PESO'],
  },
  {
    code: 'COVERAGE',
    title: {
      ja: '社会保険の加入率（健康保険・年金・雇用保険）',
      en: 'Coverage rate per scheme (health insurance, pension, employment insurance)',
    },
    dimensions: ['scheme'],
    counts: ['population', 'covered', 'uncovered'],
    derived: [
      { name: 'coverageRate', dependsOn: ['covered', 'population'], compute: percent('covered', 'population') },
    ],
    rowRelations: [{ total: 'population', parts: ['covered', 'uncovered'] }],
    totalsBy: null,
    audience: VIEWERS,
    scopes: ['MUNICIPALITY', 'PESO'],
  },
  {
    code: 'LANGUAGE_COURSES',
    title: { ja: '日本語教室の受講・修了（年度）', en: 'Japanese courses: enrolment and completion (fiscal year)' },
    dimensions: ['courseLevel'],
    counts: ['enrolled', 'completed', 'dropped', 'ongoing'],
    derived: [
      { name: 'completionRate', dependsOn: ['completed', 'enrolled'], compute: percent('completed', 'enrolled') },
    ],
    rowRelations: [{ total: 'enrolled', parts: ['completed', 'dropped', 'ongoing'] }],
    totalsBy: [],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY'],
  },
  {
    code: 'PROFICIENCY',
    title: { ja: '日本語能力の分布（最新の評価）', en: 'Japanese proficiency (latest assessment per framework)' },
    dimensions: ['framework', 'level'],
    counts: ['residents'],
    derived: [],
    rowRelations: [],
    totalsBy: ['framework'],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY'],
  },
  {
    code: 'ORIENTATION_REACH',
    title: {
      ja: '転入者のオリエンテーション参加（転入月別）',
      en: 'Orientation reach among newcomers (by month moved in)',
    },
    dimensions: ['movedInMonth'],
    counts: ['newcomers', 'attended', 'notAttended'],
    derived: [{ name: 'reachRate', dependsOn: ['attended', 'newcomers'], compute: percent('attended', 'newcomers') }],
    rowRelations: [{ total: 'newcomers', parts: ['attended', 'notAttended'] }],
    totalsBy: [],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY'],
  },
  {
    code: 'SCHOOL_ENROLMENT',
    title: {
      ja: '外国人の子供の就学状況（文部科学省調査の区分）',
      en: "Foreign children's schooling (MEXT categories)",
    },
    dimensions: ['category'],
    counts: ['elementary', 'lowerSecondary', 'total'],
    derived: [],
    rowRelations: [{ total: 'total', parts: ['elementary', 'lowerSecondary'] }],
    totalsBy: [],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY'],
  },
  {
    code: 'ALERTS',
    title: { ja: 'アラートの発生と解決（直近30日）', en: 'Alerts opened and resolved (last 30 days)' },
    dimensions: ['ruleCode'],
    counts: ['opened', 'resolved', 'openAtEnd'],
    derived: [{ name: 'medianDaysToResolve', dependsOn: ['resolved'] }],
    rowRelations: [],
    totalsBy: [],
    audience: VIEWERS,
    scopes: ['MUNICIPALITY', 'PESO'],
  },
  {
    code: 'EMPLOYER_REPORTS',
    title: { ja: '外国人雇用状況の届出と遅延（直近30日）', en: "Employers' reports and lateness (last 30 days)" },
    dimensions: ['reportType'],
    counts: ['received', 'onTime', 'late'],
    derived: [{ name: 'lateRate', dependsOn: ['late', 'received'], compute: percent('late', 'received') }],
    rowRelations: [{ total: 'received', parts: ['onTime', 'late'] }],
    totalsBy: [],
    audience: VIEWERS,
    scopes: ['PESO'],
  },
];

export const REPORT_BY_CODE = new Map(REPORTS.map((report) => [report.code, report]));
