import { Alert, Anchor, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { ImportRun } from '../api/types';
import { asMultipart, CsvUploadForm } from '../components/CsvUploadForm';
import { ErrorNotice } from '../components/ErrorNotice';

/** line,field,reason — the API's error CSV; reasons may be quoted. */
function parseErrors(csv: string): Array<{ line: string; field: string; reason: string }> {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => {
      const [line, field, ...rest] = row.split(',');
      const reason = rest.join(',');
      return { line, field, reason: reason.startsWith('"') ? reason.slice(1, -1).replace(/""/g, '"') : reason };
    });
}

export function ImportsPage() {
  const { t } = useTranslation();
  const [importId, setImportId] = useState<string | null>(null);

  const run = useQuery({
    queryKey: ['import', importId],
    enabled: importId !== null,
    queryFn: () => unwrap<ImportRun>(api.GET('/api/v1/imports/{id}', { params: { path: { id: importId! } } })),
    // Poll while the job runs.
    refetchInterval: (query) =>
      query.state.data && ['DONE', 'FAILED'].includes(query.state.data.status) ? false : 700,
  });
  const done = run.data?.status === 'DONE';
  const errors = useQuery({
    queryKey: ['import-errors', importId],
    enabled: done && (run.data?.failedRows ?? 0) > 0,
    queryFn: async () => parseErrors(await (await fetch(`/api/v1/imports/${importId}/errors`)).text()),
  });

  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Text>{t('imports.help')}</Text>
      <CsvUploadForm
        label={t('imports.file')}
        submitLabel={t('imports.start')}
        upload={async (form) => {
          const started = await unwrap<ImportRun>(
            api.POST('/api/v1/imports/residents', { body: form as never, ...asMultipart }),
          );
          setImportId(started.id);
        }}
      />
      {run.isError && <ErrorNotice error={run.error} />}
      {run.data && (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Text fw={700}>{run.data.fileName}</Text>
              <Text data-testid="import-status">{t(`imports.status.${run.data.status}`)}</Text>
            </Group>
            <Progress.Root data-testid="import-progress">
              <Progress.Section value={run.data.percent} aria-label={t('imports.progress')} animated={!done} />
            </Progress.Root>
            <Text data-testid="import-percent">{run.data.percent}%</Text>
            <Text>
              {t('imports.counts', {
                processed: run.data.processedRows,
                inserted: run.data.insertedRows,
                updated: run.data.updatedRows,
                unchanged: run.data.unchangedRows,
                failed: run.data.failedRows,
              })}
            </Text>
            {run.data.unknownColumns.length > 0 && (
              <Text>{t('imports.unknownColumns', { columns: run.data.unknownColumns.join(', ') })}</Text>
            )}
            {run.data.failure && (
              <Alert color="red" role="alert">
                {run.data.failure}
              </Alert>
            )}
            {done && run.data.failedRows > 0 && errors.data && (
              <>
                <Title order={3} size="h4">
                  {t('imports.errors')}
                </Title>
                <Table data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('imports.errorLine')}</Table.Th>
                      <Table.Th>{t('imports.errorField')}</Table.Th>
                      <Table.Th>{t('imports.errorReason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {errors.data.slice(0, 200).map((error, index) => (
                      <Table.Tr key={index}>
                        <Table.Td>{error.line}</Table.Td>
                        <Table.Td>{error.field}</Table.Td>
                        <Table.Td>{error.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Anchor href={`/api/v1/imports/${run.data.id}/errors`}>{t('imports.downloadErrors')}</Anchor>
              </>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
