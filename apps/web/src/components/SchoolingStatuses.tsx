import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, ApiError, unwrap } from '../api/client';
import type { ChildSchooling, RecordedSchoolingStatus } from '../api/types';
import { FormError, isConflict, problemMessage } from './kit';
import {
  childChanged,
  useChildForm,
  NOTE_MAX,
  RECORDED_SCHOOLING_STATUSES,
  schoolYearLabel,
  STATUS_SOURCES,
} from './schooling';
import { SchoolingStatusBadge } from './SchoolingStatusBadge';

type Status = RecordedSchoolingStatus['status'];
type Source = (typeof STATUS_SOURCES)[number];

/** The board's finding per school year (one per year), and recording one. */
export function SchoolingStatuses({ residentId, schooling }: { residentId: string; schooling: ChildSchooling }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={3} size="h4">
        {t('schooling.statusRecords.title')}
      </Title>
      <Text size="sm">{t('schooling.statusRecords.help')}</Text>
      {schooling.statuses.length === 0 ? (
        <Text>{t('schooling.statusRecords.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={t('schooling.statusRecords.title')}>
          <Table data-testid="schooling-statuses">
            <Table.Thead>
              <Table.Tr>
                {(['schoolYear', 'status', 'source', 'confirmedOn', 'note'] as const).map((column) => (
                  <Table.Th key={column}>{t(`schooling.statusRecords.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schooling.statuses.map((status) => (
                <Table.Tr key={status.schoolYear}>
                  <Table.Td>{schoolYearLabel(t, status.schoolYear)}</Table.Td>
                  <Table.Td>
                    <SchoolingStatusBadge status={status.status} />
                  </Table.Td>
                  <Table.Td>{t(`schooling.sources.${status.source}`)}</Table.Td>
                  <Table.Td>{status.confirmedOn}</Table.Td>
                  <Table.Td>{status.note ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordStatusForm residentId={residentId} schooling={schooling} />
    </>
  );
}

const STATUS_FIELDS = ['schoolYear', 'status', 'source', 'confirmedOn', 'note'] as const;

/**
 * Records the status of a school year. A year already recorded is overwritten with the version read;
 * if someone else recorded it meanwhile, the form says so and offers the latest.
 */
function RecordStatusForm({ residentId, schooling }: { residentId: string; schooling: ChildSchooling }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [year, setYear] = useState<number | ''>(schooling.schoolYear);
  const [status, setStatus] = useState<Status | null>(null);
  const [source, setSource] = useState<Source>('MANUAL');
  const [confirmedOn, setConfirmedOn] = useState('');
  const [note, setNote] = useState('');
  const { invalid, error, busy, done, clearError, submit } = useChildForm(residentId, STATUS_FIELDS);
  const recorded = schooling.statuses.find((entry) => entry.schoolYear === year);
  // A year recorded by someone else since this page was read: a stale version, or no version sent at all.
  const conflict = isConflict(error) || (error instanceof ApiError && Boolean(error.fieldError('version')));

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (year === '' || !Number.isInteger(year) || year < 2000 || year > 2100)
      problems.schoolYear = t('schooling.yearRange');
    if (!status) problems.status = t('edit.required');
    if (confirmedOn && !isIsoDate(confirmedOn)) problems.confirmedOn = t('edit.date');
    if (note.trim().length > NOTE_MAX) problems.note = t('edit.tooLong', { max: NOTE_MAX });
    const saved = await submit(problems, async () => {
      await unwrap(
        api.PUT('/api/v1/residents/{id}/schooling-status/{schoolYear}', {
          params: { path: { id: residentId, schoolYear: String(year) } },
          body: {
            status: status!,
            source,
            confirmedOn: confirmedOn || undefined,
            note: note.trim() || null,
            ...(recorded ? { version: recorded.version } : {}),
          },
        }),
      );
    });
    if (saved) {
      setStatus(null);
      setConfirmedOn('');
      setNote('');
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('schooling.statusRecords.record')} noValidate>
        <Title order={4} size="h5" mb="xs">
          {t('schooling.statusRecords.record')}
        </Title>
        <Group align="flex-start">
          <NumberInput
            label={t('schooling.statusRecords.columns.schoolYear')}
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator={false}
            value={year}
            onChange={(value) => setYear(typeof value === 'number' ? value : '')}
            error={invalid.schoolYear}
            required
            w={140}
          />
          <Select
            label={t('schooling.statusRecords.columns.status')}
            data={RECORDED_SCHOOLING_STATUSES.map((value) => ({ value, label: t(`schooling.statuses.${value}`) }))}
            value={status}
            onChange={(value) => setStatus(value as Status | null)}
            error={invalid.status}
            required
            w={260}
          />
          <Select
            label={t('schooling.statusRecords.columns.source')}
            data={STATUS_SOURCES.map((value) => ({ value, label: t(`schooling.sources.${value}`) }))}
            value={source}
            onChange={(value) => value && setSource(value as Source)}
            error={invalid.source}
            allowDeselect={false}
            w={300}
          />
          <TextInput
            label={t('schooling.statusRecords.columns.confirmedOn')}
            description={t('schooling.todayIfEmpty')}
            type="date"
            value={confirmedOn}
            onChange={(event) => setConfirmedOn(event.currentTarget.value)}
            error={invalid.confirmedOn}
          />
        </Group>
        <Textarea
          mt="sm"
          label={t('schooling.statusRecords.columns.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={invalid.note}
          autosize
          minRows={2}
          maxLength={NOTE_MAX}
        />
        {recorded && !conflict && (
          <Text size="sm" mt="xs">
            {t('schooling.statusRecords.overwrite', {
              year: schoolYearLabel(t, recorded.schoolYear),
              status: t(`schooling.statuses.${recorded.status}`),
            })}
          </Text>
        )}
        <Button type="submit" mt="md" loading={busy} disabled={conflict}>
          {t('schooling.statusRecords.recordSubmit')}
        </Button>
        {conflict ? (
          <Alert color="red" role="alert" mt="sm">
            <Text size="sm">{t('schooling.statusRecords.conflict')}</Text>
            <Button
              mt="xs"
              size="xs"
              variant="default"
              onClick={() => void childChanged(client, residentId).then(() => clearError())}
            >
              {t('edit.reload')}
            </Button>
          </Alert>
        ) : (
          <FormError message={error ? problemMessage(t, error) : null} />
        )}
        {done && (
          <Text role="status" mt="xs">
            {t('schooling.statusRecords.recorded')}
          </Text>
        )}
      </form>
    </Card>
  );
}
