import { Anchor, Button, Card, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AlertCount } from '../api/types';
import { ALERT_SEVERITIES, alertRulesQuery, inLanguage, SEVERITY_TONES } from '../components/alerts';
import { ErrorNotice } from '../components/ErrorNotice';
import { ToneBadge } from '../components/kit';
import { rememberResidentQuery } from '../components/resident-query';
import { canSee, MENU, useMe } from '../session';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const searches = canSee(me, MENU.find((item) => item.key === 'residents')!.roles);
  const seesAlerts = canSee(me, MENU.find((item) => item.key === 'alerts')!.roles);

  const search = (event: FormEvent) => {
    event.preventDefault();
    // The name goes to the search page in memory, not in its URL.
    rememberResidentQuery({ q: q.trim() || undefined });
    void navigate({ to: '/residents' });
  };

  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <Text>{t('dashboard.welcome', { name: me.user?.displayName ?? '' })}</Text>
      {searches && (
        <Card withBorder>
          <form onSubmit={search} role="search">
            <Group align="flex-end">
              <TextInput
                label={t('dashboard.quickSearch')}
                value={q}
                onChange={(event) => setQ(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit">{t('residents.search')}</Button>
            </Group>
          </form>
        </Card>
      )}
      {seesAlerts && <AlertCounts />}
    </Stack>
  );
}

/** Open alerts per rule, most urgent first; each rule opens the alerts page filtered to it. */
function AlertCounts() {
  const { t, i18n } = useTranslation();
  const counts = useQuery({
    queryKey: ['alerts', 'counts'],
    queryFn: () => unwrap<AlertCount[]>(api.GET('/api/v1/alerts/counts')),
  });
  const rules = useQuery(alertRulesQuery);
  const titleOf = (ruleCode: string) => {
    const rule = rules.data?.find((candidate) => candidate.ruleCode === ruleCode);
    return rule ? inLanguage(rule.title, i18n.language) : ruleCode;
  };
  const sorted = [...(counts.data ?? [])].sort(
    (a, b) => ALERT_SEVERITIES.indexOf(a.severity) - ALERT_SEVERITIES.indexOf(b.severity) || b.open - a.open,
  );

  return (
    <Card withBorder data-testid="alert-counts">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('dashboard.alertsTitle')}
        </Title>
        <Anchor component={Link} to="/alerts">
          {t('dashboard.alertsAll')}
        </Anchor>
      </Group>
      {counts.isError && <ErrorNotice error={counts.error} />}
      {counts.isPending && <Loader aria-label={t('common.loading')} />}
      {counts.data?.length === 0 && <Text>{t('dashboard.alertsNone')}</Text>}
      {sorted.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('alerts.columns.rule')}</Table.Th>
              <Table.Th>{t('alerts.columns.severity')}</Table.Th>
              <Table.Th>{t('dashboard.alertsOpen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((count) => (
              <Table.Tr key={count.ruleCode}>
                <Table.Td>
                  <Link to="/alerts" search={{ ruleCode: count.ruleCode }}>
                    {titleOf(count.ruleCode)}
                  </Link>
                </Table.Td>
                <Table.Td>
                  <ToneBadge tone={SEVERITY_TONES[count.severity]}>
                    {t(`alerts.severities.${count.severity}`)}
                  </ToneBadge>
                </Table.Td>
                <Table.Td>{t('dashboard.alertCount', { count: count.open })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
