import { Badge, Button, Card, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { CoveragePeriod, ObligationResult } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { InsuranceFactsForm } from './InsuranceFactsForm';

const SCHEMES = ['NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY'] as const;
const ROLES = ['INSURED', 'DEPENDANT', 'NP_CATEGORY_1', 'NP_CATEGORY_2', 'NP_CATEGORY_3'] as const;

/** Obligations today beside the coverage on record, the gaps, and recording a coverage period. */
export function InsuranceTab({ residentId }: { residentId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const obligations = useQuery({
    queryKey: ['obligations', residentId],
    queryFn: () =>
      unwrap<ObligationResult[]>(
        api.GET('/api/v1/residents/{id}/obligations', { params: { path: { id: residentId } } }),
      ),
  });
  const periods = useQuery({
    queryKey: ['coverage-periods', residentId],
    queryFn: () =>
      unwrap<CoveragePeriod[]>(
        api.GET('/api/v1/residents/{id}/coverage-periods', { params: { path: { id: residentId } } }),
      ),
  });
  const [scheme, setScheme] = useState<string>('NHI');
  const [role, setRole] = useState<string>('INSURED');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await unwrap(
        api.POST('/api/v1/residents/{id}/coverage-periods', {
          params: { path: { id: residentId } },
          body: {
            scheme: scheme as (typeof SCHEMES)[number],
            role: role as (typeof ROLES)[number],
            startDate,
            source: 'MANUAL',
            ...(endDate ? { endDate } : {}),
          },
        }),
      );
      setStartDate('');
      setEndDate('');
      await Promise.all([
        client.invalidateQueries({ queryKey: ['coverage-periods', residentId] }),
        client.invalidateQueries({ queryKey: ['obligations', residentId] }),
      ]);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setProblem(t('insurance.overlap'));
      else if (error instanceof ApiError && error.problem.errors?.length)
        setProblem(
          error.problem.errors.map((e) => `${t(`insurance.fields.${e.field}`, e.field)}: ${e.reason}`).join(' '),
        );
      else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (obligations.isError) return <ErrorNotice error={obligations.error} />;
  if (periods.isError) return <ErrorNotice error={periods.error} />;
  if (obligations.isPending || periods.isPending) return <Loader aria-label={t('common.loading')} />;
  const language = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('insurance.obligationsToday')}
      </Title>
      <Table data-testid="obligations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insurance.scheme')}</Table.Th>
            <Table.Th>{t('insurance.required')}</Table.Th>
            <Table.Th>{t('insurance.covered')}</Table.Th>
            <Table.Th>{t('insurance.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {obligations.data.map((result) => (
            <Table.Tr key={result.scheme}>
              <Table.Td>{t(`insurance.schemes.${result.scheme}`)}</Table.Td>
              <Table.Td>{t(`insurance.requiredValue.${String(result.required)}`)}</Table.Td>
              <Table.Td>
                {/* Dark shades: Mantine's filled red and green miss AA contrast for white text. */}
                {result.gap ? (
                  <Badge color="#b71c1c">{t('insurance.gap')}</Badge>
                ) : result.covered ? (
                  <Badge color="#1b5e20">{t('insurance.onRecord')}</Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{result.reasonText[language]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <InsuranceFactsForm residentId={residentId} />
      <Title order={3} size="h4">
        {t('insurance.periods')}
      </Title>
      {periods.data.length === 0 ? (
        <Text>{t('insurance.noPeriods')}</Text>
      ) : (
        <Table data-testid="coverage-periods">
          <Table.Tbody>
            {periods.data.map((period) => (
              <Table.Tr key={period.id}>
                <Table.Td>{t(`insurance.schemes.${period.scheme}`)}</Table.Td>
                <Table.Td>{t(`insurance.roles.${period.role}`)}</Table.Td>
                <Table.Td>
                  {period.startDate} – {period.endDate ?? t('insurance.open')}
                </Table.Td>
                <Table.Td>
                  {period.endDate === null && <EndPeriodForm residentId={residentId} period={period} />}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Card withBorder>
        <form onSubmit={(event) => void record(event)}>
          <Group align="flex-end">
            <Select
              label={t('insurance.scheme')}
              data={SCHEMES.map((value) => ({ value, label: t(`insurance.schemes.${value}`) }))}
              value={scheme}
              onChange={(value) => setScheme(value ?? 'NHI')}
              allowDeselect={false}
            />
            <Select
              label={t('insurance.role')}
              data={ROLES.map((value) => ({ value, label: t(`insurance.roles.${value}`) }))}
              value={role}
              onChange={(value) => setRole(value ?? 'INSURED')}
              allowDeselect={false}
            />
            <TextInput
              label={t('insurance.fields.startDate')}
              placeholder="YYYY-MM-DD"
              value={startDate}
              onChange={(event) => setStartDate(event.currentTarget.value)}
              required
            />
            <TextInput
              label={t('insurance.fields.endDate')}
              placeholder="YYYY-MM-DD"
              value={endDate}
              onChange={(event) => setEndDate(event.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('insurance.record')}
            </Button>
          </Group>
          {problem && (
            <Text c="red.8" role="alert" mt="sm">
              {problem}
            </Text>
          )}
        </form>
      </Card>
    </Stack>
  );
}

/** Closes an open period on its last covered day (e.g. the resident moved to an employer's scheme). */
function EndPeriodForm({ residentId, period }: { residentId: string; period: CoveragePeriod }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [endDate, setEndDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const end = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await unwrap(
        api.PATCH('/api/v1/residents/{id}/coverage-periods/{periodId}', {
          params: { path: { id: residentId, periodId: period.id } },
          body: { version: period.version, endDate },
        }),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['coverage-periods', residentId] }),
        client.invalidateQueries({ queryKey: ['obligations', residentId] }),
      ]);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setProblem(t('insurance.changedMeanwhile'));
      else if (error instanceof ApiError) setProblem(error.fieldError('endDate') ?? error.message);
      else setProblem(String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void end(event)}>
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          aria-label={t('insurance.endOn', { scheme: t(`insurance.schemes.${period.scheme}`) })}
          placeholder="YYYY-MM-DD"
          value={endDate}
          onChange={(event) => setEndDate(event.currentTarget.value)}
          required
          w={130}
        />
        <Button size="xs" variant="default" type="submit" loading={busy}>
          {t('insurance.end')}
        </Button>
      </Group>
      {problem && (
        <Text c="red.8" size="sm" role="alert">
          {problem}
        </Text>
      )}
    </form>
  );
}
