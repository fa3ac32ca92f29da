import { Loader, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AuditEvent } from '../api/types';
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
      {events.data && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resident.auditAt')}</Table.Th>
              <Table.Th>{t('resident.auditAction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{new Date(event.at).toLocaleString()}</Table.Td>
                <Table.Td>{event.action}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
