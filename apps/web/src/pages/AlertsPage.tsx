import { Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AlertItem, AlertSeverity, AlertStatus, Page } from '../api/types';
import { AlertTable } from '../components/AlertTable';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  alertRulesQuery,
  inLanguage,
  rulesFor,
  type AlertSearch,
} from '../components/alerts';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageButtons, useCursors } from '../components/kit';
import { useMe } from '../session';

const PAGE_SIZE = 50;
/** The status filter's first choice: no status sent, which the API reads as OPEN and ACKNOWLEDGED. */
const OPEN_ONES = 'open';

/** The office's alerts, newest first, filtered by status, rule and severity. */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const search = useSearch({ from: '/alerts' });
  const rules = useQuery(alertRulesQuery);
  const change = (next: Partial<AlertSearch>) => void navigate({ to: '/alerts', search: { ...search, ...next } });

  return (
    <Stack>
      <Title order={2}>{t('alerts.title')}</Title>
      <Text>{t('alerts.help')}</Text>
      <Card withBorder>
        <Group align="flex-end" role="group" aria-label={t('alerts.filters')}>
          <Select
            label={t('alerts.columns.status')}
            data={[
              { value: OPEN_ONES, label: t('alerts.openOnes') },
              ...ALERT_STATUSES.map((value) => ({ value, label: t(`alerts.statuses.${value}`) })),
            ]}
            value={search.status ?? OPEN_ONES}
            onChange={(value) => change({ status: value && value !== OPEN_ONES ? (value as AlertStatus) : undefined })}
            allowDeselect={false}
            w={240}
          />
          <Select
            label={t('alerts.columns.rule')}
            placeholder={t('alerts.all')}
            data={rulesFor(me, rules.data ?? []).map((rule) => ({
              value: rule.ruleCode,
              label: inLanguage(rule.title, i18n.language),
            }))}
            value={search.ruleCode ?? null}
            onChange={(value) => change({ ruleCode: value ?? undefined })}
            clearable
            w={380}
          />
          <Select
            label={t('alerts.columns.severity')}
            placeholder={t('alerts.all')}
            data={ALERT_SEVERITIES.map((value) => ({ value, label: t(`alerts.severities.${value}`) }))}
            value={search.severity ?? null}
            onChange={(value) => change({ severity: (value as AlertSeverity | null) ?? undefined })}
            clearable
            w={160}
          />
        </Group>
      </Card>
      {/* New filters start again from the first page, however they were set (a link, the back button). */}
      <AlertList key={JSON.stringify(search)} search={search} />
    </Stack>
  );
}

function AlertList({ search }: { search: AlertSearch }) {
  const { t } = useTranslation();
  const paging = useCursors();
  const alerts = useQuery({
    queryKey: ['alerts', 'list', search, paging.cursor],
    queryFn: () =>
      unwrap<Page<AlertItem>>(
        api.GET('/api/v1/alerts', { params: { query: { ...search, cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      {alerts.isError && <ErrorNotice error={alerts.error} />}
      {alerts.isPending && <Loader aria-label={t('common.loading')} />}
      {alerts.data && (
        <AlertTable alerts={alerts.data.items} label={t('alerts.title')} empty={t('alerts.none')} showResident />
      )}
      <PageButtons paging={paging} nextCursor={alerts.data?.nextCursor} />
    </>
  );
}
