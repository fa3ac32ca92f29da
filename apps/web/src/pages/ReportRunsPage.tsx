import { Anchor, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { ReportRun, ReportRunPage, ReportRunStatus } from '../api/types';
import { inLanguage } from '../components/alerts';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormError, PageButtons, problemMessage, useCursors } from '../components/kit';
import { ReportRunTable } from '../components/ReportRunTable';
import { RerunForm } from '../components/RerunForm';
import { rerunReport, reportsQuery, RUN_STATUSES } from '../components/reports';

const PAGE_SIZE = 50;
/** How long the list is read again after a rerun was queued, so that its run shows up and finishes. */
const FOLLOW_MS = 60_000;

/** For administrators: every report run of the office's scope, failures to find, and reruns for a date. */
export function ReportRunsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const reports = useQuery(reportsQuery);
  const [status, setStatus] = useState<ReportRunStatus | 'ALL'>('ALL');
  const [followUntil, setFollowUntil] = useState(0);
  const [queued, setQueued] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const titleOf = (code: string) => {
    const report = reports.data?.find((candidate) => candidate.code === code);
    return report ? inLanguage(report.title, i18n.language) : code;
  };

  const rerun = async (code: string, asOf: string, runId?: string) => {
    setQueued(null);
    setError(null);
    setBusy(runId ?? null);
    try {
      await rerunReport(code, asOf);
      setQueued(t('reports.runs.queued', { title: titleOf(code), date: asOf }));
      setFollowUntil(Date.now() + FOLLOW_MS);
      await client.invalidateQueries({ queryKey: ['reports'] });
      await client.invalidateQueries({ queryKey: ['report-runs'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      <Anchor component={Link} to="/reports">
        {t('reports.back')}
      </Anchor>
      <Title order={2}>{t('reports.runs.title')}</Title>
      <Text>{t('reports.runs.help')}</Text>
      {reports.data && <RerunForm reports={reports.data} onRerun={(code, asOf) => rerun(code, asOf)} />}
      <FormError message={error ? problemMessage(t, error) : null} />
      {queued && <Text role="status">{queued}</Text>}
      <Card withBorder>
        <Group>
          <SegmentedControl
            aria-label={t('reports.runs.filter')}
            value={status}
            onChange={(value) => setStatus(value as ReportRunStatus | 'ALL')}
            data={[
              { value: 'ALL', label: t('reports.runs.all') },
              ...RUN_STATUSES.map((value) => ({ value, label: t(`reports.statuses.${value}`) })),
            ]}
          />
        </Group>
      </Card>
      {/* Another filter starts again from the first page. */}
      <RunList
        key={status}
        status={status === 'ALL' ? undefined : status}
        follow={followUntil}
        titleOf={titleOf}
        busy={busy}
        onRerun={(run) => void rerun(run.reportCode, run.asOf, run.id)}
      />
    </Stack>
  );
}

function RunList({
  status,
  follow,
  titleOf,
  busy,
  onRerun,
}: {
  status?: ReportRunStatus;
  /** Until when (ms) to read the list again, after a rerun. */
  follow: number;
  titleOf: (code: string) => string;
  busy: string | null;
  onRerun: (run: ReportRun) => void;
}) {
  const { t } = useTranslation();
  const paging = useCursors();
  const runs = useQuery({
    queryKey: ['report-runs', status, paging.cursor],
    queryFn: () =>
      unwrap<ReportRunPage>(
        api.GET('/api/v1/report-runs', { params: { query: { status, cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
    // A run in progress, or one just asked for: read again until it is done.
    refetchInterval: (query) =>
      query.state.data?.items.some((run) => run.status === 'RUNNING') || Date.now() < follow ? 2_000 : false,
  });
  return (
    <>
      {runs.isError && <ErrorNotice error={runs.error} />}
      {runs.isPending && <Loader aria-label={t('common.loading')} />}
      {runs.data?.items.length === 0 && (
        <Text>{status === 'FAILED' ? t('reports.runs.noFailures') : t('reports.runs.none')}</Text>
      )}
      {runs.data && runs.data.items.length > 0 && (
        <ReportRunTable runs={runs.data.items} titleOf={titleOf} onRerun={onRerun} busy={busy} />
      )}
      <PageButtons paging={paging} nextCursor={runs.data?.nextCursor} />
    </>
  );
}
