import { Alert, Box, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { officeDate } from '../../../../libs/platform/src/time/office-dates';
import { api, ApiError, unwrap } from '../api/client';
import type { AlertAction, AlertItem } from '../api/types';
import { ALERT_ACTIONS, ALERT_STATUS_TONES, DISMISS_REASON_MAX, inLanguage, SEVERITY_TONES } from './alerts';
import { FormError, isConflict, problemMessage, ToneBadge } from './kit';

// A 409 on an alert means someone got there first: a newer version, or a status it no longer has.
const changedMeanwhile = (error: unknown) =>
  isConflict(error) || (error instanceof ApiError && error.problem.status === 409);

/**
 * Alerts with what each is about and why; each can be acknowledged, resolved or dismissed with a
 * reason, sending the version read. Every list of alerts on screen is refreshed after a change.
 */
export function AlertTable({
  alerts,
  label,
  empty,
  showResident,
}: {
  alerts: AlertItem[];
  label: string;
  /** Said instead of the table when there are none (the outcome of the last change stays in view). */
  empty: string;
  showResident: boolean;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<AlertItem | null>(null);
  const title = (alert: AlertItem) => inLanguage(alert.title, i18n.language);
  // Closed alerts take no action: no empty column for them.
  const actionable = alerts.some((alert) => ALERT_ACTIONS[alert.status].length > 0);
  const columns = [
    'severity',
    'rule',
    'reason',
    ...(showResident ? ['resident'] : []),
    'openedAt',
    'status',
    ...(actionable ? ['actions'] : []),
  ];

  /** Changes one alert; returns what went wrong, for the caller to show where it belongs. */
  const change = async (alert: AlertItem, status: AlertAction, reason?: string): Promise<unknown> => {
    setBusy(alert.id);
    setError(null);
    setDone(null);
    try {
      await unwrap<AlertItem>(
        api.PATCH('/api/v1/alerts/{id}', {
          params: { path: { id: alert.id } },
          body: { status, version: alert.version, reason },
        }),
      );
      await client.invalidateQueries({ queryKey: ['alerts'] });
      setDone(t(`alerts.done.${status}`, { title: title(alert) }));
      return null;
    } catch (caught) {
      return caught;
    } finally {
      setBusy(null);
    }
  };

  const act = async (alert: AlertItem, status: AlertAction) => {
    if (status === 'DISMISSED') return setDismissing(alert);
    setError(await change(alert, status));
  };

  const dismiss = async (reason: string): Promise<unknown> => {
    const failed = await change(dismissing!, 'DISMISSED', reason);
    if (failed && !changedMeanwhile(failed)) return failed;
    // Done, or changed by someone else: the list says which, and offers the reload.
    setDismissing(null);
    setError(failed);
    return null;
  };

  const reload = async () => {
    setError(null);
    await client.invalidateQueries({ queryKey: ['alerts'] });
  };

  return (
    <Stack gap="xs">
      {changedMeanwhile(error) ? (
        <Alert color="red" role="alert">
          <Text size="sm">{t('common.conflict')}</Text>
          <Button mt="xs" size="xs" variant="default" onClick={() => void reload()}>
            {t('edit.reload')}
          </Button>
        </Alert>
      ) : (
        <FormError message={error ? problemMessage(t, error) : null} />
      )}
      {done && <Text role="status">{done}</Text>}
      {alerts.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960} tabIndex={0} aria-label={label}>
          <Table striped data-testid="alert-list">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column}>{t(`alerts.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.map((alert) => (
                <Table.Tr key={alert.id}>
                  <Table.Td>
                    {/* A badge in a narrow column is cut short otherwise. */}
                    <Box w="max-content">
                      <ToneBadge tone={SEVERITY_TONES[alert.severity]}>
                        {t(`alerts.severities.${alert.severity}`)}
                      </ToneBadge>
                    </Box>
                  </Table.Td>
                  <Table.Td>{title(alert)}</Table.Td>
                  <Table.Td>{inLanguage(alert.reason, i18n.language)}</Table.Td>
                  {showResident && (
                    <Table.Td>
                      {alert.residentId ? (
                        <Link to="/residents/$residentId" params={{ residentId: alert.residentId }}>
                          {alert.residentName ?? t('alerts.openResident')}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  )}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{officeDate(new Date(alert.openedAt))}</Table.Td>
                  <Table.Td>
                    <Box w="max-content">
                      <ToneBadge tone={ALERT_STATUS_TONES[alert.status]}>
                        {t(`alerts.statuses.${alert.status}`)}
                      </ToneBadge>
                    </Box>
                    {alert.resolvedBySystem && (
                      <Text size="sm" c="gray.7">
                        {t('alerts.resolvedBySystem')}
                      </Text>
                    )}
                    {alert.dismissReason && (
                      <Text size="sm">{t('alerts.dismissedBecause', { reason: alert.dismissReason })}</Text>
                    )}
                  </Table.Td>
                  {actionable && (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {ALERT_ACTIONS[alert.status].map((action) => (
                          <Button
                            key={action}
                            size="xs"
                            variant="default"
                            disabled={busy !== null}
                            onClick={() => void act(alert, action)}
                            aria-label={`${t(`alerts.actions.${action}`)}: ${title(alert)}`}
                          >
                            {t(`alerts.actions.${action}`)}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={dismissing !== null}
        onClose={() => setDismissing(null)}
        title={t('alerts.dismissTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dismissing && (
          <DismissForm title={title(dismissing)} onSubmit={dismiss} onCancel={() => setDismissing(null)} />
        )}
      </Modal>
    </Stack>
  );
}

/** The reason for a dismissal, checked as the API checks it: required, at most 1,000 characters. */
function DismissForm({
  title,
  onSubmit,
  onCancel,
}: {
  title: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) return setInvalid(t('alerts.reasonRequired'));
    if (text.length > DISMISS_REASON_MAX) return setInvalid(t('edit.tooLong', { max: DISMISS_REASON_MAX }));
    setInvalid(null);
    setError(null);
    setBusy(true);
    setError(await onSubmit(text));
    setBusy(false);
  };

  return (
    // Our own check, in the reader's language, instead of the browser's.
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text fw={700}>{title}</Text>
        <Textarea
          data-autofocus
          label={t('alerts.dismissReason')}
          description={t('alerts.dismissHelp')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={invalid}
          required
          autosize
          minRows={3}
          maxLength={DISMISS_REASON_MAX}
        />
        <FormError
          message={
            error ? problemMessage(t, error, (field) => (field === 'reason' ? t('alerts.dismissReason') : field)) : null
          }
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('edit.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('alerts.confirmDismiss')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
