import { Button, Card, Group, NumberInput, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AbsenceMonth, AbsenceReason } from '../api/types';
import { FormError, problemMessage } from './kit';
import { ABSENCE_REASONS, schoolYearLabel, useChildForm } from './schooling';

const ABSENCE_FIELDS = ['month', 'daysAbsent', 'reason'] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Days absent per month as the school reports them; recording a month again replaces it. */
export function SchoolAbsences({
  residentId,
  absences,
  today,
}: {
  residentId: string;
  absences: AbsenceMonth[];
  today: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={3} size="h4">
        {t('schooling.absences.title')}
      </Title>
      {absences.length === 0 ? (
        <Text>{t('schooling.absences.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600} tabIndex={0} aria-label={t('schooling.absences.title')}>
          <Table data-testid="absence-months">
            <Table.Thead>
              <Table.Tr>
                {(['month', 'schoolYear', 'daysAbsent', 'reason'] as const).map((column) => (
                  <Table.Th key={column}>{t(`schooling.absences.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {absences.map((absence) => (
                <Table.Tr key={absence.month}>
                  <Table.Td>{absence.month}</Table.Td>
                  <Table.Td>{schoolYearLabel(t, absence.schoolYear)}</Table.Td>
                  <Table.Td>{t('schooling.daysValue', { count: absence.daysAbsent })}</Table.Td>
                  <Table.Td>{absence.reason ? t(`schooling.absenceReasons.${absence.reason}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordAbsenceForm residentId={residentId} thisMonth={today.slice(0, 7)} />
    </>
  );
}

/** RecordAbsenceDto's checks and the month's: YYYY-MM not after this month, 0 to 31 whole days. */
function RecordAbsenceForm({ residentId, thisMonth }: { residentId: string; thisMonth: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState('');
  const [days, setDays] = useState<number | ''>('');
  const [reason, setReason] = useState<AbsenceReason | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { invalid, error, busy, submit } = useChildForm(residentId, ABSENCE_FIELDS);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const problems: Record<string, string> = {};
    if (!MONTH.test(month)) problems.month = t('schooling.absences.monthFormat');
    else if (month > thisMonth) problems.month = t('schooling.absences.future');
    if (days === '' || !Number.isInteger(days) || days < 0 || days > 31)
      problems.daysAbsent = t('schooling.absences.daysRange');
    const saved = await submit(problems, async () => {
      await unwrap(
        api.PUT('/api/v1/residents/{id}/absences/{month}', {
          params: { path: { id: residentId, month } },
          body: { daysAbsent: Number(days), reason },
        }),
      );
    });
    if (saved) {
      setDone(t('schooling.absences.recorded', { month, count: Number(days) }));
      setMonth('');
      setDays('');
      setReason(null);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('schooling.absences.record')} noValidate>
        <Title order={4} size="h5" mb="xs">
          {t('schooling.absences.record')}
        </Title>
        <Group align="flex-start">
          <TextInput
            label={t('schooling.absences.columns.month')}
            description={t('schooling.absences.monthHelp')}
            type="month"
            placeholder="YYYY-MM"
            max={thisMonth}
            value={month}
            onChange={(event) => setMonth(event.currentTarget.value)}
            error={invalid.month}
            required
          />
          <NumberInput
            label={t('schooling.absences.columns.daysAbsent')}
            min={0}
            max={31}
            allowDecimal={false}
            value={days}
            onChange={(value) => setDays(typeof value === 'number' ? value : '')}
            error={invalid.daysAbsent}
            required
            w={140}
          />
          <Select
            label={t('schooling.absences.columns.reason')}
            placeholder={t('schooling.absences.noReason')}
            data={ABSENCE_REASONS.map((value) => ({ value, label: t(`schooling.absenceReasons.${value}`) }))}
            value={reason}
            onChange={(value) => setReason(value as AbsenceReason | null)}
            error={invalid.reason}
            clearable
            w={200}
          />
        </Group>
        <Button type="submit" mt="md" loading={busy}>
          {t('schooling.absences.recordSubmit')}
        </Button>
        <FormError message={error ? problemMessage(t, error) : null} />
        {done && (
          <Text role="status" mt="xs">
            {done}
          </Text>
        )}
      </form>
    </Card>
  );
}
