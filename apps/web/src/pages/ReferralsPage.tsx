import {
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { CaseReferral, ReferralStatus } from '../api/types';
import { REFERRAL_STATUSES } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormError, OfficeLabel, problemMessage, ToneBadge, type Tone } from '../components/kit';

const TONES: Record<string, Tone> = { SENT: 'amber', ACCEPTED: 'blue', DECLINED: 'gray', COMPLETED: 'green' };

/** Referrals to the office (to accept, decline, then complete) and those it sent. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const referrals = useQuery({
    queryKey: ['referrals', direction, status],
    queryFn: () =>
      unwrap<CaseReferral[]>(
        api.GET('/api/v1/referrals', { params: { query: { direction, status: status ?? undefined } } }),
      ),
  });
  const incoming = direction === 'incoming';
  return (
    <Stack>
      <Title order={2}>{t('referrals.title')}</Title>
      <Text>{t('referrals.help')}</Text>
      <Card withBorder>
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('referrals.direction')}
            value={direction}
            onChange={(value) => setDirection(value as 'incoming' | 'outgoing')}
            data={[
              { value: 'incoming', label: t('referrals.incoming') },
              { value: 'outgoing', label: t('referrals.outgoing') },
            ]}
          />
          <Select
            label={t('referrals.columns.status')}
            placeholder={t('cases.all')}
            data={REFERRAL_STATUSES.map((value) => ({ value, label: t(`referrals.statuses.${value}`) }))}
            value={status}
            onChange={(value) => setStatus(value as ReferralStatus | null)}
            clearable
            w={180}
          />
        </Group>
      </Card>
      {referrals.isError && <ErrorNotice error={referrals.error} />}
      {referrals.isPending && <Loader aria-label={t('common.loading')} />}
      {referrals.data?.length === 0 && <Text>{t('referrals.none')}</Text>}
      {referrals.data && referrals.data.length > 0 && (
        <Table.ScrollContainer minWidth={1000} tabIndex={0} aria-label={t('referrals.title')}>
          <Table striped data-testid="referrals">
            <Table.Thead>
              <Table.Tr>
                {(
                  ['createdAt', 'case', incoming ? 'from' : 'to', 'purpose', 'message', 'status', 'action'] as const
                ).map((column) => (
                  <Table.Th key={column}>{t(`referrals.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referrals.data.map((referral) => (
                <ReferralRow key={referral.id} referral={referral} incoming={incoming} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ReferralRow({ referral, incoming }: { referral: CaseReferral; incoming: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const next: Array<'ACCEPTED' | 'DECLINED' | 'COMPLETED'> = !incoming
    ? []
    : referral.status === 'SENT'
      ? ['ACCEPTED', 'DECLINED']
      : referral.status === 'ACCEPTED'
        ? ['COMPLETED']
        : [];
  // The receiving office reaches the case once it accepted (and while the consent holds).
  const opens = !incoming || referral.status === 'ACCEPTED';

  const respond = async (status: 'ACCEPTED' | 'DECLINED' | 'COMPLETED') => {
    setBusy(status);
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/v1/referrals/{id}', {
          params: { path: { id: referral.id } },
          body: { version: referral.version, status, responseNote: note.trim() || undefined },
        }),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['referrals'] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Table.Tr>
      <Table.Td>{new Date(referral.createdAt).toLocaleString()}</Table.Td>
      <Table.Td>
        {opens ? (
          <Link to="/cases/$caseId" params={{ caseId: referral.caseId }}>
            {t('referrals.openCase')}
          </Link>
        ) : (
          <Text span size="sm" c="gray.7">
            {t('referrals.opensOnAccept')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <OfficeLabel id={incoming ? referral.fromOrgId : referral.toOrgId} />
      </Table.Td>
      <Table.Td>{t(`consents.purposes.${referral.purpose}`)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{referral.message ?? '—'}</Table.Td>
      <Table.Td>
        <ToneBadge tone={TONES[referral.status]}>{t(`referrals.statuses.${referral.status}`)}</ToneBadge>
        {referral.responseNote && <Text size="sm">{referral.responseNote}</Text>}
      </Table.Td>
      <Table.Td>
        {next.length > 0 && (
          <Stack gap={4}>
            <TextInput
              size="xs"
              aria-label={t('referrals.responseNote')}
              placeholder={t('referrals.responseNote')}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Group gap="xs">
              {next.map((status) => (
                <Button
                  key={status}
                  size="xs"
                  variant={status === 'DECLINED' ? 'default' : 'filled'}
                  loading={busy === status}
                  onClick={() => void respond(status)}
                >
                  {t(`referrals.actions.${status}`)}
                </Button>
              ))}
            </Group>
            <FormError message={error} />
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
