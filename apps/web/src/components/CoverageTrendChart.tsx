import {
  Box,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { PublishedValue, ReportSeries } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { COVERAGE_SCHEMES, formatValue } from './reports';

type Scheme = (typeof COVERAGE_SCHEMES)[number];
/** Dark shades: a column keeps 3:1 contrast with the white card (WCAG 1.4.11). */
const COLORS: Record<Scheme, string> = { HEALTH: 'teal.9', PENSION: 'indigo.8', EMPLOYMENT_INSURANCE: 'grape.9' };
/** A night whose rate is not published: stripes, explained under the chart. */
const HIDDEN_STRIPES = 'repeating-linear-gradient(135deg, #868e96 0 2px, transparent 2px 6px)';
/** How far back the chart looks, in days (runs are kept three years). */
const RANGES = ['90', '365', '1095'] as const;
const MEASURE = 'coverageRate';
/** One night's column: as wide as the nights allow, never wider than 40 px. */
const COLUMN = { flex: '1 1 0', minWidth: 1, maxWidth: 40 } as const;

interface Night {
  asOf: string;
  rates: Record<Scheme, PublishedValue>;
}

/**
 * COVERAGE: the coverage rate of each scheme over the nights up to `to`, one column per night with a
 * published run, made of plain boxes. The columns are hidden from screen readers; a visually hidden
 * table gives every figure instead.
 */
export function CoverageTrendChart({ to }: { to: string }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<(typeof RANGES)[number]>('365');
  const series = useQuery({
    queryKey: ['reports', 'COVERAGE', 'series', MEASURE, to, range],
    queryFn: () =>
      unwrap<ReportSeries>(
        api.GET('/api/v1/reports/{code}/series', {
          params: { path: { code: 'COVERAGE' }, query: { measure: MEASURE, from: addDays(to, -Number(range)), to } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const nights: Night[] = (series.data?.points ?? []).map((point) => ({
    asOf: point.asOf,
    rates: Object.fromEntries(
      COVERAGE_SCHEMES.map((scheme) => [scheme, point.rows.find((row) => row.dims.scheme === scheme)?.value ?? null]),
    ) as Record<Scheme, PublishedValue>,
  }));

  return (
    <Card withBorder component="figure" m={0} data-testid="coverage-chart">
      {/* The caption is the figure's first child, as HTML wants it; the range comes after it. */}
      <figcaption>
        <Title order={3} size="h4">
          {t('reports.charts.coverageTitle')}
        </Title>
        <Text size="sm">{t('reports.charts.coverageHelp')}</Text>
      </figcaption>
      <Group justify="flex-end" mb="sm">
        <SegmentedControl
          size="xs"
          aria-label={t('reports.charts.range')}
          value={range}
          onChange={(value) => setRange(value as (typeof RANGES)[number])}
          data={RANGES.map((value) => ({ value, label: t(`reports.charts.ranges.${value}`) }))}
        />
      </Group>
      {series.isError && <ErrorNotice error={series.error} />}
      {series.isPending && <Loader aria-label={t('common.loading')} />}
      {series.data && nights.length === 0 && <Text>{t('reports.charts.noNights')}</Text>}
      {nights.length > 0 && (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            {COVERAGE_SCHEMES.map((scheme) => (
              <SchemeColumns key={scheme} scheme={scheme} nights={nights} />
            ))}
          </SimpleGrid>
          <Group gap="xs" mt="sm" aria-hidden>
            <Box w={14} h={14} style={{ background: HIDDEN_STRIPES, border: '1px solid #868e96' }} />
            <Text size="sm">{t('reports.charts.hiddenNight')}</Text>
          </Group>
          <FiguresTable nights={nights} />
        </>
      )}
    </Card>
  );
}

function SchemeColumns({ scheme, nights }: { scheme: Scheme; nights: Night[] }) {
  const { t } = useTranslation();
  const latest = nights[nights.length - 1];
  return (
    <Box data-scheme={scheme}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text fw={700} size="sm">
          {t(`reports.schemes.${scheme}`)}
        </Text>
        <Text size="sm">
          {t('reports.charts.latest', { date: latest.asOf, value: formatValue(t, MEASURE, latest.rates[scheme]) })}
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap" align="stretch" aria-hidden>
        <Stack justify="space-between" gap={0} h={140}>
          <Text size="xs">100%</Text>
          <Text size="xs">0%</Text>
        </Stack>
        <Box
          h={140}
          style={{
            flex: 1,
            display: 'flex',
            alignItems: 'flex-end',
            gap: 2,
            borderLeft: '1px solid var(--mantine-color-gray-7)',
            borderBottom: '1px solid var(--mantine-color-gray-7)',
          }}
        >
          {nights.map((night) => {
            const rate = night.rates[scheme];
            const title = `${night.asOf}: ${formatValue(t, MEASURE, rate)}`;
            return typeof rate === 'number' ? (
              <Box key={night.asOf} bg={COLORS[scheme]} title={title} style={{ ...COLUMN, height: `${rate}%` }} />
            ) : (
              <Box key={night.asOf} title={title} style={{ ...COLUMN, height: '100%', background: HIDDEN_STRIPES }} />
            );
          })}
        </Box>
      </Group>
      {/* The nights' span in words: a date under a column 2 px wide could not be placed. */}
      <Text size="xs" aria-hidden ml={37} mt={2}>
        {t(nights.length === 1 ? 'reports.charts.oneNight' : 'reports.charts.nights', {
          count: nights.length,
          from: nights[0].asOf,
          to: latest.asOf,
        })}
      </Text>
    </Box>
  );
}

/** Every night's figures, for screen readers (the columns say the same to the eye). */
function FiguresTable({ nights }: { nights: Night[] }) {
  const { t } = useTranslation();
  return (
    <VisuallyHidden>
      <Table data-testid="coverage-chart-figures">
        <Table.Caption>{t('reports.charts.coverageFigures')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.asOf')}</Table.Th>
            {COVERAGE_SCHEMES.map((scheme) => (
              <Table.Th key={scheme} scope="col">
                {t(`reports.schemes.${scheme}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nights.map((night) => (
            <Table.Tr key={night.asOf}>
              <Table.Th scope="row">{night.asOf}</Table.Th>
              {COVERAGE_SCHEMES.map((scheme) => (
                <Table.Td key={scheme}>{formatValue(t, MEASURE, night.rates[scheme])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </VisuallyHidden>
  );
}
