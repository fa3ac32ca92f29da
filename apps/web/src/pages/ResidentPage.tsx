import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { residentQuery } from '../api/queries';
import type { AlertItem, AuditEvent, Household, Page, StatusChange } from '../api/types';
import { useAlertFollowUp } from '../components/alert-follow-up';
import { AlertTable } from '../components/AlertTable';
import { AuditTable } from '../components/AuditTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { EmploymentTab } from '../components/EmploymentTab';
import { InsuranceTab } from '../components/InsuranceTab';
import { LanguageTab } from '../components/LanguageTab';
import { CasesTab } from '../components/CasesTab';
import { OrientationTab } from '../components/OrientationTab';
import { alphabetName } from '../components/names';
import { ResidentForm } from '../components/ResidentForm';
import { SchoolingTab } from '../components/SchoolingTab';
import { OVERVIEW_FIELDS } from '../components/resident-fields';
import { StatusName } from '../components/StatusName';
import { canSee, MENU, useMe } from '../session';

export function ResidentPage() {
  const { t } = useTranslation();
  const { residentId } = useParams({ from: '/residents/$residentId' });
  const me = useMe().data!;
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const resident = useQuery(residentQuery(residentId));
  // Here, not in the overview tab: the change is made in another tab, while the overview is unmounted.
  const followAlerts = useAlertFollowUp(residentId);
  if (resident.isPending) return <Loader aria-label={t('common.loading')} />;
  if (resident.isError) return <ErrorNotice error={resident.error} />;
  const record = resident.data;
  // What the role does not see is absent from the answer, not empty.
  const seesStatus = 'statusCode' in record;
  const seesHousehold = 'householdId' in record;
  const isAdmin = me.roles.includes('ADMIN');
  const canEdit = me.roles.includes('CITY_CASEWORKER');
  const isCounselor = me.roles.includes('PESO_COUNSELOR');
  const seesEmployment = canEdit || isCounselor;
  // Language, orientation and cases: caseworkers and counselors (docs/architecture.md, roles).
  const seesSupport = canEdit || isCounselor;
  const seesAlerts = canSee(me, MENU.find((item) => item.key === 'alerts')!.roles);
  // Schooling: the board and caseworkers only (anyone else would get 404 from the API).
  const seesSchooling = canSee(me, MENU.find((item) => item.key === 'schooling')!.roles);

  const value = (field: (typeof OVERVIEW_FIELDS)[number]): string => {
    const raw = record[field];
    if (raw === null || raw === undefined || raw === '') return '—';
    if (field === 'sex') return t(`sex.${raw}`);
    if (field === 'registryCategory') return t(`registry.${raw}`);
    return String(raw);
  };

  return (
    <Stack>
      <Anchor component={Link} to="/residents">
        {t('resident.back')}
      </Anchor>
      <Group align="baseline">
        <Title order={2}>{alphabetName(record)}</Title>
        {record.kanaName && <Text size="lg">{record.kanaName}</Text>}
        {record.kanjiName && <Text size="lg">{record.kanjiName}</Text>}
        {record.registryCategory === 'NOT_REGISTERED' && <Badge color="orange">{t('registry.NOT_REGISTERED')}</Badge>}
      </Group>
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('resident.tabs.overview')}</Tabs.Tab>
          {seesHousehold && <Tabs.Tab value="household">{t('resident.tabs.household')}</Tabs.Tab>}
          {seesStatus && <Tabs.Tab value="history">{t('resident.tabs.history')}</Tabs.Tab>}
          {canEdit && <Tabs.Tab value="insurance">{t('resident.tabs.insurance')}</Tabs.Tab>}
          {seesEmployment && <Tabs.Tab value="employment">{t('resident.tabs.employment')}</Tabs.Tab>}
          {seesSupport && <Tabs.Tab value="language">{t('resident.tabs.language')}</Tabs.Tab>}
          {seesSupport && <Tabs.Tab value="orientation">{t('resident.tabs.orientation')}</Tabs.Tab>}
          {seesSupport && <Tabs.Tab value="cases">{t('resident.tabs.cases')}</Tabs.Tab>}
          {seesSchooling && <Tabs.Tab value="schooling">{t('resident.tabs.schooling')}</Tabs.Tab>}
          {isAdmin && <Tabs.Tab value="audit">{t('resident.tabs.audit')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          {saved && !editing && (
            <Alert color="green" role="status" mb="md">
              {t('edit.saved')}
            </Alert>
          )}
          {canEdit && !editing && (
            <Button mb="md" onClick={() => (setSaved(false), setEditing(true))}>
              {t('edit.open')}
            </Button>
          )}
          {editing ? (
            <Card withBorder>
              <ResidentForm
                resident={record}
                onSaved={(next) => {
                  client.setQueryData(['resident', residentId], next);
                  setEditing(false);
                  setSaved(true);
                }}
                onCancel={() => {
                  setEditing(false);
                  void client.invalidateQueries({ queryKey: ['resident', residentId] });
                }}
              />
            </Card>
          ) : (
            <Card withBorder>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" component="dl">
                {OVERVIEW_FIELDS.filter((field) => field in record).map((field) => (
                  <div key={field}>
                    <Text component="dt" size="sm" c="gray.7">
                      {t(`resident.fields.${field}`)}
                    </Text>
                    <Text component="dd" m={0} data-field={field}>
                      {field === 'statusCode' ? <StatusName code={record.statusCode} /> : value(field)}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            </Card>
          )}
          {seesAlerts && <ResidentAlerts residentId={record.id} refetchInterval={followAlerts} />}
        </Tabs.Panel>
        {seesHousehold && (
          <Tabs.Panel value="household" pt="md">
            <HouseholdTab householdId={record.householdId ?? null} />
          </Tabs.Panel>
        )}
        {seesStatus && (
          <Tabs.Panel value="history" pt="md">
            <HistoryTab residentId={record.id} />
          </Tabs.Panel>
        )}
        {canEdit && (
          <Tabs.Panel value="insurance" pt="md">
            <InsuranceTab residentId={record.id} />
          </Tabs.Panel>
        )}
        {seesEmployment && (
          <Tabs.Panel value="employment" pt="md">
            <EmploymentTab residentId={record.id} counselor={isCounselor} />
          </Tabs.Panel>
        )}
        {seesSupport && (
          <Tabs.Panel value="language" pt="md">
            <LanguageTab residentId={record.id} canRecord={canEdit} />
          </Tabs.Panel>
        )}
        {seesSupport && (
          <Tabs.Panel value="orientation" pt="md">
            <OrientationTab residentId={record.id} linkSessions={canEdit} />
          </Tabs.Panel>
        )}
        {seesSupport && (
          <Tabs.Panel value="cases" pt="md">
            <CasesTab residentId={record.id} />
          </Tabs.Panel>
        )}
        {seesSchooling && (
          <Tabs.Panel value="schooling" pt="md">
            <SchoolingTab residentId={record.id} />
          </Tabs.Panel>
        )}
        {isAdmin && (
          <Tabs.Panel value="audit" pt="md">
            <AuditTab residentId={record.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

/**
 * The resident's open alerts that the office works, with the same actions as the alerts page; read
 * again for a while after a change to the record (the worker re-evaluates them).
 */
function ResidentAlerts({
  residentId,
  refetchInterval,
}: {
  residentId: string;
  refetchInterval: () => number | false;
}) {
  const { t } = useTranslation();
  const alerts = useQuery({
    queryKey: ['alerts', 'list', { residentId }],
    // One resident has a handful of open alerts at most: one per rule and subject.
    queryFn: () =>
      unwrap<Page<AlertItem>>(api.GET('/api/v1/alerts', { params: { query: { residentId, limit: 200 } } })),
    refetchInterval,
  });
  return (
    <Stack mt="md" gap="xs">
      <Title order={3} size="h4">
        {t('alerts.ofResident')}
      </Title>
      {alerts.isError && <ErrorNotice error={alerts.error} />}
      {alerts.isPending && <Loader aria-label={t('common.loading')} />}
      {alerts.data && (
        <AlertTable
          alerts={alerts.data.items}
          label={t('alerts.ofResident')}
          empty={t('alerts.noneOfResident')}
          showResident={false}
        />
      )}
    </Stack>
  );
}

function HouseholdTab({ householdId }: { householdId: string | null }) {
  const { t } = useTranslation();
  const household = useQuery({
    queryKey: ['household', householdId],
    enabled: householdId !== null,
    queryFn: () => unwrap<Household>(api.GET('/api/v1/households/{id}', { params: { path: { id: householdId! } } })),
  });
  if (!householdId) return <Text>{t('resident.noHousehold')}</Text>;
  if (household.isPending) return <Loader aria-label={t('common.loading')} />;
  if (household.isError) return <ErrorNotice error={household.error} />;
  return (
    <Table>
      <Table.Tbody>
        {household.data.members.map((member) => (
          <Table.Tr key={member.id}>
            <Table.Td>
              <Link to="/residents/$residentId" params={{ residentId: member.id }}>
                {alphabetName(member)}
              </Link>
            </Table.Td>
            <Table.Td>{member.kanaName}</Table.Td>
            <Table.Td>{member.birthDate}</Table.Td>
            <Table.Td>{member.id === household.data.headResidentId && <Badge>{t('resident.head')}</Badge>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function HistoryTab({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['status-history', residentId],
    queryFn: () =>
      unwrap<{ items: StatusChange[] }>(
        api.GET('/api/v1/residents/{id}/status-history', { params: { path: { id: residentId } } }),
      ),
  });
  if (history.isPending) return <Loader aria-label={t('common.loading')} />;
  if (history.isError) return <ErrorNotice error={history.error} />;
  if (!history.data.items.length) return <Text>{t('resident.noHistory')}</Text>;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('resident.changedAt')}</Table.Th>
          <Table.Th>{t('resident.fields.registryCategory')}</Table.Th>
          <Table.Th>{t('resident.fields.statusCode')}</Table.Th>
          <Table.Th>{t('resident.fields.stayPeriod')}</Table.Th>
          <Table.Th>{t('resident.fields.stayExpiryDate')}</Table.Th>
          <Table.Th>{t('resident.sourceLabel')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.items.map((change) => (
          <Table.Tr key={change.id}>
            <Table.Td>{new Date(change.createdAt).toLocaleString()}</Table.Td>
            <Table.Td>{t(`registry.${change.registryCategory}`)}</Table.Td>
            <Table.Td>
              <StatusName code={change.statusCode} subtype={change.statusSubtype} />
            </Table.Td>
            <Table.Td>{change.stayPeriod}</Table.Td>
            <Table.Td>{change.stayExpiryDate}</Table.Td>
            <Table.Td>{t(`resident.source.${change.source}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AuditTab({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const events = useQuery({
    queryKey: ['audit', residentId],
    queryFn: () =>
      unwrap<{ items: AuditEvent[] }>(
        api.GET('/api/v1/audit-events', { params: { query: { entity: 'resident', entityId: residentId } } }),
      ),
  });
  if (events.isPending) return <Loader aria-label={t('common.loading')} />;
  if (events.isError) return <ErrorNotice error={events.error} />;
  if (!events.data.items.length) return <Text>{t('resident.noAudit')}</Text>;
  return <AuditTable events={events.data.items} />;
}
