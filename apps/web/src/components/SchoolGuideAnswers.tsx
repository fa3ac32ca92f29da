import { Button, Card, Group, List, NumberInput, Select, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { ChildSchooling, GuideResponse } from '../api/types';
import { FormError, problemMessage } from './kit';
import { GUIDE_RESPONSES, NOTE_MAX, schoolYearLabel, useChildForm } from './schooling';

type Answer = GuideResponse['response'];

/** The enrolment guides sent about the child, the guardians' answers, and recording an answer. */
export function SchoolGuideAnswers({ residentId, schooling }: { residentId: string; schooling: ChildSchooling }) {
  const { t } = useTranslation();
  const { guideResponses } = schooling;
  // One guide per guardian: two guardians' copies of one year's guide are one line.
  const guides = [...new Map(schooling.guides.map((guide) => [`${guide.schoolYear}-${guide.sentOn}`, guide])).values()];
  return (
    <>
      <Title order={3} size="h4">
        {t('schooling.answers.title')}
      </Title>
      {guides.length === 0 ? (
        <Text size="sm">{t('schooling.answers.noGuides')}</Text>
      ) : (
        <div data-testid="guides-sent">
          <Text size="sm">{t('schooling.answers.guidesSent')}</Text>
          <List size="sm">
            {guides.map((guide) => (
              <List.Item key={`${guide.schoolYear}-${guide.sentOn}`}>
                {t('schooling.answers.guideSent', { year: schoolYearLabel(t, guide.schoolYear), date: guide.sentOn })}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {guideResponses.length === 0 ? (
        <Text>{t('schooling.answers.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700} tabIndex={0} aria-label={t('schooling.answers.title')}>
          <Table data-testid="guide-responses">
            <Table.Thead>
              <Table.Tr>
                {(['schoolYear', 'response', 'respondedOn', 'note'] as const).map((column) => (
                  <Table.Th key={column}>{t(`schooling.answers.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {guideResponses.map((answer) => (
                <Table.Tr key={answer.id}>
                  <Table.Td>{schoolYearLabel(t, answer.schoolYear)}</Table.Td>
                  <Table.Td>{t(`schooling.answers.responses.${answer.response}`)}</Table.Td>
                  <Table.Td>{answer.respondedOn}</Table.Td>
                  <Table.Td>{answer.note ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordAnswerForm
        residentId={residentId}
        // The answer is usually about the latest guide sent.
        defaultYear={guides[0]?.schoolYear ?? schooling.schoolYear}
      />
    </>
  );
}

const ANSWER_FIELDS = ['schoolYear', 'response', 'respondedOn', 'note'] as const;

/** RecordGuideResponseDto's checks before sending. */
function RecordAnswerForm({ residentId, defaultYear }: { residentId: string; defaultYear: number }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | ''>(defaultYear);
  const [response, setResponse] = useState<Answer | null>(null);
  const [respondedOn, setRespondedOn] = useState('');
  const [note, setNote] = useState('');
  const { invalid, error, busy, done, submit } = useChildForm(residentId, ANSWER_FIELDS);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (year === '' || !Number.isInteger(year) || year < 2000 || year > 2100)
      problems.schoolYear = t('schooling.yearRange');
    if (!response) problems.response = t('edit.required');
    if (respondedOn && !isIsoDate(respondedOn)) problems.respondedOn = t('edit.date');
    if (note.trim().length > NOTE_MAX) problems.note = t('edit.tooLong', { max: NOTE_MAX });
    const saved = await submit(problems, async () => {
      await unwrap(
        api.POST('/api/v1/residents/{id}/school-guide-responses', {
          params: { path: { id: residentId } },
          body: {
            schoolYear: Number(year),
            response: response!,
            respondedOn: respondedOn || undefined,
            note: note.trim() || null,
          },
        }),
      );
    });
    if (saved) {
      setResponse(null);
      setRespondedOn('');
      setNote('');
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('schooling.answers.record')} noValidate>
        <Title order={4} size="h5" mb="xs">
          {t('schooling.answers.record')}
        </Title>
        <Text size="sm" mb="xs">
          {t('schooling.answers.help')}
        </Text>
        <Group align="flex-start">
          <NumberInput
            label={t('schooling.answers.columns.schoolYear')}
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator={false}
            value={year}
            onChange={(value) => setYear(typeof value === 'number' ? value : '')}
            error={invalid.schoolYear}
            required
            w={140}
          />
          <Select
            label={t('schooling.answers.columns.response')}
            data={GUIDE_RESPONSES.map((value) => ({ value, label: t(`schooling.answers.responses.${value}`) }))}
            value={response}
            onChange={(value) => setResponse(value as Answer | null)}
            error={invalid.response}
            required
            w={260}
          />
          <TextInput
            label={t('schooling.answers.columns.respondedOn')}
            description={t('schooling.todayIfEmpty')}
            type="date"
            value={respondedOn}
            onChange={(event) => setRespondedOn(event.currentTarget.value)}
            error={invalid.respondedOn}
          />
        </Group>
        <Textarea
          mt="sm"
          label={t('schooling.answers.columns.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={invalid.note}
          autosize
          minRows={2}
          maxLength={NOTE_MAX}
        />
        <Button type="submit" mt="md" loading={busy}>
          {t('schooling.answers.recordSubmit')}
        </Button>
        <FormError message={error ? problemMessage(t, error) : null} />
        {done && (
          <Text role="status" mt="xs">
            {t('schooling.answers.recorded')}
          </Text>
        )}
      </form>
    </Card>
  );
}
