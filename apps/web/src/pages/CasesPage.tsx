import { Card, Checkbox, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { CaseCategory, CasePage, CaseStatus } from '../api/types';
import { CaseTable } from '../components/CaseTable';
import { CASE_CATEGORIES, CASE_STATUSES } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCursors, PageButtons } from '../components/kit';

const PAGE_SIZE = 50;

interface Filters {
  mine: boolean;
  overdue: boolean;
  status: CaseStatus | null;
  category: CaseCategory | null;
}

/** The office's cases and those referred to it, soonest next action first. */
export function CasesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ mine: true, overdue: false, status: null, category: null });
  const paging = useCursors();
  const change = (next: Partial<Filters>) => {
    paging.reset();
    setFilters({ ...filters, ...next });
  };
  const query = {
    mine: filters.mine || undefined,
    overdue: filters.overdue || undefined,
    status: filters.status ?? undefined,
    category: filters.category ?? undefined,
  };
  const cases = useQuery({
    queryKey: ['cases', query, paging.cursor],
    queryFn: () =>
      unwrap<CasePage>(
        api.GET('/api/v1/cases', { params: { query: { ...query, cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Title order={2}>{t('cases.title')}</Title>
      <Text>{t('cases.help')}</Text>
      <Card withBorder>
        <Group align="flex-end" role="group" aria-label={t('cases.filters')}>
          <SegmentedControl
            aria-label={t('cases.scope')}
            value={filters.mine ? 'mine' : 'office'}
            onChange={(value) => change({ mine: value === 'mine' })}
            data={[
              { value: 'mine', label: t('cases.mine') },
              { value: 'office', label: t('cases.office') },
            ]}
          />
          <Select
            label={t('cases.columns.status')}
            placeholder={t('cases.all')}
            data={CASE_STATUSES.map((value) => ({ value, label: t(`cases.statuses.${value}`) }))}
            value={filters.status}
            onChange={(value) => change({ status: value as CaseStatus | null })}
            clearable
            w={160}
          />
          <Select
            label={t('cases.columns.category')}
            placeholder={t('cases.all')}
            data={CASE_CATEGORIES.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
            value={filters.category}
            onChange={(value) => change({ category: value as CaseCategory | null })}
            clearable
            w={220}
          />
          <Checkbox
            mb={8}
            label={t('cases.overdueOnly')}
            checked={filters.overdue}
            onChange={(event) => change({ overdue: event.currentTarget.checked })}
          />
        </Group>
      </Card>
      {cases.isError && <ErrorNotice error={cases.error} />}
      {cases.isPending && <Loader aria-label={t('common.loading')} />}
      {cases.data?.items.length === 0 && <Text>{t('cases.none')}</Text>}
      {cases.data && cases.data.items.length > 0 && (
        <CaseTable cases={cases.data.items} label={t('cases.title')} showResident />
      )}
      <PageButtons paging={paging} nextCursor={cases.data?.nextCursor} />
    </Stack>
  );
}
