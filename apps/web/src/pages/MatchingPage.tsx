import {
  Anchor,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { MatchReviewItem, MatchReviewPage, MatchRun } from '../api/types';
import { asMultipart, CsvUploadForm } from '../components/CsvUploadForm';
import { ErrorNotice } from '../components/ErrorNotice';

const SOURCES = ['CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'PENSION_RECORD', 'OTHER'] as const;

/** Upload external records (katakana names), follow the run, and decide the plausible matches. */
export function MatchingPage() {
  const { t } = useTranslation();
  const [source, setSource] = useState<string>('CITY_NHI_ROLL');
  const [runId, setRunId] = useState<string | null>(null);

  const run = useQuery({
    queryKey: ['match-run', runId],
    enabled: runId !== null,
    queryFn: () => unwrap<MatchRun>(api.GET('/api/v1/match-runs/{id}', { params: { path: { id: runId! } } })),
    refetchInterval: (query) =>
      query.state.data && ['DONE', 'FAILED'].includes(query.state.data.status) ? false : 700,
  });
  const done = run.data?.status === 'DONE';

  return (
    <Stack>
      <Title order={2}>{t('matching.title')}</Title>
      <Text>{t('matching.help')}</Text>
      <CsvUploadForm
        label={t('matching.file')}
        submitLabel={t('matching.start')}
        upload={async (form) => {
          const started = await unwrap<MatchRun>(
            api.POST('/api/v1/match-runs', {
              params: { query: { source: source as (typeof SOURCES)[number] } },
              body: form as never,
              ...asMultipart,
            }),
          );
          setRunId(started.id);
        }}
      >
        <Select
          label={t('matching.source')}
          data={SOURCES.map((value) => ({ value, label: t(`matching.sources.${value}`) }))}
          value={source}
          onChange={(value) => setSource(value ?? 'OTHER')}
          allowDeselect={false}
        />
      </CsvUploadForm>
      {run.isError && <ErrorNotice error={run.error} />}
      {run.data && (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Text fw={700}>{run.data.fileName}</Text>
              <Text data-testid="match-status">{t(`imports.status.${run.data.status}`)}</Text>
            </Group>
            <Progress.Root data-testid="match-progress">
              <Progress.Section value={run.data.percent} aria-label={t('imports.progress')} animated={!done} />
            </Progress.Root>
            <Text data-testid="match-percent">{run.data.percent}%</Text>
            {done && (
              <Text data-testid="match-counts">
                {t('matching.counts', {
                  total: run.data.processedRows,
                  matched: run.data.matchedRows,
                  review: run.data.reviewRows,
                  unmatched: run.data.unmatchedRows,
                  errors: run.data.errorRows,
                })}
              </Text>
            )}
            {run.data.failure && (
              <Alert color="red" role="alert">
                {run.data.failure}
              </Alert>
            )}
            {done && (
              <Group>
                <Anchor href={`/api/v1/match-runs/${run.data.id}/result`}>{t('matching.downloadResult')}</Anchor>
                {run.data.errorRows > 0 && (
                  <Anchor href={`/api/v1/match-runs/${run.data.id}/errors`}>{t('matching.downloadErrors')}</Anchor>
                )}
              </Group>
            )}
          </Stack>
        </Card>
      )}
      {done && runId && <ReviewQueue runId={runId} />}
    </Stack>
  );
}

function ReviewQueue({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<unknown>(null);
  const queue = useQuery({
    queryKey: ['match-reviews', runId],
    queryFn: () =>
      unwrap<MatchReviewPage>(
        api.GET('/api/v1/match-runs/{id}/reviews', { params: { path: { id: runId }, query: { limit: 50 } } }),
      ),
  });

  const decide = async (item: MatchReviewItem, residentId: string, verdict: 'accept' | 'reject') => {
    setActionError(null);
    try {
      const path = { id: runId, seq: item.seq };
      const body = { residentId };
      await unwrap(
        verdict === 'accept'
          ? api.POST('/api/v1/match-runs/{id}/reviews/{seq}/accept', { params: { path }, body })
          : api.POST('/api/v1/match-runs/{id}/reviews/{seq}/reject', { params: { path }, body }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['match-reviews', runId] }),
        queryClient.invalidateQueries({ queryKey: ['match-run', runId] }),
      ]);
    } catch (error) {
      setActionError(error);
    }
  };

  if (queue.isError) return <ErrorNotice error={queue.error} />;
  if (!queue.data) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('matching.reviewTitle')}
        </Title>
        {actionError !== null && <ErrorNotice error={actionError} />}
        {queue.data.items.length === 0 ? (
          <Text data-testid="review-empty">{t('matching.reviewEmpty')}</Text>
        ) : (
          <Table data-testid="review-queue" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matching.record')}</Table.Th>
                <Table.Th>{t('matching.candidate')}</Table.Th>
                <Table.Th>{t('matching.score')}</Table.Th>
                <Table.Th>{t('matching.evidence')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('matching.decision')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.items.flatMap((item) =>
                item.candidates.map((candidate, index) => (
                  <Table.Tr key={`${item.seq}-${candidate.residentId}`}>
                    <Table.Td>
                      {index === 0 && (
                        <>
                          <Text lang="ja">{item.kanaName}</Text>
                          <Text size="sm" c="dimmed">
                            {item.sourceRef} · {item.birthDate} · {item.sex}
                          </Text>
                        </>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text>
                        {[candidate.resident?.familyName, candidate.resident?.givenName, candidate.resident?.middleName]
                          .filter(Boolean)
                          .join(' ')}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {[candidate.resident?.kanaName, candidate.resident?.commonName, candidate.resident?.birthDate]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{candidate.score.toFixed(3)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light">{t(`matching.forms.${candidate.form}`)}</Badge>
                        {candidate.birthDateSwapped && <Badge color="orange">{t('matching.swapped')}</Badge>}
                        {!candidate.sexMatches && <Badge color="red">{t('matching.sexDiffers')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => void decide(item, candidate.residentId, 'accept')}>
                          {t('matching.accept')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void decide(item, candidate.residentId, 'reject')}
                        >
                          {t('matching.reject')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
