// Value lists and reference data of the alerts API (libs/alerts), shared by the router and the screens.
import { api, unwrap } from '../api/client';
import type { AlertAction, AlertRule, AlertSeverity, AlertStatus, Bilingual, Me } from '../api/types';
import type { Tone } from './kit';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['CRITICAL', 'WARNING', 'INFO'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'];
export const SEVERITY_TONES: Record<AlertSeverity, Tone> = { CRITICAL: 'red', WARNING: 'amber', INFO: 'blue' };
export const ALERT_STATUS_TONES: Record<AlertStatus, Tone> = {
  OPEN: 'red',
  ACKNOWLEDGED: 'purple',
  RESOLVED: 'green',
  DISMISSED: 'gray',
};

/** What a person may do with an alert in each status (the API refuses the rest). */
export const ALERT_ACTIONS: Record<AlertStatus, readonly AlertAction[]> = {
  OPEN: ['ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'],
  ACKNOWLEDGED: ['RESOLVED', 'DISMISSED'],
  RESOLVED: [],
  DISMISSED: [],
};

/** The API's limit on a dismissal's reason. */
export const DISMISS_REASON_MAX = 1000;

/** The alerts page's filters, kept in the address so that the dashboard can link to one rule. */
export interface AlertSearch {
  status?: AlertStatus;
  ruleCode?: string;
  severity?: AlertSeverity;
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export function alertSearch(search: Record<string, unknown>): AlertSearch {
  return {
    status: oneOf(ALERT_STATUSES, search.status),
    // The API's pattern for a rule code: anything else would only earn a 400.
    ruleCode:
      typeof search.ruleCode === 'string' && /^[A-Z0-9_]{1,60}$/.test(search.ruleCode) ? search.ruleCode : undefined,
    severity: oneOf(ALERT_SEVERITIES, search.severity),
  };
}

/** Titles and reasons come in Japanese and English; the reader's language picks one. */
export const inLanguage = (text: Bilingual, language: string): string => (language === 'en' ? text.en : text.ja);

/** The rule catalogue: reference data, fetched once per session. */
export const alertRulesQuery = {
  queryKey: ['alert-rules'],
  queryFn: () => unwrap<AlertRule[]>(api.GET('/api/v1/alert-rules')),
  staleTime: Infinity,
};

/** The rules whose alerts the signed-in person's office works (the API shows no others). */
export const rulesFor = (me: Me, rules: readonly AlertRule[]) =>
  rules.filter((rule) => rule.owner === 'CASE_OWNER' || (me.roles as readonly string[]).includes(rule.owner));
