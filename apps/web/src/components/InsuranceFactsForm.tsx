import { Button, Card, Group, NumberInput, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { ResidentFacts } from '../api/types';

type Facts = ResidentFacts['facts'];
const YES_NO_FACTS = ['onPublicAssistance', 'isDaytimeStudent', 'isEmployed', 'employerIsCorporation'] as const;
const NUMBER_FACTS = [
  'weeklyContractHours',
  'monthlyScheduledWage',
  'expectedEmploymentMonths',
  'employerInsuredHeadcount',
] as const;

/**
 * What the caseworker was told and the register does not say (public assistance, studies,
 * employment, a social security certificate). Left empty means "not known": the obligations then
 * say which fact they miss instead of guessing.
 */
export function InsuranceFactsForm({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const recorded = useQuery({
    queryKey: ['insurance-facts', residentId],
    queryFn: () =>
      unwrap<ResidentFacts>(
        api.GET('/api/v1/residents/{id}/insurance-facts', { params: { path: { id: residentId } } }),
      ),
  });
  const [facts, setFacts] = useState<Facts>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (recorded.data) setFacts(recorded.data.facts);
  }, [recorded.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await unwrap(
        api.PUT('/api/v1/residents/{id}/insurance-facts', {
          params: { path: { id: residentId } },
          body: { ...facts, version: recorded.data?.version ?? 0 },
        }),
      );
      setSaved(true);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['insurance-facts', residentId] }),
        client.invalidateQueries({ queryKey: ['obligations', residentId] }),
      ]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, detail: String(caught) }));
    } finally {
      setBusy(false);
    }
  };

  const set = (name: keyof Facts, value: unknown) => {
    setSaved(false);
    setFacts((current) => {
      const next = { ...current } as Record<string, unknown>;
      if (value === undefined || value === '') delete next[name];
      else next[name] = value;
      return next as Facts;
    });
  };

  if (!recorded.data) return null;
  return (
    <Card withBorder>
      <form onSubmit={(event) => void save(event)} aria-label={t('insurance.facts.title')}>
        <Title order={3} size="h5">
          {t('insurance.facts.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('insurance.facts.help')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {YES_NO_FACTS.map((name) => (
            <Select
              key={name}
              label={t(`insurance.facts.${name}`)}
              data={[
                { value: '', label: t('insurance.facts.unknown') },
                { value: 'true', label: t('insurance.facts.yes') },
                { value: 'false', label: t('insurance.facts.no') },
              ]}
              value={facts[name] === undefined ? '' : String(facts[name])}
              onChange={(value) => set(name, value ? value === 'true' : undefined)}
              allowDeselect={false}
              error={error?.fieldError(name)}
            />
          ))}
          {NUMBER_FACTS.map((name) => (
            <NumberInput
              key={name}
              label={t(`insurance.facts.${name}`)}
              min={0}
              thousandSeparator=","
              value={facts[name] ?? ''}
              onChange={(value) => set(name, typeof value === 'number' ? value : undefined)}
              error={error?.fieldError(name)}
            />
          ))}
          <TextInput
            label={t('insurance.facts.ssaCertificateCountry')}
            placeholder="US"
            maxLength={2}
            value={facts.ssaCertificateCountry ?? ''}
            onChange={(event) => set('ssaCertificateCountry', event.currentTarget.value.toUpperCase() || undefined)}
            error={error?.fieldError('ssaCertificateCountry')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={busy}>
            {t('insurance.facts.save')}
          </Button>
          {saved && <Text size="sm">{t('insurance.facts.saved')}</Text>}
          {error && !error.problem.errors?.length && (
            <Text c="red.8" size="sm" role="alert">
              {error.problem.status === 409 ? t('insurance.changedMeanwhile') : error.message}
            </Text>
          )}
        </Group>
      </form>
    </Card>
  );
}
