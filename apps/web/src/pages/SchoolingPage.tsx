import { Card, Checkbox, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { SchoolAgeChildrenPage, SchoolingStatus } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageButtons, useCursors } from '../components/kit';
import { alphabetName } from '../components/names';
import {
  LONG_ABSENCE_DAYS,
  ROSTER_STAGES,
  rosterSearch,
  stageGrade,
  SURVEY_CATEGORIES,
  type RosterSearch,
} from '../components/schooling';
import { SchoolingStatusBadge } from '../components/SchoolingStatusBadge';

const PAGE_SIZE = 50;

/** The foreign children of compulsory-school age on a date, with their MEXT category, school and absences. */
export function SchoolingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ from: '/schooling' });
  const change = (next: Partial<RosterSearch>) =>
    void navigate({ to: '/schooling', search: rosterSearch({ ...search, ...next }) });

  return (
    <Stack>
      <Title order={2}>{t('schooling.roster.title')}</Title>
      <Text>{t('schooling.roster.help', { days: LONG_ABSENCE_DAYS })}</Text>
      <Card withBorder>
        <Group align="flex-end" role="group" aria-label={t('schooling.roster.filters')}>
          <TextInput
            label={t('schooling.roster.on')}
            description={t('schooling.roster.onHelp')}
            type="date"
            value={search.on ?? ''}
            // A half-typed date is not sent: the API would refuse it.
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (value === '' || isIsoDate(value)) change({ on: value || undefined });
            }}
          />
          <Select
            label={t('schooling.roster.stage')}
            placeholder={t('schooling.roster.all')}
            data={ROSTER_STAGES.map((value) => ({ value, label: t(`schooling.stages.${value}`) }))}
            value={search.stage ?? null}
            onChange={(value) => change({ stage: (value as RosterSearch['stage'] | null) ?? undefined })}
            clearable
            w={180}
          />
          <Select
            label={t('schooling.roster.status')}
            placeholder={t('schooling.roster.all')}
            data={SURVEY_CATEGORIES.map((value) => ({ value, label: t(`schooling.statuses.${value}`) }))}
            value={search.status ?? null}
            onChange={(value) => change({ status: (value as SchoolingStatus | null) ?? undefined })}
            clearable
            w={240}
          />
          <Checkbox
            mb={8}
            label={t('schooling.roster.longAbsenceOnly', { days: LONG_ABSENCE_DAYS })}
            checked={search.longAbsence ?? false}
            onChange={(event) => change({ longAbsence: event.currentTarget.checked || undefined })}
          />
        </Group>
      </Card>
      {/* New filters start again from the first page, however they were set (a link, the back button). */}
      <Roster key={JSON.stringify(search)} search={search} />
    </Stack>
  );
}

function Roster({ search }: { search: RosterSearch }) {
  const { t } = useTranslation();
  const paging = useCursors();
  const query = {
    on: search.on,
    stage: search.stage,
    status: search.status,
    longAbsence: search.longAbsence ? 'true' : undefined,
  };
  const children = useQuery({
    queryKey: ['school-age-children', query, paging.cursor],
    queryFn: () =>
      unwrap<SchoolAgeChildrenPage>(
        api.GET('/api/v1/school-age-children', {
          params: { query: { ...query, cursor: paging.cursor, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  if (children.isError) return <ErrorNotice error={children.error} />;
  if (children.isPending) return <Loader aria-label={t('common.loading')} />;
  const { on, items, nextCursor } = children.data;
  return (
    <>
      <Text fw={700}>{t('schooling.roster.asOf', { date: on })}</Text>
      {items.length === 0 ? (
        <Text>{t('schooling.roster.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1100} tabIndex={0} aria-label={t('schooling.roster.title')}>
          <Table striped highlightOnHover data-testid="school-age-children">
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'name',
                    'kana',
                    'kanji',
                    'birthDate',
                    'stageGrade',
                    'status',
                    'school',
                    'japanese',
                    'absent',
                  ] as const
                ).map((column) => (
                  <Table.Th key={column}>{t(`schooling.roster.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((child) => {
                const long = child.absentDays >= LONG_ABSENCE_DAYS;
                return (
                  <Table.Tr key={child.residentId}>
                    <Table.Td>
                      <Link to="/residents/$residentId" params={{ residentId: child.residentId }}>
                        {alphabetName(child)}
                      </Link>
                    </Table.Td>
                    <Table.Td>{child.kanaName ?? '—'}</Table.Td>
                    <Table.Td>{child.kanjiName ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{child.birthDate}</Table.Td>
                    <Table.Td>{stageGrade(t, child.stage, child.grade)}</Table.Td>
                    <Table.Td>
                      <SchoolingStatusBadge status={child.status} />
                    </Table.Td>
                    <Table.Td>{child.schoolName ?? '—'}</Table.Td>
                    <Table.Td>{child.japaneseInstructionNeeded ? t('schooling.roster.needed') : '—'}</Table.Td>
                    {/* Not by colour alone: a long absence is also said in words. */}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text span fw={long ? 700 : undefined} c={long ? 'red.8' : undefined}>
                        {t('schooling.daysValue', { count: child.absentDays })}
                      </Text>
                      {long && (
                        <Text span size="sm" c="red.8" fw={700}>
                          {' '}
                          {t('schooling.longAbsenceMark')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PageButtons paging={paging} nextCursor={nextCursor} />
    </>
  );
}
