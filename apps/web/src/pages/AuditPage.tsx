import { Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AuditEvent } from '../api/types';
import { AuditTable } from '../components/AuditTable';
import { ErrorNotice } from '../components/ErrorNotice';

export function AuditPage() {
  const { t } = useTranslation();
  const events = useQuery({
    queryKey: ['audit-log'],
    queryFn: () =>
      unwrap<{ items: AuditEvent[] }>(api.GET('/api/v1/audit-events', { params: { query: { limit: 100 } } })),
  });
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      {events.isPending && <Loader aria-label={t('common.loading')} />}
      {events.isError && <ErrorNotice error={events.error} />}
      {events.data && <AuditTable events={events.data.items} />}
    </Stack>
  );
}
