import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Page, Resident } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { alphabetName } from './names';

/**
 * Finds residents by name (as the resident search does) and offers an action on each result:
 * enroll in a course, register for a session. Its own form: never place it inside another.
 */
export function ResidentSearch(props: {
  label: string;
  actionLabel: string;
  onPick: (resident: Resident) => Promise<void> | void;
  busyId?: string | null;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['resident-search', q],
    enabled: q !== '',
    // In the body, not the URL: names stay out of query strings and access logs.
    queryFn: () => unwrap<Page<Resident>>(api.POST('/api/v1/residents/search', { body: { q, limit: 10 } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  return (
    <Stack gap="xs">
      <form onSubmit={submit} role="search">
        <Group align="flex-end">
          <TextInput
            label={props.label}
            description={t('residents.queryHelp')}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default">
            {t('residents.search')}
          </Button>
        </Group>
      </form>
      {results.isError && <ErrorNotice error={results.error} />}
      {results.data?.items.length === 0 && <Text>{t('residents.none')}</Text>}
      {results.data && results.data.items.length > 0 && (
        <Table data-testid="resident-search-results">
          <Table.Tbody>
            {results.data.items.map((resident) => (
              <Table.Tr key={resident.id}>
                <Table.Td>{alphabetName(resident)}</Table.Td>
                <Table.Td>{resident.kanaName}</Table.Td>
                <Table.Td>{resident.birthDate}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    loading={props.busyId === resident.id}
                    onClick={() => void props.onPick(resident)}
                    aria-label={`${props.actionLabel}: ${alphabetName(resident)}`}
                  >
                    {props.actionLabel}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
