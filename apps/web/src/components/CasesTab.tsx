import { Button, Card, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Case, CaseCategory, CasePage, CasePriority, Consent, ConsentPurpose } from '../api/types';
import { CaseTable } from './CaseTable';
import { CASE_CATEGORIES, CONSENT_PURPOSES, LANGUAGE_CODE, officeToday, PRIORITIES } from './domain';
import { ErrorNotice } from './ErrorNotice';
import { OfficeSelect } from './OfficeSelect';
import { FormError, languageName, OfficeLabel, problemMessage, ToneBadge } from './kit';

/** The resident's cases your office may see, opening a case, and the resident's consents to share. */
export function CasesTab({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const cases = useQuery({
    queryKey: ['cases', { residentId }],
    queryFn: () => unwrap<CasePage>(api.GET('/api/v1/cases', { params: { query: { residentId, limit: 100 } } })),
  });
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('cases.ofResident')}
      </Title>
      {cases.isError && <ErrorNotice error={cases.error} />}
      {cases.isPending && <Loader aria-label={t('common.loading')} />}
      {cases.data &&
        (cases.data.items.length === 0 ? (
          <Text>{t('cases.noneOfResident')}</Text>
        ) : (
          <CaseTable cases={cases.data.items} label={t('cases.ofResident')} showResident={false} />
        ))}
      <OpenCaseForm residentId={residentId} />
      <Consents residentId={residentId} />
    </Stack>
  );
}

