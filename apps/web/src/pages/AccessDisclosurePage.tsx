import { Button, Card, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { AccessDisclosurePage as DisclosurePage } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCursors, PageButtons } from '../components/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ADMIN: a resident's disclosure request under APPI: who read or wrote the record, when, and why.
 * Administrators do not open resident records, so the resident is named by id.
 */
export function AccessDisclosurePage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [residentId, setResidentId] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const paging = useCursors();
  const page = useQuery({
    queryKey: ['access-disclosure', residentId, paging.cursor],
    enabled: residentId !== null,
    queryFn: () =>
      unwrap<DisclosurePage>(
        api.GET('/api/v1/residents/{id}/access-disclosure', {
          params: { path: { id: residentId! }, query: { cursor: paging.cursor, limit: 100 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = draft.trim();
    if (!UUID.test(id)) return setInvalid(t('disclosure.idFormat'));
    setInvalid(null);
    paging.reset();
    setResidentId(id);
  };

  return (
    <Stack>
      <Title order={2}>{t('disclosure.title')}</Title>
      <Text>{t('disclosure.help')}</Text>
      <Card withBorder>
        <form onSubmit={submit} aria-label={t('disclosure.title')}>
          <Group align="flex-start">
            <TextInput
              label={t('disclosure.residentId')}
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              error={invalid}
              required
              w={380}
            />
            <Button type="submit" mt={25}>
              {t('disclosure.show')}
            </Button>
          </Group>
        </form>
      </Card>
      {page.isError && <ErrorNotice error={page.error} />}
      {page.isFetching && !page.data && <Loader aria-label={t('common.loading')} />}
      {page.data?.items.length === 0 && <Text>{t('disclosure.none')}</Text>}
      {page.data && page.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('disclosure.title')}>
          <Table striped data-testid="access-disclosure">
            <Table.Thead>
              <Table.Tr>
                {(['at', 'who', 'office', 'action', 'purpose'] as const).map((column) => (
                  <Table.Th key={column}>{t(`disclosure.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((entry, index) => (
                <Table.Tr key={`${entry.at}-${index}`}>
                  <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {entry.actorName ?? (entry.actorServiceTokenId ? t('disclosure.serviceToken') : '—')}
                  </Table.Td>
                  <Table.Td>{entry.actorOrgName ?? '—'}</Table.Td>
                  <Table.Td>{t(`disclosure.actions.${entry.action}`, { defaultValue: entry.action })}</Table.Td>
                  <Table.Td>
                    {entry.purpose ? t(`disclosure.purposes.${entry.purpose}`, { defaultValue: entry.purpose }) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PageButtons paging={paging} nextCursor={page.data?.nextCursor} />
    </Stack>
  );
}
