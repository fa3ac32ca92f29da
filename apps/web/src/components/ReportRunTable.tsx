import { Box, Button, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReportRun } from '../api/types';
import { ToneBadge } from './kit';
import { RUN_STATUS_TONES } from './reports';

/** Most runs take milliseconds; a slow one is read in seconds. */
function duration(t: TFunction, ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000
    ? t('reports.runs.milliseconds', { value: ms })
    : t('reports.runs.seconds', { value: (ms / 1000).toFixed(1) });
}

const COLUMNS = ['report', 'asOf', 'status', 'trigger', 'attempts', 'duration', 'rows', 'startedAt', 'error'] as const;

/** Report runs with their status, duration and error; a failed run can be redone for its date. */
export function ReportRunTable({
  runs,
  titleOf,
  onRerun,
  busy,
}: {
  runs: ReportRun[];
  titleOf: (code: string) => string;
  onRerun: (run: ReportRun) => void;
  /** The run being queued again, if any. */
  busy: string | null;
}) {
  const { t } = useTranslation();
  const failed = runs.some((run) => run.status === 'FAILED');
  return (
    <Table.ScrollContainer minWidth={1100} tabIndex={0} aria-label={t('reports.runs.title')}>
      <Table striped data-testid="report-runs">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th key={column} style={{ whiteSpace: 'nowrap' }}>
                {t(`reports.runs.columns.${column}`)}
              </Table.Th>
            ))}
            {failed && <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('reports.runs.columns.action')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id} data-status={run.status}>
              <Table.Td>{titleOf(run.reportCode)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{run.asOf}</Table.Td>
              <Table.Td>
                {/* A badge in a narrow column is cut short otherwise. */}
                <Box w="max-content">
                  <ToneBadge tone={RUN_STATUS_TONES[run.status]}>{t(`reports.statuses.${run.status}`)}</ToneBadge>
                </Box>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`reports.runs.triggers.${run.trigger}`)}</Table.Td>
              <Table.Td ta="right">{run.attempts}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {duration(t, run.durationMs)}
              </Table.Td>
              <Table.Td ta="right">
                {run.rowCount === null
                  ? '—'
                  : t('reports.runs.rowsValue', { rows: run.rowCount, hidden: run.suppressedCells ?? 0 })}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(run.startedAt).toLocaleString()}</Table.Td>
              <Table.Td>
                {run.error ? (
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {run.error}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              {failed && (
                <Table.Td>
                  {run.status === 'FAILED' && (
                    <Button
                      size="xs"
                      variant="default"
                      loading={busy === run.id}
                      disabled={busy !== null}
                      onClick={() => onRerun(run)}
                      aria-label={t('reports.runs.rerunOne', { title: titleOf(run.reportCode), date: run.asOf })}
                    >
                      {t('reports.runs.rerun')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
