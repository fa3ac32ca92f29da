import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Case, CaseNote, CasePriority, Consent, ConsentPurpose, TimelineEntry } from '../api/types';
import { CASE_STATUS_TONES, PRIORITY_TONES } from '../components/CaseTable';
import { CONSENT_PURPOSES, PRIORITIES } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { OfficeSelect } from '../components/OfficeSelect';
import { CsvLink, Facts, FormError, isConflict, OfficeLabel, problemMessage, ToneBadge } from '../components/kit';

const caseKey = (id: string) => ['case', id];
const fetchCase = (id: string) => unwrap<Case>(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));

/** One case: its state (changed with the version read), notes, timeline, and referring it on. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId } = useParams({ from: '/cases/$caseId' });
  const item = useQuery({ queryKey: caseKey(caseId), queryFn: () => fetchCase(caseId) });
  if (item.isError) return <ErrorNotice error={item.error} />;
  if (item.isPending) return <Loader aria-label={t('common.loading')} />;
  const data = item.data;
  const owner = data.access === 'OWNER';
  return (
    <Stack>
      <Anchor component={Link} to="/cases">
        {t('cases.back')}
      </Anchor>
      <Group align="center">
        <Title order={2}>{data.title}</Title>
        <ToneBadge tone={CASE_STATUS_TONES[data.status]}>{t(`cases.statuses.${data.status}`)}</ToneBadge>
        <ToneBadge tone={PRIORITY_TONES[data.priority]}>{t(`cases.priorities.${data.priority}`)}</ToneBadge>
        {data.overdue && <ToneBadge tone="red">{t('cases.overdue')}</ToneBadge>}
        {!owner && <ToneBadge tone="purple">{t('cases.referredToUs')}</ToneBadge>}
      </Group>
      <Card withBorder>
        <Facts
          items={[
            [
              t('cases.columns.resident'),
              <Link to="/residents/$residentId" params={{ residentId: data.residentId }}>
                {data.residentName}
              </Link>,
            ],
            [t('cases.columns.category'), t(`cases.categories.${data.category}`)],
            [t('cases.columns.nextActionOn'), data.nextActionOn],
            [t('cases.ownerOffice'), <OfficeLabel id={data.ownerOrgId} />],
            [t('cases.openedAt'), new Date(data.createdAt).toLocaleString()],
            ...(data.closedOn
              ? ([
                  [t('cases.closedOn'), data.closedOn],
                  [t('cases.fields.closureReason'), data.closureReason],
                ] as Array<[string, string | null | undefined]>)
              : []),
          ]}
        />
      </Card>
      {owner && <ChangeCase item={data} />}
      <Notes caseId={caseId} />
      {owner && data.status !== 'CLOSED' && <Refer item={data} />}
      <Timeline caseId={caseId} />
    </Stack>
  );
}

function ChangeCase({ item }: { item: Case }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<string>(item.status);
  const [priority, setPriority] = useState<CasePriority>(item.priority);
  const [nextActionOn, setNextActionOn] = useState(item.nextActionOn ?? '');
  const [closureReason, setClosureReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const conflict = isConflict(error);
  // REFERRED follows the referrals: it is shown, not chosen.
  const statuses = [...(item.status === 'REFERRED' ? ['REFERRED'] : []), 'OPEN', 'WAITING', 'CLOSED'];

  // After a conflict: show what the other person saved, with its version, and let the clerk redo.
  const reload = async () => {
    const fresh = await client.fetchQuery({ queryKey: caseKey(item.id), queryFn: () => fetchCase(item.id) });
    setStatus(fresh.status);
    setPriority(fresh.priority);
    setNextActionOn(fresh.nextActionOn ?? '');
    setError(null);
    await client.invalidateQueries({ queryKey: ['case-timeline', item.id] });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    if (status === 'CLOSED' && item.status !== 'CLOSED' && !closureReason.trim())
      return setInvalid(t('cases.closureReasonRequired'));
    setInvalid(null);
    setBusy(true);
    try {
      const next = await unwrap<Case>(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id: item.id } },
          body: {
            version: item.version,
            ...(status !== item.status && status !== 'REFERRED'
              ? { status: status as 'OPEN' | 'WAITING' | 'CLOSED' }
              : {}),
            priority,
            nextActionOn: nextActionOn || null,
            ...(closureReason.trim() ? { closureReason: closureReason.trim() } : {}),
          },
        }),
      );
      client.setQueryData(caseKey(item.id), next);
      setClosureReason('');
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['case-timeline', item.id] });
      await client.invalidateQueries({ queryKey: ['cases'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void save(event)} aria-label={t('cases.change')}>
        <Title order={3} size="h4" mb="xs">
          {t('cases.change')}
        </Title>
        <Group align="flex-start">
          <Select
            label={t('cases.columns.status')}
            data={statuses.map((value) => ({
              value,
              label: t(`cases.statuses.${value}`),
              disabled: value === 'REFERRED',
            }))}
            value={status}
            onChange={(value) => value && setStatus(value)}
            allowDeselect={false}
            w={160}
          />
          <Select
            label={t('cases.columns.priority')}
            data={PRIORITIES.map((value) => ({ value, label: t(`cases.priorities.${value}`) }))}
            value={priority}
            onChange={(value) => value && setPriority(value as CasePriority)}
            allowDeselect={false}
            w={130}
          />
          <TextInput
            label={t('cases.columns.nextActionOn')}
            type="date"
            value={nextActionOn}
            onChange={(event) => setNextActionOn(event.currentTarget.value)}
          />
          {status === 'CLOSED' && item.status !== 'CLOSED' && (
            <TextInput
              label={t('cases.fields.closureReason')}
              value={closureReason}
              onChange={(event) => setClosureReason(event.currentTarget.value)}
              error={invalid}
              required
              maxLength={1000}
              style={{ flex: 1, minWidth: 240 }}
            />
          )}
        </Group>
        <Group mt="md">
          <Button type="submit" loading={busy} disabled={conflict}>
            {t('edit.save')}
          </Button>
        </Group>
        {conflict ? (
          <Alert color="red" role="alert" mt="sm">
            <Text size="sm">{t('common.conflict')}</Text>
            <Button mt="xs" size="xs" variant="default" onClick={() => void reload()}>
              {t('edit.reload')}
            </Button>
          </Alert>
        ) : (
          <FormError
            message={
              error ? problemMessage(t, error, (field) => t(`cases.fields.${field}`, { defaultValue: field })) : null
            }
          />
        )}
        {saved && <Text role="status">{t('edit.saved')}</Text>}
      </form>
    </Card>
  );
}

function Notes({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notes = useQuery({
    queryKey: ['case-notes', caseId],
    queryFn: () => unwrap<CaseNote[]>(api.GET('/api/v1/cases/{id}/notes', { params: { path: { id: caseId } } })),
  });
  const [body, setBody] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const write = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/cases/{id}/notes', {
          params: { path: { id: caseId } },
          body: { body, sensitivity: sensitive ? 'SENSITIVE' : 'NORMAL' },
        }),
      );
      setBody('');
      setSensitive(false);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['case-notes', caseId] }),
        client.invalidateQueries({ queryKey: ['case-timeline', caseId] }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('cases.notes')}
        </Title>
        <CsvLink href={`/api/v1/cases/${caseId}/notes.csv`}>{t('cases.notesCsv')}</CsvLink>
      </Group>
      {notes.isError && <ErrorNotice error={notes.error} />}
      {notes.data?.length === 0 && <Text>{t('cases.noNotes')}</Text>}
      {notes.data?.map((note) => (
        <Card
          withBorder
          key={note.id}
          data-testid="case-note"
          data-sensitivity={note.sensitivity}
          style={note.sensitivity === 'SENSITIVE' ? { borderLeft: '4px solid #b71c1c' } : undefined}
        >
          <Group gap="xs" mb={4}>
            <Text size="sm" c="gray.7">
              {new Date(note.createdAt).toLocaleString()}
            </Text>
            <OfficeLabel id={note.authorOrgId} />
            {note.sensitivity === 'SENSITIVE' && <ToneBadge tone="red">{t('cases.sensitive')}</ToneBadge>}
          </Group>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{note.body}</Text>
        </Card>
      ))}
      <Card withBorder>
        <form onSubmit={(event) => void write(event)} aria-label={t('cases.writeNote')}>
          <Stack gap="xs">
            <Textarea
              label={t('cases.noteBody')}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={20000}
              required
            />
            <Checkbox
              label={t('cases.markSensitive')}
              description={t('cases.sensitiveHelp')}
              checked={sensitive}
              onChange={(event) => setSensitive(event.currentTarget.checked)}
            />
            <Button type="submit" loading={busy} w={200}>
              {t('cases.writeNote')}
            </Button>
            <FormError message={error} />
          </Stack>
        </form>
      </Card>
    </>
  );
}

/** Refers the case on; the resident's consents in force are offered, and the API refuses without one. */
function Refer({ item }: { item: Case }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const consents = useQuery({
    queryKey: ['consents', item.residentId],
    queryFn: () =>
      unwrap<Consent[]>(api.GET('/api/v1/residents/{id}/consents', { params: { path: { id: item.residentId } } })),
  });
  const [toOrgId, setToOrgId] = useState('');
  const [purpose, setPurpose] = useState<ConsentPurpose>('EMPLOYMENT_SUPPORT');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const inForce = (consents.data ?? []).filter((consent) => consent.valid);

  const refer = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSent(false);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/cases/{id}/referrals', {
          params: { path: { id: item.id } },
          body: { toOrgId: toOrgId.trim(), purpose, message: message.trim() || undefined },
        }),
      );
      setSent(true);
      setMessage('');
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKey(item.id) }),
        client.invalidateQueries({ queryKey: ['case-timeline', item.id] }),
        client.invalidateQueries({ queryKey: ['referrals'] }),
      ]);
    } catch (caught) {
      // 409: no consent in force for that office and purpose; the server says so in words.
      setError(problemMessage(t, caught, (field) => t(`cases.referFields.${field}`, { defaultValue: field })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void refer(event)} aria-label={t('cases.refer')}>
        <Title order={3} size="h4" mb="xs">
          {t('cases.refer')}
        </Title>
        <Text size="sm" mb="xs">
          {t('cases.referHelp')}
        </Text>
        {inForce.length > 0 && (
          <Group gap="xs" mb="sm">
            <Text size="sm">{t('cases.consentsInForce')}</Text>
            {inForce.map((consent) => (
              <Button
                key={consent.id}
                size="xs"
                variant="default"
                onClick={() => (setToOrgId(consent.recipientOrgId), setPurpose(consent.purpose))}
              >
                {t(`consents.purposes.${consent.purpose}`)} → <OfficeLabel id={consent.recipientOrgId} />
              </Button>
            ))}
          </Group>
        )}
        <Group align="flex-start">
          <OfficeSelect label={t('cases.referFields.toOrgId')} value={toOrgId} onChange={setToOrgId} />
          <Select
            label={t('cases.referFields.purpose')}
            data={CONSENT_PURPOSES.map((value) => ({ value, label: t(`consents.purposes.${value}`) }))}
            value={purpose}
            onChange={(value) => value && setPurpose(value as ConsentPurpose)}
            allowDeselect={false}
            w={240}
          />
          <Textarea
            label={t('cases.referFields.message')}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={4000}
            style={{ flex: 1, minWidth: 240 }}
          />
        </Group>
        <Button type="submit" mt="md" loading={busy}>
          {t('cases.referSubmit')}
        </Button>
        <FormError message={error} />
        {sent && (
          <Text role="status" mt="xs">
            {t('cases.referred')}
          </Text>
        )}
      </form>
    </Card>
  );
}

