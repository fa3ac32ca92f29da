import { Button, Card, Group, Select, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import type { ReportDefinition } from '../api/types';
import { inLanguage } from './alerts';
import { officeToday } from './domain';

/**
 * An administrator recomputes one report for a date (today or earlier, as the API requires): the
 * run of that date is replaced once the worker has done it.
 */
export function RerunForm({
  reports,
  onRerun,
}: {
  reports: ReportDefinition[];
  onRerun: (code: string, asOf: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const today = officeToday();
  const [code, setCode] = useState<string | null>(null);
  // The nightly run counts as of the day before; that is the date most often redone.
  const [asOf, setAsOf] = useState(addDays(today, -1));
  const [invalid, setInvalid] = useState<{ code?: string; asOf?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      code: code ? undefined : t('reports.runs.reportRequired'),
      asOf: isIsoDate(asOf) && asOf <= today ? undefined : t('reports.runs.dateNotFuture'),
    };
    setInvalid(problems);
    if (problems.code || problems.asOf) return;
    setBusy(true);
    await onRerun(code!, asOf);
    setBusy(false);
  };

  return (
    <Card withBorder>
      {/* Our own checks, in the reader's language, instead of the browser's. */}
      <form onSubmit={(event) => void submit(event)} aria-label={t('reports.runs.rerunTitle')} noValidate>
        <Title order={3} size="h4" mb="xs">
          {t('reports.runs.rerunTitle')}
        </Title>
        <Group align="flex-start">
          <Select
            label={t('reports.columns.report')}
            data={reports.map((report) => ({ value: report.code, label: inLanguage(report.title, i18n.language) }))}
            value={code}
            onChange={setCode}
            error={invalid.code}
            required
            w={420}
          />
          <TextInput
            label={t('reports.asOf')}
            type="date"
            max={today}
            value={asOf}
            onChange={(event) => setAsOf(event.currentTarget.value)}
            error={invalid.asOf}
            required
          />
          <Button type="submit" loading={busy} mt={25}>
            {t('reports.runs.rerun')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
