import { Anchor, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { PublishedReport, ReportRun } from '../api/types';
import { inLanguage } from '../components/alerts';
import { CoverageTrendChart } from '../components/CoverageTrendChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { ReportRunChart } from '../components/ReportRunCharts';
import { ReportTable } from '../components/ReportTable';
import { fetchReportRuns, reportRunsKey, reportsQuery } from '../components/reports';

/** One report: a published run (the latest unless another date is chosen), its files and its chart. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams({ from: '/reports/$code' });
  const search = useSearch({ from: '/reports/$code' });
  const navigate = useNavigate();
  const definitions = useQuery(reportsQuery);
  const runs = useInfiniteQuery({
    queryKey: reportRunsKey(code),
    queryFn: ({ pageParam }) => fetchReportRuns(code, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const all = runs.data?.pages.flatMap((page) => page.items) ?? [];
  // The newest run with figures, unless the address names another.
  const runId = search.run ?? all.find((run) => run.status === 'DONE')?.id;
  const report = useQuery({
    queryKey: ['reports', code, 'run', runId],
    enabled: runId !== undefined,
    queryFn: () =>
      unwrap<PublishedReport>(api.GET('/api/v1/reports/{code}/runs/{id}', { params: { path: { code, id: runId! } } })),
    placeholderData: keepPreviousData,
  });
  // A run named in the address from beyond the pages loaded is still offered.
  const choices = report.data && !all.some((run) => run.id === report.data.run.id) ? [...all, report.data.run] : all;
  const definition = definitions.data?.find((candidate) => candidate.code === code);
  const title = definition ? inLanguage(definition.title, i18n.language) : code;

  return (
    <Stack>
      <Anchor component={Link} to="/reports">
        {t('reports.back')}
      </Anchor>
      <Title order={2}>{title}</Title>
      {runs.isError && <ErrorNotice error={runs.error} />}
      {runs.isPending && <Loader aria-label={t('common.loading')} />}
      {runs.data && !runId && <Text>{t('reports.noRuns')}</Text>}
      {runId && (
        <Card withBorder>
          <Group align="flex-end" justify="space-between">
            <RunPicker
              runs={choices}
              value={runId}
              onChange={(run) => void navigate({ to: '/reports/$code', params: { code }, search: { run } })}
              more={runs.hasNextPage ? () => void runs.fetchNextPage() : undefined}
              loadingMore={runs.isFetchingNextPage}
            />
            <Group mb={6}>
              {/* The files are the run on screen, hidden cells and all. */}
              <Anchor href={`/api/v1/reports/${code}/runs/${runId}.csv`} download>
                {t('reports.csv')}
              </Anchor>
              <Anchor href={`/api/v1/reports/${code}/runs/${runId}.xlsx`} download>
                {t('reports.xlsx')}
              </Anchor>
            </Group>
          </Group>
          {report.data && (
            <Text size="sm" mt="xs" data-testid="report-run-facts">
              {t('reports.runFacts', {
                k: report.data.run.minCell,
                hidden: report.data.run.suppressedCells ?? 0,
                at: report.data.run.finishedAt ? new Date(report.data.run.finishedAt).toLocaleString() : '—',
              })}
            </Text>
          )}
        </Card>
      )}
      {/* 409: a run still running, or failed (only an address typed by hand names one): no figures. */}
      {report.isError &&
        (report.error instanceof ApiError && report.error.problem.status === 409 ? (
          <Text role="alert">{t('reports.noFigures')}</Text>
        ) : (
          <ErrorNotice error={report.error} />
        ))}
      {runId && report.isPending && <Loader aria-label={t('common.loading')} />}
      {report.data && <ReportTable report={report.data} title={title} />}
      {report.data && code === 'COVERAGE' && <CoverageTrendChart to={report.data.run.asOf} />}
      {report.data && <ReportRunChart report={report.data} />}
    </Stack>
  );
}

/** The dates the report was computed for, newest first; only runs with figures can be chosen. */
function RunPicker({
  runs,
  value,
  onChange,
  more,
  loadingMore,
}: {
  runs: ReportRun[];
  value: string;
  onChange: (runId: string) => void;
  more?: () => void;
  loadingMore: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end">
      <Select
        label={t('reports.asOf')}
        description={t('reports.asOfHelp')}
        data={runs.map((run) => ({
          value: run.id,
          label: run.status === 'DONE' ? run.asOf : `${run.asOf}（${t(`reports.statuses.${run.status}`)}）`,
          disabled: run.status !== 'DONE',
        }))}
        value={value}
        onChange={(next) => next && onChange(next)}
        allowDeselect={false}
        searchable
        w={240}
      />
      {more && (
        <Button variant="default" onClick={more} loading={loadingMore}>
          {t('reports.olderRuns')}
        </Button>
      )}
    </Group>
  );
}
