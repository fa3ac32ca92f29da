import { Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { School } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { ToneBadge } from '../components/kit';
import { AddSchoolForm, EditSchoolForm } from '../components/SchoolForms';
import { schoolsQuery } from '../components/schooling';
import { useMe } from '../session';

/** The schools children of the municipality attend: the board adds them, renames, reclassifies or closes them. */
export function SchoolsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const schools = useQuery(schoolsQuery);
  // Caseworkers may read the list; only the board keeps it (the API answers 403 to anyone else).
  const keeps = useMe().data!.roles.includes('SCHOOL_OFFICER');
  const [adding, setAdding] = useState(false);
  // The school as the clerk read it when starting to edit: its version is what the change is checked against.
  const [editing, setEditing] = useState<School | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  /** The latest list from the API, and the school being edited as it is now. */
  const reload = async (id: string) => {
    await client.invalidateQueries({ queryKey: schoolsQuery.queryKey });
    const fresh = await client.fetchQuery(schoolsQuery);
    setEditing(fresh.find((school) => school.id === id) ?? null);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('schooling.schools.title')}</Title>
        {keeps && (
          <Button onClick={() => (setAdding(!adding), setSaved(null))} aria-expanded={adding}>
            {t('schooling.schools.add')}
          </Button>
        )}
      </Group>
      <Text>{t('schooling.schools.help')}</Text>
      {adding && (
        <AddSchoolForm
          onAdded={(school) => (setAdding(false), setSaved(t('schooling.schools.added', { name: school.name })))}
          onCancel={() => setAdding(false)}
        />
      )}
      {editing && (
        <EditSchoolForm
          key={`${editing.id}-${editing.version}`}
          school={editing}
          onSaved={(school) => (setEditing(null), setSaved(t('schooling.schools.saved', { name: school.name })))}
          onReload={() => reload(editing.id)}
          onCancel={() => setEditing(null)}
        />
      )}
      {saved && <Text role="status">{saved}</Text>}
      {schools.isError && <ErrorNotice error={schools.error} />}
      {schools.isPending && <Loader aria-label={t('common.loading')} />}
      {schools.data?.length === 0 && <Text>{t('schooling.schools.none')}</Text>}
      {schools.data && schools.data.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('schooling.schools.title')}>
          <Table striped data-testid="schools">
            <Table.Thead>
              <Table.Tr>
                {(['code', 'name', 'kind', 'address', 'state', ...(keeps ? (['actions'] as const) : [])] as const).map(
                  (column) => (
                    <Table.Th key={column}>{t(`schooling.schools.columns.${column}`)}</Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schools.data.map((school) => (
                <Table.Tr key={school.id}>
                  <Table.Td ff="monospace">{school.code}</Table.Td>
                  <Table.Td>{school.name}</Table.Td>
                  <Table.Td>{t(`schooling.kinds.${school.kind}`)}</Table.Td>
                  <Table.Td>{school.address ?? '—'}</Table.Td>
                  <Table.Td>
                    {school.closedOn ? (
                      <ToneBadge tone="gray">{t('schooling.schools.closedOn', { date: school.closedOn })}</ToneBadge>
                    ) : (
                      <ToneBadge tone="green">{t('schooling.schools.open')}</ToneBadge>
                    )}
                  </Table.Td>
                  {keeps && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => (setEditing(school), setSaved(null))}
                        aria-label={t('schooling.schools.editOne', { name: school.name })}
                      >
                        {t('schooling.schools.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
