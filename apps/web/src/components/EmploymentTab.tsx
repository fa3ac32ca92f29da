import { Badge, Button, Card, Checkbox, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { CounselingSession, EmploymentRecord, ReferralToWork } from '../api/types';
import { ErrorNotice } from './ErrorNotice';

const TOPICS = [
  'JOB_SEARCH',
  'WORKING_CONDITIONS',
  'STATUS_OF_RESIDENCE',
  'JAPANESE_LANGUAGE',
  'TRAINING',
  'SOCIAL_INSURANCE',
  'STUDENT_JOB_HUNTING',
  'CREDENTIALS',
  'LIVING',
  'OTHER',
] as const;

/** Employment history from employers' reports; for PESO counselors also their sessions and referrals. */
export function EmploymentTab({ residentId, counselor }: { residentId: string; counselor: boolean }) {
  const { t } = useTranslation();
  const records = useQuery({
    queryKey: ['employment-records', residentId],
    queryFn: () =>
      unwrap<EmploymentRecord[]>(
        api.GET('/api/v1/residents/{id}/employment-records', { params: { path: { id: residentId } } }),
      ),
  });
  if (records.isError) return <ErrorNotice error={records.error} />;
  if (records.isPending) return <Loader aria-label={t('common.loading')} />;
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('employment.history')}
      </Title>
      {records.data.length === 0 ? (
        <Text>{t('employment.noHistory')}</Text>
      ) : (
        <Table data-testid="employment-records">
          <Table.Thead>
            <Table.Tr>
              {(['employer', 'period', 'hours', 'wage', 'insured'] as const).map((column) => (
                <Table.Th key={column}>{t(`employment.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.data.map((record) => (
              <Table.Tr key={record.id}>
                <Table.Td>
                  {record.employerName}
                  {record.establishmentName ? ` ${record.establishmentName}` : ''}
                </Table.Td>
                <Table.Td>
                  {record.hiredOn} – {record.separatedOn ?? t('insurance.open')}
                </Table.Td>
                <Table.Td>{record.weeklyContractHours ?? '—'}</Table.Td>
                <Table.Td>{record.monthlyScheduledWage?.toLocaleString('ja-JP') ?? '—'}</Table.Td>
                <Table.Td>
                  {record.eiInsured === null ? '—' : t(record.eiInsured ? 'insurance.facts.yes' : 'insurance.facts.no')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {counselor && <Counseling residentId={residentId} />}
    </Stack>
  );
}

function Counseling({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['counseling-sessions', residentId],
    queryFn: () =>
      unwrap<CounselingSession[]>(
        api.GET('/api/v1/residents/{id}/counseling-sessions', { params: { path: { id: residentId } } }),
      ),
  });
  const referrals = useQuery({
    queryKey: ['referrals-to-work', residentId],
    queryFn: () =>
      unwrap<ReferralToWork[]>(
        api.GET('/api/v1/residents/{id}/referrals-to-work', { params: { path: { id: residentId } } }),
      ),
  });
  const [heldOn, setHeldOn] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/residents/{id}/counseling-sessions', {
          params: { path: { id: residentId } },
          body: {
            heldOn,
            topics: topics as (typeof TOPICS)[number][],
            interpreter: false,
            outcome: outcome || undefined,
          },
        }),
      );
      setHeldOn('');
      setTopics([]);
      setOutcome('');
      await client.invalidateQueries({ queryKey: ['counseling-sessions', residentId] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, detail: String(caught) }));
    }
  };

  return (
    <>
      <Title order={3} size="h4">
        {t('employment.sessions')}
      </Title>
      {sessions.data?.length === 0 && <Text>{t('employment.noSessions')}</Text>}
      {sessions.data?.map((session) => (
        <Card withBorder key={session.id} data-testid="counseling-session">
          <Group gap="xs">
            <Text fw={600}>{session.heldOn}</Text>
            {session.topics.map((topic) => (
              <Badge key={topic} variant="outline" color="dark">
                {t(`employment.topics.${topic}`)}
              </Badge>
            ))}
          </Group>
          {session.outcome && <Text size="sm">{session.outcome}</Text>}
        </Card>
      ))}
      <Card withBorder>
        <form onSubmit={(event) => void record(event)} aria-label={t('employment.record')}>
          <Stack>
            <TextInput
              label={t('employment.heldOn')}
              placeholder="YYYY-MM-DD"
              value={heldOn}
              onChange={(event) => setHeldOn(event.currentTarget.value)}
              error={error?.fieldError('heldOn')}
              required
              w={180}
            />
            <Checkbox.Group
              label={t('employment.topic')}
              value={topics}
              onChange={setTopics}
              error={error?.fieldError('topics')}
            >
              <Group gap="xs" mt={4}>
                {TOPICS.map((value) => (
                  <Checkbox key={value} value={value} label={t(`employment.topics.${value}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <TextInput
              label={t('employment.outcome')}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value)}
            />
            <Button type="submit" w={180}>
              {t('employment.record')}
            </Button>
          </Stack>
        </form>
      </Card>
      <Title order={3} size="h4">
        {t('employment.referrals')}
      </Title>
      {referrals.data?.length === 0 && <Text>{t('employment.noReferrals')}</Text>}
      {referrals.data && referrals.data.length > 0 && (
        <Table>
          <Table.Tbody>
            {referrals.data.map((referral) => (
              <Table.Tr key={referral.id}>
                <Table.Td>{referral.referredOn}</Table.Td>
                <Table.Td>{t(`employment.kinds.${referral.kind}`)}</Table.Td>
                <Table.Td>
                  {referral.courseName ?? [referral.employerName, referral.vacancyRef].filter(Boolean).join(' ')}
                </Table.Td>
                <Table.Td>{t(`employment.statuses.${referral.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
