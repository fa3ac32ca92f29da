import { Alert, Button, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { officeDate, schoolYearOf } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { GuideDispatch } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Facts, FormError, problemMessage, ToneBadge, type Tone } from '../components/kit';
import { schoolYearLabel } from '../components/schooling';

const DISPATCH_TONES: Record<GuideDispatch['status'], Tone> = {
  QUEUED: 'gray',
  RUNNING: 'blue',
  DONE: 'green',
  FAILED: 'red',
};
const finished = (dispatch: GuideDispatch | undefined) => dispatch?.status === 'DONE' || dispatch?.status === 'FAILED';
const listKey = ['school-guide-dispatches'];

/** Sends the enrolment guide (就学案内) for a school year, follows the dispatch, and lists the earlier ones. */
export function SchoolGuidePage() {
  const { t } = useTranslation();
  const [dispatchId, setDispatchId] = useState<string | null>(null);
  const dispatches = useQuery({
    queryKey: listKey,
    queryFn: () => unwrap<GuideDispatch[]>(api.GET('/api/v1/school-guide-dispatches')),
  });
  return (
    <Stack>
      <Title order={2}>{t('schooling.guide.title')}</Title>
      <Text>{t('schooling.guide.help')}</Text>
      <DispatchForm onDispatched={setDispatchId} />
      {dispatchId && <DispatchProgress key={dispatchId} id={dispatchId} />}
      <Title order={3} size="h4">
        {t('schooling.guide.history')}
      </Title>
      {dispatches.isError && <ErrorNotice error={dispatches.error} />}
      {dispatches.isPending && <Loader aria-label={t('common.loading')} />}
      {dispatches.data?.length === 0 && <Text>{t('schooling.guide.none')}</Text>}
      {dispatches.data && dispatches.data.length > 0 && <DispatchTable dispatches={dispatches.data} />}
    </Stack>
  );
}

function DispatchForm({ onDispatched }: { onDispatched: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = officeDate(new Date());
  // The API takes the calendar year before, this one and the next (school-guide.service.ts).
  const calendarYear = Number(today.slice(0, 4));
  const years = [calendarYear - 1, calendarYear, calendarYear + 1];
  // The guide usually goes out before the school year it is about: the next one by default.
  const [year, setYear] = useState(String(Math.min(schoolYearOf(today) + 1, calendarYear + 1)));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const dispatch = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const started = await unwrap<GuideDispatch>(
        api.POST('/api/v1/school-guide-dispatches', { body: { schoolYear: Number(year) } }),
      );
      onDispatched(started.id);
      await client.invalidateQueries({ queryKey: listKey });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void dispatch(event)} aria-label={t('schooling.guide.dispatch')}>
        <Group align="flex-end">
          <Select
            label={t('schooling.guide.schoolYear')}
            description={t('schooling.guide.schoolYearHelp')}
            data={years.map((value) => ({
              value: String(value),
              label: t('schooling.guide.yearOption', { year: value }),
            }))}
            value={year}
            onChange={(value) => value && setYear(value)}
            allowDeselect={false}
            w={300}
          />
          <Button type="submit" loading={busy}>
            {t('schooling.guide.dispatch')}
          </Button>
        </Group>
        <FormError
          message={
            error
              ? problemMessage(t, error, (field) => (field === 'schoolYear' ? t('schooling.guide.schoolYear') : field))
              : null
          }
        />
      </form>
    </Card>
  );
}

/** A dispatch being sent: its status, polled until the job is done or has failed, then its counts. */
function DispatchProgress({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const run = useQuery({
    queryKey: ['school-guide-dispatch', id],
    queryFn: () => unwrap<GuideDispatch>(api.GET('/api/v1/school-guide-dispatches/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (finished(query.state.data) ? false : 700),
  });
  const done = finished(run.data);
  // The history below shows the finished dispatch with its counts.
  useEffect(() => {
    if (done) void client.invalidateQueries({ queryKey: listKey });
  }, [done, client]);
  if (run.isError) return <ErrorNotice error={run.error} />;
  if (!run.data) return <Loader aria-label={t('common.loading')} />;
  const dispatch = run.data;
  return (
    <Card withBorder data-testid="guide-dispatch">
      <Stack gap="sm">
        <Group>
          <Text fw={700}>{schoolYearLabel(t, dispatch.schoolYear)}</Text>
          <Group gap="xs" role="status" data-testid="guide-status">
            {!done && <Loader size="xs" aria-hidden />}
            <ToneBadge tone={DISPATCH_TONES[dispatch.status]}>
              {t(`schooling.guide.statuses.${dispatch.status}`)}
            </ToneBadge>
            {!done && <Text size="sm">{t('schooling.guide.working')}</Text>}
          </Group>
        </Group>
        {dispatch.status === 'DONE' && (
          <Facts
            items={[
              [t('schooling.guide.columns.children'), t('schooling.peopleValue', { count: dispatch.children })],
              [t('schooling.guide.columns.guardians'), t('schooling.peopleValue', { count: dispatch.guardians })],
              [t('schooling.guide.columns.queued'), t('schooling.guide.lettersValue', { count: dispatch.queued })],
              [
                t('schooling.guide.columns.withoutGuardian'),
                t('schooling.peopleValue', { count: dispatch.withoutGuardian }),
              ],
            ]}
          />
        )}
        {dispatch.status === 'DONE' && dispatch.withoutGuardian > 0 && (
          <Text size="sm">{t('schooling.guide.withoutGuardianHelp')}</Text>
        )}
        {dispatch.status === 'FAILED' && (
          <Alert color="red" role="alert">
            {t('schooling.guide.failed', { error: dispatch.error ?? '' })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function DispatchTable({ dispatches }: { dispatches: GuideDispatch[] }) {
  const { t } = useTranslation();
  const columns = [
    'schoolYear',
    'status',
    'createdAt',
    'finishedAt',
    'children',
    'guardians',
    'queued',
    'withoutGuardian',
  ] as const;
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
  return (
    <Table.ScrollContainer minWidth={960} tabIndex={0} aria-label={t('schooling.guide.history')}>
      <Table striped data-testid="guide-dispatches">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{t(`schooling.guide.columns.${column}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dispatches.map((dispatch) => (
            <Table.Tr key={dispatch.id}>
              <Table.Td>{schoolYearLabel(t, dispatch.schoolYear)}</Table.Td>
              <Table.Td>
                <ToneBadge tone={DISPATCH_TONES[dispatch.status]}>
                  {t(`schooling.guide.statuses.${dispatch.status}`)}
                </ToneBadge>
              </Table.Td>
              <Table.Td>{time(dispatch.createdAt)}</Table.Td>
              <Table.Td>{time(dispatch.finishedAt)}</Table.Td>
              {/* Counts are known once the job has finished. */}
              {(['children', 'guardians', 'queued', 'withoutGuardian'] as const).map((count) => (
                <Table.Td key={count} ta="right">
                  {dispatch.status === 'DONE' ? dispatch[count].toLocaleString() : '—'}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