/** What an entry of the timeline says: a change, a note, a referral and its answer. */
function describe(t: TFunction, entry: TimelineEntry): string {
  const detail = (entry.detail ?? {}) as Record<string, unknown>;
  if (entry.kind === 'NOTE') {
    const body = String(detail.body ?? '');
    return body.length > 80 ? `${body.slice(0, 80)}…` : body;
  }
  if (entry.what === 'created')
    return t('cases.timeline.createdDetail', { category: t(`cases.categories.${detail.category}`) });
  if (entry.what === 'changed')
    return Object.entries(detail)
      .map(([field, change]) => {
        const [before, after] = Array.isArray(change) ? change : [null, change];
        const value = (v: unknown) =>
          v === null || v === undefined || v === ''
            ? '—'
            : field === 'status'
              ? t(`cases.statuses.${v}`)
              : field === 'priority'
                ? t(`cases.priorities.${v}`)
                : String(v);
        return `${t(`cases.fields.${field}`, { defaultValue: field })}: ${value(before)} → ${value(after)}`;
      })
      .join('、');
  if (entry.what === 'referral.sent')
    return t('cases.timeline.sentDetail', {
      purpose: t(`consents.purposes.${detail.purpose}`),
      to: String(detail.toOrgId ?? ''),
    });
  return detail.responseNote ? String(detail.responseNote) : '';
}

function Timeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useQuery({
    queryKey: ['case-timeline', caseId],
    queryFn: () =>
      unwrap<TimelineEntry[]>(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id: caseId } } })),
  });
  return (
    <>
      <Title order={3} size="h4">
        {t('cases.timelineTitle')}
      </Title>
      {timeline.isError && <ErrorNotice error={timeline.error} />}
      {timeline.data && (
        <Table data-testid="case-timeline">
          <Table.Thead>
            <Table.Tr>
              {(['at', 'what', 'detail', 'office'] as const).map((column) => (
                <Table.Th key={column}>{t(`cases.timelineColumns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {timeline.data.map((entry, index) => {
              const detail = (entry.detail ?? {}) as Record<string, unknown>;
              return (
                <Table.Tr key={`${entry.at}-${index}`}>
                  <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {t(`cases.timeline.${entry.what}`, { defaultValue: entry.what })}
                    {detail.sensitivity === 'SENSITIVE' && (
                      <>
                        {' '}
                        <ToneBadge tone="red">{t('cases.sensitive')}</ToneBadge>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{describe(t, entry)}</Table.Td>
                  <Table.Td>{entry.actorOrgId ? <OfficeLabel id={entry.actorOrgId} /> : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
