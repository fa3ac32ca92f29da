import { Anchor, Card, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { EmployerReportImport, EmployerReportPage } from '../api/types';
import { asMultipart, CsvUploadForm } from '../components/CsvUploadForm';
import { ErrorNotice } from '../components/ErrorNotice';

/** PESO: load employers' hire and separation reports, follow them, and see the late and refused ones. */
export function EmployerReportsPage() {
  const { t } = useTranslation();
  const [receivedOn, setReceivedOn] = useState('');
  const [importId, setImportId] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['employer-report-import', importId],
    enabled: importId !== null,
    queryFn: () =>
      unwrap<EmployerReportImport>(
        api.GET('/api/v1/employer-report-imports/{id}', { params: { path: { id: importId! } } }),
      ),
    refetchInterval: (query) =>
      query.state.data?.lastAppliedAt || query.state.data?.matchRun.status === 'FAILED' ? false : 700,
  });
  const applied = Boolean(current.data?.lastAppliedAt);

  return (
    <Stack>
      <Title order={2}>{t('employerReports.title')}</Title>
      <Text>{t('employerReports.help')}</Text>
      <CsvUploadForm
        label={t('employerReports.file')}
        submitLabel={t('employerReports.start')}
        upload={async (form) => {
          const started = await unwrap<EmployerReportImport>(
            api.POST('/api/v1/employer-report-imports', {
              params: { query: { receivedOn: receivedOn || undefined } },
              body: form as never,
              ...asMultipart,
            }),
          );
          setImportId(started.id);
        }}
      >
        <TextInput
          label={t('employerReports.receivedOn')}
          placeholder="YYYY-MM-DD"
          value={receivedOn}
          onChange={(event) => setReceivedOn(event.currentTarget.value)}
        />
      </CsvUploadForm>
      {current.isError && <ErrorNotice error={current.error} />}
      {current.data && (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Text fw={700}>{current.data.fileName}</Text>
              <Text>{t(`imports.status.${current.data.matchRun.status}`)}</Text>
            </Group>
            <Progress.Root>
              <Progress.Section
                value={applied ? 100 : Math.min(current.data.matchRun.percent, 99)}
                aria-label={t('imports.progress')}
                animated={!applied}
              />
            </Progress.Root>
            {applied && (
              <Text data-testid="report-counts">
                {t('employerReports.counts', {
                  total: current.data.totalLines,
                  applied: current.data.appliedLines,
                  rejected: current.data.rejectedLines,
                  invalid: current.data.invalidLines,
                  late: current.data.lateLines,
                  pending: current.data.pendingLines,
                })}
              </Text>
            )}
            {applied && current.data.lateLines > 0 && (
              <Anchor href={`/api/v1/employer-report-imports/${current.data.id}/late.csv`}>
                {t('employerReports.downloadLate')}
              </Anchor>
            )}
          </Stack>
        </Card>
      )}
      {applied && importId && (
        <>
          <ReportList importId={importId} title={t('employerReports.late')} query={{ late: true }} />
          <ReportList importId={importId} title={t('employerReports.rejected')} query={{ outcome: 'REJECTED' }} />
          <ReportList importId={importId} title={t('employerReports.invalid')} query={{ outcome: 'INVALID' }} />
        </>
      )}
    </Stack>
  );
}

function ReportList(props: {
  importId: string;
  title: string;
  query: { late?: boolean; outcome?: 'REJECTED' | 'INVALID' };
}) {
  const { t } = useTranslation();
  const reports = useQuery({
    queryKey: ['employer-reports', props.importId, props.query],
    queryFn: () =>
      unwrap<EmployerReportPage>(
        api.GET('/api/v1/employer-report-imports/{id}/reports', {
          params: { path: { id: props.importId }, query: { ...props.query, limit: 200 } },
        }),
      ),
  });
  if (!reports.data || reports.data.items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {props.title}
      </Title>
      <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={props.title}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              {(['line', 'ref', 'type', 'event', 'deadline', 'late', 'employer', 'reason'] as const).map((column) => (
                <Table.Th key={column}>{t(`employerReports.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reports.data.items.map((report) => (
              <Table.Tr key={report.seq}>
                <Table.Td>{report.line}</Table.Td>
                <Table.Td>{report.sourceRef}</Table.Td>
                <Table.Td>{report.reportType ? t(`employerReports.types.${report.reportType}`) : '—'}</Table.Td>
                <Table.Td>{report.eventDate ?? '—'}</Table.Td>
                <Table.Td>{report.deadline ?? '—'}</Table.Td>
                <Table.Td>{report.daysLate ? t('employerReports.daysLate', { count: report.daysLate }) : '—'}</Table.Td>
                <Table.Td>{report.employerName ?? '—'}</Table.Td>
                <Table.Td>{report.errorReason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
