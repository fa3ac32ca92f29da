import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { OrientationAttendance, OrientationSession, OrientationStatus } from '../api/types';
import { officeToday } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { CsvLink, Facts, FormError, languageName, problemMessage, ToneBadge } from '../components/kit';
import { alphabetName } from '../components/names';
import { ORIENTATION_TONES } from '../components/OrientationTab';
import { ResidentSearch } from '../components/ResidentSearch';
import { placeOf } from './OrientationPage';

/** One orientation session: its facts, registering residents, and recording who came. */
export function OrientationSessionPage() {
  const { t } = useTranslation();
  const { sessionId } = useParams({ from: '/orientation/$sessionId' });
  const client = useQueryClient();
  const session = useQuery({
    queryKey: ['orientation-session', sessionId],
    queryFn: () =>
      unwrap<OrientationSession>(api.GET('/api/v1/orientation-sessions/{id}', { params: { path: { id: sessionId } } })),
  });
  const roster = useQuery({
    queryKey: ['orientation-attendance', sessionId],
    queryFn: () =>
      unwrap<OrientationAttendance[]>(
        api.GET('/api/v1/orientation-sessions/{id}/attendance', { params: { path: { id: sessionId } } }),
      ),
  });
  const [language, setLanguage] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const record = async (residentId: string, status: OrientationStatus, name: string, followed?: string | null) => {
    setBusyId(residentId);
    setError(null);
    setMessage(null);
    try {
      await unwrap(
        api.PUT('/api/v1/orientation-sessions/{id}/attendance', {
          params: { path: { id: sessionId } },
          body: { residentId, status, ...(followed !== undefined ? { language: followed } : {}) },
        }),
      );
      setMessage(t('orientation.recorded', { name, status: t(`orientation.status.${status}`) }));
      await Promise.all([
        client.invalidateQueries({ queryKey: ['orientation-attendance', sessionId] }),
        client.invalidateQueries({ queryKey: ['orientation-session', sessionId] }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusyId(null);
    }
  };

  if (session.isError) return <ErrorNotice error={session.error} />;
  if (session.isPending) return <Loader aria-label={t('common.loading')} />;
  const data = session.data;
  const started = data.heldOn <= officeToday();

  return (
    <Stack>
      <Anchor component={Link} to="/orientation">
        {t('orientation.back')}
      </Anchor>
      <Title order={2}>
        {t('orientation.sessionTitle', { date: [data.heldOn, data.startsAt].filter(Boolean).join(' ') })}
      </Title>
      <Card withBorder>
        <Facts
          items={[
            [t('orientation.columns.place'), placeOf(t, data)],
            [
              t('orientation.columns.languages'),
              data.languages.map((code) => languageName(t, code)).join('、') +
                (data.interpreter ? `（${t('orientation.interpreter')}）` : ''),
            ],
            [t('orientation.columns.capacity'), data.capacity ?? t('orientation.noLimit')],
            [t('orientation.columns.counts'), t('orientation.countsValue', data.attendance)],
            [t('orientation.fields.note'), data.note],
          ]}
        />
        <Group gap="xs" mt="sm">
          {data.topics.map((topic) => (
            <Badge key={topic} variant="outline" color="dark">
              {t(`orientation.topics.${topic}`)}
            </Badge>
          ))}
        </Group>
        <Group mt="md">
          <CsvLink href={`/api/v1/orientation-sessions/${sessionId}/attendance.csv`}>
            {t('orientation.rosterCsv')}
          </CsvLink>
        </Group>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Select
            label={t('orientation.followedLanguage')}
            data={data.languages.map((code) => ({ value: code, label: languageName(t, code) }))}
            value={language}
            onChange={setLanguage}
            clearable
            w={240}
          />
          <ResidentSearch
            label={t('orientation.registerSearch')}
            actionLabel={t('orientation.register')}
            busyId={busyId}
            onPick={(resident) => record(resident.id, 'REGISTERED', alphabetName(resident), language ?? undefined)}
          />
        </Stack>
      </Card>
      {message && (
        <Text role="status" fw={600}>
          {message}
        </Text>
      )}
      <FormError message={error} />
      <Title order={3} size="h4">
        {t('orientation.roster')}
      </Title>
      {!started && <Text size="sm">{t('orientation.attendanceFromDay')}</Text>}
      {roster.isError && <ErrorNotice error={roster.error} />}
      {roster.data?.length === 0 && <Text>{t('orientation.noRegistrations')}</Text>}
      {roster.data && roster.data.length > 0 && (
        <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={t('orientation.roster')}>
          <Table striped data-testid="orientation-roster">
            <Table.Thead>
              <Table.Tr>
                {(['name', 'kana', 'status', 'language', 'recordedAt', 'action'] as const).map((column) => (
                  <Table.Th key={column}>{t(`orientation.rosterColumns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roster.data.map((entry) => {
                const name = alphabetName(entry);
                return (
                  <Table.Tr key={entry.residentId}>
                    <Table.Td>
                      <Link to="/residents/$residentId" params={{ residentId: entry.residentId }}>
                        {name}
                      </Link>
                    </Table.Td>
                    <Table.Td>{entry.kanaName}</Table.Td>
                    <Table.Td>
                      <ToneBadge tone={ORIENTATION_TONES[entry.status]}>
                        {t(`orientation.status.${entry.status}`)}
                      </ToneBadge>
                    </Table.Td>
                    <Table.Td>{languageName(t, entry.language)}</Table.Td>
                    <Table.Td>{new Date(entry.recordedAt).toLocaleString()}</Table.Td>
                    <Table.Td>
                      {started && (
                        <Group gap="xs">
                          {(['ATTENDED', 'NO_SHOW'] as const)
                            .filter((status) => status !== entry.status)
                            .map((status) => (
                              <Button
                                key={status}
                                size="xs"
                                variant={status === 'ATTENDED' ? 'filled' : 'default'}
                                loading={busyId === entry.residentId}
                                onClick={() => void record(entry.residentId, status, name)}
                                aria-label={`${t(`orientation.mark.${status}`)}: ${name}`}
                              >
                                {t(`orientation.mark.${status}`)}
                              </Button>
                            ))}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
