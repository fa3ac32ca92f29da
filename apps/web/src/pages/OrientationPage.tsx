import {
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type {
  NewcomerInvitationPage,
  OrientationSession,
  OrientationSessionPage,
  OrientationTopic,
} from '../api/types';
import { LANGUAGE_CODE, ORIENTATION_TOPICS } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { CsvLink, FormError, languageName, problemMessage, useCursors, PageButtons } from '../components/kit';
import { alphabetName } from '../components/names';

const PAGE_SIZE = 50;

/** Orientation for newcomers: the sessions (and scheduling one), and who is still to be invited. */
export function OrientationPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('orientation.title')}</Title>
      <Tabs defaultValue="sessions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sessions">{t('orientation.sessions')}</Tabs.Tab>
          <Tabs.Tab value="newcomers">{t('orientation.newcomers')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sessions" pt="md">
          <SessionList />
        </Tabs.Panel>
        <Tabs.Panel value="newcomers" pt="md">
          <Newcomers />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function placeOf(t: (key: string) => string, session: Pick<OrientationSession, 'online' | 'venue'>): string {
  return session.online ? t('orientation.online') : (session.venue ?? '—');
}

function SessionList() {
  const { t } = useTranslation();
  const paging = useCursors();
  const [creating, setCreating] = useState(false);
  const sessions = useQuery({
    queryKey: ['orientation-sessions', paging.cursor],
    queryFn: () =>
      unwrap<OrientationSessionPage>(
        api.GET('/api/v1/orientation-sessions', { params: { query: { cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Group>
        <Button onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {t('orientation.create')}
        </Button>
      </Group>
      {creating && <CreateSessionForm onCancel={() => setCreating(false)} />}
      {sessions.isError && <ErrorNotice error={sessions.error} />}
      {sessions.isPending && <Loader aria-label={t('common.loading')} />}
      {sessions.data?.items.length === 0 && <Text>{t('orientation.none')}</Text>}
      {sessions.data && sessions.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('orientation.sessions')}>
          <Table striped highlightOnHover data-testid="orientation-sessions">
            <Table.Thead>
              <Table.Tr>
                {(['heldOn', 'place', 'languages', 'topics', 'capacity', 'counts'] as const).map((column) => (
                  <Table.Th key={column}>{t(`orientation.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Link to="/orientation/$sessionId" params={{ sessionId: session.id }}>
                      {[session.heldOn, session.startsAt].filter(Boolean).join(' ')}
                    </Link>
                  </Table.Td>
                  <Table.Td>{placeOf(t, session)}</Table.Td>
                  <Table.Td>
                    {session.languages.map((code) => languageName(t, code)).join('、')}
                    {session.interpreter ? `（${t('orientation.interpreter')}）` : ''}
                  </Table.Td>
                  <Table.Td>{session.topics.map((topic) => t(`orientation.topics.${topic}`)).join('、')}</Table.Td>
                  <Table.Td>{session.capacity ?? t('orientation.noLimit')}</Table.Td>
                  <Table.Td>{t('orientation.countsValue', session.attendance)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PageButtons paging={paging} nextCursor={sessions.data?.nextCursor} />
    </Stack>
  );
}

function CreateSessionForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [heldOn, setHeldOn] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [venue, setVenue] = useState('');
  const [online, setOnline] = useState(false);
  const [languages, setLanguages] = useState<string[]>(['ja-easy']);
  const [interpreter, setInterpreter] = useState(false);
  const [topics, setTopics] = useState<string[]>([]);
  const [capacity, setCapacity] = useState<number | ''>('');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldLabel = (field: string) => t(`orientation.fields.${field}`, { defaultValue: field });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!online && !venue.trim()) problems.venue = t('orientation.venueRequired');
    if (languages.length === 0 || languages.some((code) => !LANGUAGE_CODE.test(code)))
      problems.languages = t('orientation.languagesFormat');
    if (topics.length === 0) problems.topics = t('orientation.topicsRequired');
    setInvalid(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const created = await unwrap<OrientationSession>(
        api.POST('/api/v1/orientation-sessions', {
          body: {
            heldOn,
            startsAt: startsAt || null,
            venue: venue.trim() || null,
            online,
            languages,
            interpreter,
            topics: topics as OrientationTopic[],
            capacity: capacity === '' ? null : capacity,
            note: note.trim() || null,
          },
        }),
      );
      await client.invalidateQueries({ queryKey: ['orientation-sessions'] });
      await navigate({ to: '/orientation/$sessionId', params: { sessionId: created.id } });
    } catch (caught) {
      setError(problemMessage(t, caught, fieldLabel));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void create(event)} aria-label={t('orientation.create')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput
            label={fieldLabel('heldOn')}
            type="date"
            value={heldOn}
            onChange={(event) => setHeldOn(event.currentTarget.value)}
            required
          />
          <TextInput
            label={fieldLabel('startsAt')}
            type="time"
            value={startsAt}
            onChange={(event) => setStartsAt(event.currentTarget.value)}
          />
          <TextInput
            label={fieldLabel('venue')}
            value={venue}
            onChange={(event) => setVenue(event.currentTarget.value)}
            error={invalid.venue}
          />
          <TagsInput
            label={fieldLabel('languages')}
            description={t('orientation.languagesHelp')}
            value={languages}
            onChange={(values) => setLanguages(values.map((value) => value.trim().toLowerCase()))}
            error={invalid.languages}
          />
          <NumberInput
            label={fieldLabel('capacity')}
            description={t('orientation.capacityHelp')}
            min={1}
            value={capacity}
            onChange={(value) => setCapacity(typeof value === 'number' ? value : '')}
          />
          <TextInput label={fieldLabel('note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          <Checkbox
            label={fieldLabel('online')}
            checked={online}
            onChange={(event) => setOnline(event.currentTarget.checked)}
          />
          <Checkbox
            label={fieldLabel('interpreter')}
            checked={interpreter}
            onChange={(event) => setInterpreter(event.currentTarget.checked)}
          />
        </SimpleGrid>
        <Checkbox.Group
          mt="md"
          label={fieldLabel('topics')}
          value={topics}
          onChange={setTopics}
          error={invalid.topics}
          required
        >
          <Group gap="xs" mt={4}>
            {ORIENTATION_TOPICS.map((topic) => (
              <Checkbox key={topic} value={topic} label={t(`orientation.topics.${topic}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group mt="md">
          <Button type="submit" loading={busy}>
            {t('orientation.createSubmit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('edit.cancel')}
          </Button>
        </Group>
        <FormError message={error} />
      </form>
    </Card>
  );
}

function Newcomers() {
  const { t } = useTranslation();
  const [withinDays, setWithinDays] = useState('90');
  const paging = useCursors();
  const page = useQuery({
    queryKey: ['newcomer-invitations', withinDays, paging.cursor],
    queryFn: () =>
      unwrap<NewcomerInvitationPage>(
        api.GET('/api/v1/orientation/newcomer-invitations', {
          params: { query: { withinDays: Number(withinDays), cursor: paging.cursor, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Text>{t('orientation.newcomersHelp')}</Text>
      <Group align="flex-end">
        <Select
          label={t('orientation.movedInWithin')}
          w={220}
          data={['30', '60', '90', '180'].map((value) => ({
            value,
            label: t('coverage.days', { count: Number(value) }),
          }))}
          value={withinDays}
          onChange={(value) => {
            if (!value) return;
            paging.reset();
            setWithinDays(value);
          }}
          allowDeselect={false}
        />
        <CsvLink href={`/api/v1/orientation/newcomer-invitations.csv?withinDays=${withinDays}`}>
          {t('orientation.newcomersCsv')}
        </CsvLink>
      </Group>
      {page.isError && <ErrorNotice error={page.error} />}
      {page.data && (
        <Text size="sm">
          {t('orientation.newcomersRange', { from: page.data.movedInFrom, today: page.data.today })}
        </Text>
      )}
      {page.data?.items.length === 0 && <Text>{t('orientation.noNewcomers')}</Text>}
      {page.data && page.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('orientation.newcomers')}>
          <Table striped highlightOnHover data-testid="newcomer-invitations">
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'name',
                    'kana',
                    'movedInOn',
                    'days',
                    'preferredLanguage',
                    'communicationLevel',
                    'invitationLanguage',
                  ] as const
                ).map((column) => (
                  <Table.Th key={column}>{t(`orientation.newcomerColumns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((item) => (
                <Table.Tr key={item.residentId}>
                  <Table.Td>
                    <Link to="/residents/$residentId" params={{ residentId: item.residentId }}>
                      {alphabetName(item)}
                    </Link>
                  </Table.Td>
                  <Table.Td>{item.kanaName}</Table.Td>
                  <Table.Td>{item.movedInOn}</Table.Td>
                  <Table.Td>{item.daysSinceMovedIn}</Table.Td>
                  <Table.Td>{item.preferredLanguage ?? '—'}</Table.Td>
                  <Table.Td>
                    {item.communicationLevel ? t(`orientation.communicationLevels.${item.communicationLevel}`) : '—'}
                  </Table.Td>
                  <Table.Td>{languageName(t, item.invitationLanguage)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PageButtons paging={paging} nextCursor={page.data?.nextCursor} />
    </Stack>
  );
}
