// Small pieces shared by the language, orientation and case screens.
import { Anchor, Badge, Button, Group, SimpleGrid, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useMe } from '../session';
import { officeLabel, useOffices } from './OfficeSelect';

/** Dark shades only: white text on them keeps WCAG AA contrast (Mantine's filled light shades do not). */
const TONES = {
  green: '#1b5e20',
  red: '#b71c1c',
  amber: '#8a4600',
  blue: '#0d47a1',
  purple: '#4a148c',
  gray: '#424242',
} as const;
export type Tone = keyof typeof TONES;

export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Badge color={TONES[tone]}>{children}</Badge>;
}

/**
 * A failed request in words: our own for a stale version, the fields' reasons for bad input, and
 * the server's detail otherwise (it says why, e.g. that the resident has not consented).
 */
export function problemMessage(t: TFunction, error: unknown, fieldLabel?: (field: string) => string): string {
  if (!(error instanceof ApiError))
    return t('common.error', { message: error instanceof Error ? error.message : String(error) });
  const problem = error.problem;
  if (problem.type?.endsWith(':version-conflict') || problem.status === 412) return t('common.conflict');
  if (problem.errors?.length)
    return problem.errors.map((entry) => `${fieldLabel?.(entry.field) ?? entry.field}: ${entry.reason}`).join(' ');
  if (problem.status === 404) return t('common.notFound');
  if (problem.status === 403) return [t('common.forbidden'), problem.detail].filter(Boolean).join(' ');
  return problem.detail ?? problem.title ?? t('common.error', { message: `HTTP ${problem.status}` });
}

export const isConflict = (error: unknown) =>
  error instanceof ApiError && (error.problem.type?.endsWith(':version-conflict') || error.problem.status === 412);

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Text c="red.8" role="alert" mt="xs" size="sm">
      {message}
    </Text>
  );
}

/** Label and value pairs, as the resident overview shows them. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" component="dl">
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" c="gray.7">
            {label}
          </Text>
          <Text component="dd" m={0}>
            {value === null || value === undefined || value === '' ? '—' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** A CSV download from the API (the session cookie goes with it). */
export function CsvLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} download>
      {children}
    </Anchor>
  );
}

/**
 * An office: "your office" when it is the signer's own. The API has no office directory for
 * caseworkers and counselors, so other offices are shown by their id.
 */
export function OfficeLabel({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const office = useOffices().data?.find((candidate) => candidate.id === id);
  if (me && id === me.orgId) return <>{t('cases.ownOffice', { name: me.user?.organization.name ?? '' })}</>;
  if (office) return <>{officeLabel(t, office)}</>;
  return (
    <Text span ff="monospace" size="sm">
      {id}
    </Text>
  );
}

/** Cursor paging: the cursors of the pages seen so far, to go forward and back to the first. */
export function useCursors() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors[cursors.length - 1],
    first: cursors.length === 0,
    next: (cursor: string) => setCursors([...cursors, cursor]),
    reset: () => setCursors([]),
  };
}

/** "First page" and "next page" under a list paged with `useCursors`. */
export function PageButtons({
  paging,
  nextCursor,
}: {
  paging: ReturnType<typeof useCursors>;
  nextCursor: string | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      {!paging.first && (
        <Button variant="default" onClick={paging.reset}>
          {t('residents.first')}
        </Button>
      )}
      {nextCursor && (
        <Button variant="default" onClick={() => paging.next(nextCursor)}>
          {t('residents.next')}
        </Button>
      )}
    </Group>
  );
}

/** A language code in words where the catalog knows it: ja-easy → やさしい日本語. */
export function languageName(t: TFunction, code: string | null | undefined): string {
  if (!code) return '—';
  return t(`languages.${code}`, { defaultValue: code });
}
