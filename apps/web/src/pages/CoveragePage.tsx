import { Button, Card, Group, NumberInput, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { CoverageGapPage, RenewalCheckPage } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { alphabetName } from '../components/names';
import { StatusName } from '../components/StatusName';

const SCHEMES = ['NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY'] as const;
type Scheme = (typeof SCHEMES)[number];
const PAGE_SIZE = 50;

interface GapFilters {
  scheme: Scheme;
  on?: string;
  nationality?: string;
  ageFrom?: number;
  ageTo?: number;
  district?: string;
}

/** Cursor paging: the cursors of the pages seen so far, to go forward and back to the first. */
function useCursors() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors[cursors.length - 1],
    first: cursors.length === 0,
    next: (cursor: string) => setCursors([...cursors, cursor]),
    reset: () => setCursors([]),
  };
}

/** Who lacks a coverage the law requires, and whose stay ends soon without health insurance. */
export function CoveragePage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('coverage.title')}</Title>
      <Tabs defaultValue="gaps" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="gaps">{t('coverage.gaps')}</Tabs.Tab>
          <Tabs.Tab value="renewals">{t('coverage.renewals')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="gaps" pt="md">
          <GapList />
        </Tabs.Panel>
        <Tabs.Panel value="renewals" pt="md">
          <RenewalChecks />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function GapList() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<GapFilters>({ scheme: 'NHI' });
  const [filters, setFilters] = useState<GapFilters>({ scheme: 'NHI' });
  const paging = useCursors();
  const query = { ...filters, nationality: filters.nationality?.toUpperCase() || undefined };
  const page = useQuery({
    queryKey: ['coverage-gaps', query, paging.cursor],
    queryFn: () =>
      unwrap<CoverageGapPage>(
        api.GET('/api/v1/coverage-gaps', { params: { query: { ...query, cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: ['coverage-gaps-count', query],
    queryFn: () => unwrap<{ count: number }>(api.GET('/api/v1/coverage-gaps/count', { params: { query } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    paging.reset();
    setFilters({ ...draft, district: draft.district?.trim() || undefined, on: draft.on || undefined });
  };
  const language = i18n.language === 'en' ? 'en' : 'ja';

  return (
    <Stack>
      <Text>{t('coverage.gapsHelp')}</Text>
      <Card withBorder>
        <form onSubmit={submit} aria-label={t('coverage.filters')}>
          <Group align="flex-end">
            <Select
              label={t('insurance.scheme')}
              data={SCHEMES.map((scheme) => ({ value: scheme, label: t(`insurance.schemes.${scheme}`) }))}
              value={draft.scheme}
              onChange={(value) => value && setDraft({ ...draft, scheme: value as Scheme })}
              allowDeselect={false}
            />
            <TextInput
              label={t('coverage.on')}
              type="date"
              value={draft.on ?? ''}
              onChange={(event) => setDraft({ ...draft, on: event.currentTarget.value })}
            />
            <TextInput
              label={t('coverage.nationality')}
              placeholder="VN"
              maxLength={2}
              w={110}
              value={draft.nationality ?? ''}
              onChange={(event) => setDraft({ ...draft, nationality: event.currentTarget.value || undefined })}
            />
            <NumberInput
              label={t('coverage.ageFrom')}
              min={0}
              max={130}
              w={100}
              value={draft.ageFrom ?? ''}
              onChange={(value) => setDraft({ ...draft, ageFrom: typeof value === 'number' ? value : undefined })}
            />
            <NumberInput
              label={t('coverage.ageTo')}
              min={0}
              max={130}
              w={100}
              value={draft.ageTo ?? ''}
              onChange={(value) => setDraft({ ...draft, ageTo: typeof value === 'number' ? value : undefined })}
            />
            <TextInput
              label={t('coverage.district')}
              value={draft.district ?? ''}
              onChange={(event) => setDraft({ ...draft, district: event.currentTarget.value })}
            />
            <Button type="submit">{t('coverage.show')}</Button>
          </Group>
        </form>
      </Card>
      {page.isError && <ErrorNotice error={page.error} />}
      {count.data && (
        <Text fw={600} data-testid="gap-count">
          {t('coverage.count', { count: count.data.count })}
        </Text>
      )}
      {page.data && (
        <>
          <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('coverage.gaps')}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {(['name', 'kana', 'age', 'nationality', 'status', 'expiry', 'reason'] as const).map((column) => (
                    <Table.Th key={column}>{t(`coverage.columns.${column}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.items.map((gap) => (
                  <Table.Tr key={gap.residentId}>
                    <Table.Td>
                      <Link to="/residents/$residentId" params={{ residentId: gap.residentId }}>
                        {alphabetName(gap)}
                      </Link>
                    </Table.Td>
                    <Table.Td>{gap.kanaName}</Table.Td>
                    <Table.Td>{t('coverage.age', { age: gap.age, birthDate: gap.birthDate })}</Table.Td>
                    <Table.Td>{gap.nationality}</Table.Td>
                    <Table.Td>
                      <StatusName code={gap.statusCode} />
                    </Table.Td>
                    <Table.Td>{gap.stayExpiryDate}</Table.Td>
                    <Table.Td>{gap.reasonText[language]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            {!paging.first && (
              <Button variant="default" onClick={paging.reset}>
                {t('residents.first')}
              </Button>
            )}
            {page.data.nextCursor && (
              <Button variant="default" onClick={() => paging.next(page.data.nextCursor!)}>
                {t('residents.next')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}

function RenewalChecks() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState('90');
  const paging = useCursors();
  const page = useQuery({
    queryKey: ['renewal-checks', days, paging.cursor],
    queryFn: () =>
      unwrap<RenewalCheckPage>(
        api.GET('/api/v1/renewal-checks', {
          params: { query: { expiresWithinDays: Number(days), cursor: paging.cursor, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const language = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <Stack>
      <Text>{t('coverage.renewalsHelp')}</Text>
      <Select
        label={t('coverage.window')}
        w={220}
        data={['30', '60', '90', '180'].map((value) => ({
          value,
          label: t('coverage.days', { count: Number(value) }),
        }))}
        value={days}
        onChange={(value) => {
          if (!value) return;
          paging.reset();
          setDays(value);
        }}
        allowDeselect={false}
      />
      {page.isError && <ErrorNotice error={page.error} />}
      {page.data && page.data.items.length === 0 && <Text>{t('coverage.noRenewals')}</Text>}
      {page.data && page.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={t('coverage.renewals')}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {(['name', 'expiry', 'daysLeft', 'status', 'reason'] as const).map((column) => (
                  <Table.Th key={column}>{t(`coverage.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((check) => (
                <Table.Tr key={check.residentId}>
                  <Table.Td>
                    <Link to="/residents/$residentId" params={{ residentId: check.residentId }}>
                      {alphabetName(check)}
                    </Link>
                  </Table.Td>
                  <Table.Td>{check.stayExpiryDate}</Table.Td>
                  <Table.Td>{check.daysLeft}</Table.Td>
                  <Table.Td>
                    <StatusName code={check.statusCode} />
                  </Table.Td>
                  <Table.Td>{check.reasonText[language]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page.data?.nextCursor && (
        <Button variant="default" w={160} onClick={() => paging.next(page.data.nextCursor!)}>
          {t('residents.next')}
        </Button>
      )}
    </Stack>
  );
}
