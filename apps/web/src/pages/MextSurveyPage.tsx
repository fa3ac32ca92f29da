import { Anchor, Card, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { MextSurvey } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { MextSurveyChart } from '../components/MextSurveyChart';

/** MEXT's survey of foreign children's schooling: the table for a reference date, its files and a chart. */
export function MextSurveyPage() {
  const { t } = useTranslation();
  // Empty: the API's default reference date (1 May of the school year).
  const [on, setOn] = useState('');
  const survey = useQuery({
    queryKey: ['mext-survey', on],
    queryFn: () =>
      unwrap<MextSurvey>(api.GET('/api/v1/schooling/mext-survey', { params: { query: { on: on || undefined } } })),
    placeholderData: keepPreviousData,
  });
  const query = on ? `?on=${on}` : '';

  return (
    <Stack>
      <Title order={2}>{t('schooling.survey.title')}</Title>
      <Text>{t('schooling.survey.help')}</Text>
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            label={t('schooling.survey.on')}
            description={t('schooling.survey.onHelp')}
            type="date"
            value={on}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (value === '' || isIsoDate(value)) setOn(value);
            }}
          />
          <Group mb={6}>
            {/* The files carry the same reference date as the table on screen. */}
            <Anchor href={`/api/v1/schooling/mext-survey.csv${query}`} download>
              {t('schooling.survey.csv')}
            </Anchor>
            <Anchor href={`/api/v1/schooling/mext-survey.xlsx${query}`} download>
              {t('schooling.survey.xlsx')}
            </Anchor>
          </Group>
        </Group>
      </Card>
      {survey.isError && <ErrorNotice error={survey.error} />}
      {survey.isPending && <Loader aria-label={t('common.loading')} />}
      {survey.data && <SurveyTable survey={survey.data} />}
      {survey.data && <MextSurveyChart rows={survey.data.rows} />}
    </Stack>
  );
}

function SurveyTable({ survey }: { survey: MextSurvey }) {
  const { t } = useTranslation();
  const caption = t('schooling.survey.caption', { date: survey.on, code: survey.municipalityCode });
  return (
    <Table.ScrollContainer minWidth={720} tabIndex={0} aria-label={caption}>
      <Table withTableBorder data-testid="mext-survey">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {(['category', 'elementary', 'lowerSecondary', 'total'] as const).map((column) => (
              <Table.Th key={column} ta={column === 'category' ? undefined : 'right'}>
                {t(`schooling.survey.columns.${column}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {survey.rows.map((row) => {
            // The total and the "possibly not enrolled" sum are not categories of their own: set apart.
            const summary = row.category === 'TOTAL' || row.category === 'POSSIBLY_NOT_ENROLLED';
            return (
              <Table.Tr key={row.category} data-category={row.category} fw={summary ? 700 : undefined}>
                <Table.Th scope="row" fw={summary ? 700 : 400}>
                  {t(`schooling.survey.categories.${row.category}`)}
                </Table.Th>
                <Table.Td ta="right">{row.elementary.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{row.lowerSecondary.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{row.total.toLocaleString()}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