function OpenCaseForm({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [category, setCategory] = useState<CaseCategory | null>(null);
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<CasePriority>('NORMAL');
  const [nextActionOn, setNextActionOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Case | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (event: FormEvent) => {
    event.preventDefault();
    setOpened(null);
    if (!category) return setError(t('cases.categoryRequired'));
    setError(null);
    setBusy(true);
    try {
      const created = await unwrap<Case>(
        api.POST('/api/v1/cases', {
          body: { residentId, category, title: title.trim(), priority, nextActionOn: nextActionOn || undefined },
        }),
      );
      setOpened(created);
      setTitle('');
      setNextActionOn('');
      await client.invalidateQueries({ queryKey: ['cases'] });
    } catch (caught) {
      setError(problemMessage(t, caught, (field) => t(`cases.columns.${field}`, { defaultValue: field })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void open(event)} aria-label={t('cases.open')}>
        <Title order={4} size="h5" mb="xs">
          {t('cases.open')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('cases.columns.category')}
            data={CASE_CATEGORIES.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
            value={category}
            onChange={(value) => setCategory(value as CaseCategory | null)}
            required
            w={220}
          />
          <TextInput
            label={t('cases.columns.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            maxLength={200}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Select
            label={t('cases.columns.priority')}
            data={PRIORITIES.map((value) => ({ value, label: t(`cases.priorities.${value}`) }))}
            value={priority}
            onChange={(value) => value && setPriority(value as CasePriority)}
            allowDeselect={false}
            w={130}
          />
          <TextInput
            label={t('cases.columns.nextActionOn')}
            type="date"
            value={nextActionOn}
            onChange={(event) => setNextActionOn(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t('cases.openSubmit')}
          </Button>
        </Group>
        <FormError message={error} />
        {opened && (
          <Text role="status" mt="xs">
            {t('cases.opened')}{' '}
            <Link to="/cases/$caseId" params={{ caseId: opened.id }}>
              {opened.title}
            </Link>
          </Text>
        )}
      </form>
    </Card>
  );
}

function Consents({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const consents = useQuery({
    queryKey: ['consents', residentId],
    queryFn: () =>
      unwrap<Consent[]>(api.GET('/api/v1/residents/{id}/consents', { params: { path: { id: residentId } } })),
  });
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const withdraw = async (consent: Consent) => {
    setWithdrawError(null);
    setBusyId(consent.id);
    try {
      await unwrap(api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id: consent.id } }, body: {} }));
      await client.invalidateQueries({ queryKey: ['consents', residentId] });
    } catch (caught) {
      setWithdrawError(problemMessage(t, caught));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <Title order={3} size="h4">
        {t('consents.title')}
      </Title>
      <Text size="sm">{t('consents.help')}</Text>
      {consents.isError && <ErrorNotice error={consents.error} />}
      {consents.data?.length === 0 && <Text>{t('consents.none')}</Text>}
      {consents.data && consents.data.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('consents.title')}>
          <Table data-testid="consents">
            <Table.Thead>
              <Table.Tr>
                {(
                  ['purpose', 'recipient', 'grantedOn', 'expiresOn', 'language', 'evidence', 'state', 'action'] as const
                ).map((column) => (
                  <Table.Th key={column}>{t(`consents.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consents.data.map((consent) => (
                <Table.Tr key={consent.id}>
                  <Table.Td>{t(`consents.purposes.${consent.purpose}`)}</Table.Td>
                  <Table.Td>
                    <OfficeLabel id={consent.recipientOrgId} />
                  </Table.Td>
                  <Table.Td>{consent.grantedOn}</Table.Td>
                  <Table.Td>{consent.expiresOn ?? '—'}</Table.Td>
                  <Table.Td>{languageName(t, consent.explanationLanguage)}</Table.Td>
                  <Table.Td>{consent.evidenceRef}</Table.Td>
                  <Table.Td>
                    {consent.valid ? (
                      <ToneBadge tone="green">{t('consents.valid')}</ToneBadge>
                    ) : consent.withdrawnOn ? (
                      <ToneBadge tone="gray">{t('consents.withdrawnOn', { date: consent.withdrawnOn })}</ToneBadge>
                    ) : (
                      <ToneBadge tone="gray">{t('consents.notInForce')}</ToneBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {consent.valid && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={busyId === consent.id}
                        onClick={() => void withdraw(consent)}
                      >
                        {t('consents.withdraw')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormError message={withdrawError} />
      <ConsentForm residentId={residentId} />
    </>
  );
}

function ConsentForm({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [purpose, setPurpose] = useState<ConsentPurpose>('EMPLOYMENT_SUPPORT');
  const [recipientOrgId, setRecipientOrgId] = useState('');
  const [grantedOn, setGrantedOn] = useState(officeToday());
  const [expiresOn, setExpiresOn] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [explanationLanguage, setExplanationLanguage] = useState('');
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!recipientOrgId) problems.recipientOrgId = t('offices.choose');
    if (!LANGUAGE_CODE.test(explanationLanguage.trim())) problems.explanationLanguage = t('consents.languageFormat');
    setInvalid(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/residents/{id}/consents', {
          params: { path: { id: residentId } },
          body: {
            purpose,
            recipientOrgId: recipientOrgId.trim(),
            grantedOn,
            expiresOn: expiresOn || undefined,
            evidenceRef: evidenceRef.trim(),
            explanationLanguage: explanationLanguage.trim(),
          },
        }),
      );
      setRecipientOrgId('');
      setExpiresOn('');
      setEvidenceRef('');
      await client.invalidateQueries({ queryKey: ['consents', residentId] });
    } catch (caught) {
      setError(problemMessage(t, caught, (field) => t(`consents.fields.${field}`, { defaultValue: field })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('consents.record')}>
        <Title order={4} size="h5" mb="xs">
          {t('consents.record')}
        </Title>
        <Group align="flex-start">
          <Select
            label={t('consents.fields.purpose')}
            data={CONSENT_PURPOSES.map((value) => ({ value, label: t(`consents.purposes.${value}`) }))}
            value={purpose}
            onChange={(value) => value && setPurpose(value as ConsentPurpose)}
            allowDeselect={false}
            w={240}
          />
          <OfficeSelect
            label={t('consents.fields.recipientOrgId')}
            value={recipientOrgId}
            onChange={setRecipientOrgId}
            error={invalid.recipientOrgId}
          />
          <TextInput
            label={t('consents.fields.grantedOn')}
            type="date"
            value={grantedOn}
            onChange={(event) => setGrantedOn(event.currentTarget.value)}
            required
          />
          <TextInput
            label={t('consents.fields.expiresOn')}
            type="date"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.currentTarget.value)}
          />
          <TextInput
            label={t('consents.fields.evidenceRef')}
            description={t('consents.evidenceHelp')}
            value={evidenceRef}
            onChange={(event) => setEvidenceRef(event.currentTarget.value)}
            required
            maxLength={200}
          />
          <TextInput
            label={t('consents.fields.explanationLanguage')}
            description={t('consents.languageHelp')}
            placeholder="vi"
            value={explanationLanguage}
            onChange={(event) => setExplanationLanguage(event.currentTarget.value)}
            error={invalid.explanationLanguage}
            required
            w={160}
          />
        </Group>
        <Button type="submit" mt="md" loading={busy}>
          {t('consents.recordSubmit')}
        </Button>
        <FormError message={error} />
      </form>
    </Card>
  );
}
