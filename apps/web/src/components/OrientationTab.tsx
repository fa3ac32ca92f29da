import { Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { ResidentOrientation } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { Facts, languageName, ToneBadge, type Tone } from './kit';

export const ORIENTATION_TONES: Record<string, Tone> = { REGISTERED: 'blue', ATTENDED: 'green', NO_SHOW: 'red' };

/** The sessions the resident registered for and attended; caseworkers open a session from here. */
export function OrientationTab({ residentId, linkSessions }: { residentId: string; linkSessions: boolean }) {
  const { t } = useTranslation();
  const record = useQuery({
    queryKey: ['resident-orientation', residentId],
    queryFn: () =>
      unwrap<ResidentOrientation>(
        api.GET('/api/v1/residents/{id}/orientation', { params: { path: { id: residentId } } }),
      ),
  });
  if (record.isError) return <ErrorNotice error={record.error} />;
  if (record.isPending) return <Loader aria-label={t('common.loading')} />;
  const data = record.data;
  return (
    <Stack>
      <Facts
        items={[
          [
            t('orientation.attendedAny'),
            data.attended ? (
              <ToneBadge tone="green">{t('orientation.attendedYes')}</ToneBadge>
            ) : (
              <ToneBadge tone="amber">{t('orientation.attendedNo')}</ToneBadge>
            ),
          ],
          [t('orientation.lastAttendedOn'), data.lastAttendedOn],
        ]}
      />
      {data.topicsCovered.length > 0 && (
        <div>
          <Text size="sm" c="gray.7">
            {t('orientation.topicsCovered')}
          </Text>
          <Group gap="xs" mt={4}>
            {data.topicsCovered.map((topic) => (
              <Badge key={topic} variant="outline" color="dark">
                {t(`orientation.topics.${topic}`)}
              </Badge>
            ))}
          </Group>
        </div>
      )}
      <Title order={3} size="h4">
        {t('orientation.sessionsOfResident')}
      </Title>
      {data.sessions.length === 0 ? (
        <Text>{t('orientation.noSessionsOfResident')}</Text>
      ) : (
        <Table data-testid="resident-orientation">
          <Table.Thead>
            <Table.Tr>
              {(['heldOn', 'place', 'topics', 'status', 'language'] as const).map((column) => (
                <Table.Th key={column}>{t(`orientation.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.sessions.map((session) => {
              const when = [session.heldOn, session.startsAt].filter(Boolean).join(' ');
              return (
                <Table.Tr key={session.sessionId}>
                  <Table.Td>
                    {linkSessions ? (
                      <Link to="/orientation/$sessionId" params={{ sessionId: session.sessionId }}>
                        {when}
                      </Link>
                    ) : (
                      when
                    )}
                  </Table.Td>
                  <Table.Td>{session.online ? t('orientation.online') : (session.venue ?? '—')}</Table.Td>
                  <Table.Td>{session.topics.map((topic) => t(`orientation.topics.${topic}`)).join('、')}</Table.Td>
                  <Table.Td>
                    <ToneBadge tone={ORIENTATION_TONES[session.status]}>
                      {t(`orientation.status.${session.status}`)}
                    </ToneBadge>
                  </Table.Td>
                  <Table.Td>{languageName(t, session.language)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
