// Value lists, colours and reference data of the schooling API (libs/schooling), shared by its screens.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { School, SchoolingStatus, SchoolStage } from '../api/types';
import type { Tone } from './kit';

// The API's own lists (schooling-codes.ts imports nothing), so the screens offer exactly what it accepts.
import { SCHOOLING_STATUSES } from '../../../../libs/schooling/src/schooling-codes';
export {
  ABSENCE_REASONS,
  GUIDE_RESPONSES,
  LONG_ABSENCE_DAYS,
  RECORDED_SCHOOLING_STATUSES,
  SCHOOL_KINDS,
} from '../../../../libs/schooling/src/schooling-codes';

/** The sources a person records a status from (the others are written by enrolments and guide answers). */
export const STATUS_SOURCES = ['HOME_VISIT', 'MANUAL'] as const;
export const ROSTER_STAGES = ['ELEMENTARY', 'LOWER_SECONDARY'] as const;
/**
 * The MEXT categories, in the survey's order: every child is in exactly one, so they add up to the
 * survey's TOTAL row (its POSSIBLY_NOT_ENROLLED row is a sum of three of them).
 */
export const SURVEY_CATEGORIES: readonly SchoolingStatus[] = SCHOOLING_STATUSES;

/** CreateSchoolDto's pattern for the board's school code. */
export const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,20}$/;
export const NOTE_MAX = 2000;

export const STATUS_TONES: Record<SchoolingStatus, Tone> = {
  ENROLLED_COMPULSORY: 'green',
  ENROLLED_FOREIGN_SCHOOL: 'blue',
  NOT_ENROLLED: 'red',
  MOVED_OR_LEFT: 'gray',
  UNCONFIRMED: 'amber',
  NOT_TRACKED: 'purple',
};

/** 小学3年相当; a child before or past compulsory schooling has a stage but no grade. */
export function stageGrade(t: TFunction, stage: SchoolStage, grade: number | null): string {
  if (grade === null || stage === 'PRESCHOOL' || stage === 'PAST_COMPULSORY') return t(`schooling.stages.${stage}`);
  return t(`schooling.stageGrade.${stage}`, { grade });
}

/** The roster's filters, kept in the address so that the back button from a child returns to them. */
export interface RosterSearch {
  on?: string;
  stage?: (typeof ROSTER_STAGES)[number];
  status?: SchoolingStatus;
  longAbsence?: boolean;
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export function rosterSearch(search: Record<string, unknown>): RosterSearch {
  return {
    on: typeof search.on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.on) ? search.on : undefined,
    stage: oneOf(ROSTER_STAGES, search.stage),
    status: oneOf(SURVEY_CATEGORIES, search.status),
    longAbsence: search.longAbsence === true || search.longAbsence === 'true' ? true : undefined,
  };
}

/** The municipality's schools: few, and changed rarely. */
export const schoolsQuery = {
  queryKey: ['schools'],
  queryFn: () => unwrap<School[]>(api.GET('/api/v1/schools')),
  staleTime: 60_000,
};

export const childSchoolingKey = (residentId: string) => ['child-schooling', residentId];

/** After a change to a child: the record, and the lists and counts it appears in. */
export async function childChanged(client: QueryClient, residentId: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: childSchoolingKey(residentId) }),
    client.invalidateQueries({ queryKey: ['school-age-children'] }),
    client.invalidateQueries({ queryKey: ['mext-survey'] }),
  ]);
}

/**
 * The API's reasons for the form's own fields, to show under each; null when the failure is about
 * something else (a conflict, a missing record), which the form says above its button instead.
 */
export function fieldErrors(error: unknown, fields: readonly string[]): Record<string, string> | null {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return null;
  if (!error.problem.errors.every((entry) => fields.includes(entry.field))) return null;
  return Object.fromEntries(error.problem.errors.map((entry) => [entry.field, entry.reason]));
}

/**
 * What the forms of a child's schooling share: their own checks first (reasons under the fields),
 * then the request; the API's reasons for the form's fields go under them, anything else above
 * the button; after a save the child's schooling, the roster and the survey are read again.
 */
export function useChildForm(residentId: string, fields: readonly string[]) {
  const client = useQueryClient();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  /** Sends when `problems` is empty; true once saved. */
  const submit = async (problems: Record<string, string>, send: () => Promise<unknown>): Promise<boolean> => {
    setDone(false);
    setInvalid(problems);
    setError(null);
    if (Object.keys(problems).length) return false;
    setBusy(true);
    try {
      await send();
      setDone(true);
      await childChanged(client, residentId);
      return true;
    } catch (caught) {
      const reasons = fieldErrors(caught, fields);
      if (reasons) setInvalid(reasons);
      else setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { invalid, error, busy, done, clearError: () => setError(null), submit };
}

/** A problem of the schooling API with a slug of its own (urn:kyosei:problem:<slug>). */
export const problemIs = (error: unknown, slug: string) =>
  error instanceof ApiError && (error.problem.type?.endsWith(`:${slug}`) ?? false);

/** A school year as people write it: 2026年度. */
export const schoolYearLabel = (t: TFunction, year: number) => t('schooling.yearValue', { year });
