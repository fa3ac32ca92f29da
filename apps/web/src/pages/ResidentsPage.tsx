import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Page, Resident } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { alphabetName, otherNames } from '../components/names';
import { lastResidentQuery, rememberResidentQuery, type ResidentQuery } from '../components/resident-query';
import { StatusName } from '../components/StatusName';

const PAGE_SIZE = 20;

export function ResidentsPage() {
  const { t } = useTranslation();
  // The question asked, in memory only: never in the URL (components/resident-query.ts).
  const [search, setSearch] = useState<ResidentQuery>(lastResidentQuery);
  const [q, setQ] = useState(search.q ?? '');
  const [birthDate, setBirthDate] = useState(search.birthDate ?? '');
  // Cursor paging: the cursors of the pages seen so far, to go forward and back to the first.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];

  const results = useQuery({
    queryKey: ['residents', search.q, search.birthDate, cursor],
    queryFn: () =>
      unwrap<Page<Resident>>(
        api.POST('/api/v1/residents/search', {
          body: { q: search.q || undefined, birthDate: search.birthDate || undefined, cursor, limit: PAGE_SIZE },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    const next = { q: q.trim() || undefined, birthDate: birthDate || undefined };
    rememberResidentQuery(next);
    setSearch(next);
  };

  return (
    <Stack>
      <Title order={2}>{t('residents.title')}</Title>
      <Card withBorder>
        <form onSubmit={submit} role="search">
          <Group align="flex-end">
            <TextInput
              label={t('residents.query')}
              description={t('residents.queryHelp')}
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              style={{ flex: 2 }}
            />
            <TextInput
              label={t('residents.birthDate')}
              type="date"
              value={birthDate}
              onChange={(event) => setBirthDate(event.currentTarget.value)}
            />
            <Button type="submit">{t('residents.search')}</Button>
          </Group>
        </form>
      </Card>
      {results.isError && <ErrorNotice error={results.error} />}
      {results.data && (
        <>
          {results.data.items.length === 0 ? (
            <Text>{t('residents.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={t('residents.title')}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {(['name', 'kana', 'kanji', 'birthDate', 'nationality', 'status', 'expiry'] as const).map(
                      (column) => (
                        <Table.Th key={column}>{t(`residents.columns.${column}`)}</Table.Th>
                      ),
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {results.data.items.map((resident) => (
                    <Table.Tr key={resident.id}>
                      <Table.Td>
                        <Link to="/residents/$residentId" params={{ residentId: resident.id }}>
                          {alphabetName(resident)}
                        </Link>
                      </Table.Td>
                      <Table.Td>{resident.kanaName}</Table.Td>
                      <Table.Td>{otherNames(resident)}</Table.Td>
                      <Table.Td>{resident.birthDate}</Table.Td>
                      <Table.Td>{resident.nationality}</Table.Td>
                      <Table.Td>
                        <StatusName code={resident.statusCode} subtype={resident.statusSubtype} />
                      </Table.Td>
                      <Table.Td>{resident.stayExpiryDate}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group>
            <Text size="sm">{t('residents.count', { count: results.data.items.length })}</Text>
            {cursors.length > 0 && (
              <Button variant="default" onClick={() => setCursors([])}>
                {t('residents.first')}
              </Button>
            )}
            {results.data.nextCursor && (
              <Button variant="default" onClick={() => setCursors([...cursors, results.data.nextCursor!])}>
                {t('residents.next')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
