import { Button, Card, Group, Loader, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { Framework, ResidentLanguage } from '../api/types';
import { FRAMEWORKS, LEVELS_OF } from './domain';
import { ErrorNotice } from './ErrorNotice';
import { FormError, problemMessage, ToneBadge, type Tone } from './kit';

/** A level as people say it: JLPT N3, 参照枠 B1, JFT-Basic A2未満, DLA ステージ4. */
export function levelLabel(t: TFunction, framework: Framework, level: string): string {
  return t(`proficiency.levelOf.${framework}`, { level: t(`proficiency.levels.${level}`, { defaultValue: level }) });
}

export const ENROLLMENT_TONES: Record<string, Tone> = {
  ENROLLED: 'blue',
  WAITLISTED: 'amber',
  COMPLETED: 'green',
  WITHDRAWN: 'gray',
  DROPPED: 'red',
};

/** The resident's Japanese: latest level per framework, assessments, courses; caseworkers record assessments. */
export function LanguageTab({ residentId, canRecord }: { residentId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const language = useQuery({
    queryKey: ['resident-language', residentId],
    queryFn: () =>
      unwrap<ResidentLanguage>(api.GET('/api/v1/residents/{id}/language', { params: { path: { id: residentId } } })),
  });
  if (language.isError) return <ErrorNotice error={language.error} />;
  if (language.isPending) return <Loader aria-label={t('common.loading')} />;
  const { latest, assessments, courses } = language.data;
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('proficiency.latest')}
      </Title>
      {latest.length === 0 ? (
        <Text>{t('proficiency.noAssessments')}</Text>
      ) : (
        <Group data-testid="latest-levels">
          {latest.map((assessment) => (
            <Card withBorder key={assessment.id} padding="sm">
              <Text size="sm" c="gray.7">
                {t(`proficiency.frameworks.${assessment.framework}`)}
              </Text>
              <Text fw={700} size="lg">
                {levelLabel(t, assessment.framework, assessment.level)}
              </Text>
              <Text size="sm">{t('proficiency.assessedOnValue', { date: assessment.assessedOn })}</Text>
            </Card>
          ))}
        </Group>
      )}
      {assessments.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('proficiency.assessments')}
          </Title>
          <Table data-testid="assessments">
            <Table.Thead>
              <Table.Tr>
                {(['assessedOn', 'framework', 'level', 'score', 'assessor'] as const).map((column) => (
                  <Table.Th key={column}>{t(`proficiency.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assessments.map((assessment) => (
                <Table.Tr key={assessment.id}>
                  <Table.Td>{assessment.assessedOn}</Table.Td>
                  <Table.Td>{t(`proficiency.frameworks.${assessment.framework}`)}</Table.Td>
                  <Table.Td>{levelLabel(t, assessment.framework, assessment.level)}</Table.Td>
                  <Table.Td>{assessment.score ?? '—'}</Table.Td>
                  <Table.Td>{assessment.assessor ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {canRecord && <AssessmentForm residentId={residentId} />}
      <Title order={3} size="h4">
        {t('proficiency.courses')}
      </Title>
      {courses.length === 0 ? (
        <Text>{t('proficiency.noCourses')}</Text>
      ) : (
        <Table data-testid="resident-courses">
          <Table.Thead>
            <Table.Tr>
              {(['course', 'period', 'status', 'enrolledOn', 'endedOn'] as const).map((column) => (
                <Table.Th key={column}>{t(`proficiency.courseColumns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {courses.map((course) => (
              <Table.Tr key={course.id}>
                <Table.Td>
                  {canRecord ? (
                    <Link to="/courses/$courseId" params={{ courseId: course.courseId }}>
                      {course.courseTitle}
                    </Link>
                  ) : (
                    course.courseTitle
                  )}
                </Table.Td>
                <Table.Td>
                  {course.courseStartsOn} – {course.courseEndsOn}
                </Table.Td>
                <Table.Td>
                  <ToneBadge tone={ENROLLMENT_TONES[course.status]}>
                    {t(`courses.enrollmentStatus.${course.status}`)}
                  </ToneBadge>
                  {course.waitlistPosition ? ` ${t('courses.waitlistPosition', { n: course.waitlistPosition })}` : ''}
                </Table.Td>
                <Table.Td>{course.enrolledOn ?? '—'}</Table.Td>
                <Table.Td>{course.endedOn ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Records an assessment; the level list follows the framework, as the API checks it. */
function AssessmentForm({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [framework, setFramework] = useState<Framework>('JLPT');
  const [level, setLevel] = useState<string | null>(null);
  const [assessedOn, setAssessedOn] = useState('');
  const [assessor, setAssessor] = useState('');
  const [score, setScore] = useState<number | ''>('');
  const [levelError, setLevelError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const levels = LEVELS_OF[framework];
  const fieldLabel = (field: string) => t(`proficiency.columns.${field}`, { defaultValue: field });

  const changeFramework = (next: Framework) => {
    setFramework(next);
    // A level of another framework means nothing here (N3 is not a reference level).
    if (level !== null && !LEVELS_OF[next].includes(level)) setLevel(null);
    setLevelError(null);
  };

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (level === null || !levels.includes(level)) {
      setLevelError(
        t('proficiency.levelOutside', {
          framework: t(`proficiency.frameworks.${framework}`),
          levels: levels.map((value) => levelLabel(t, framework, value)).join('、'),
        }),
      );
      return;
    }
    setLevelError(null);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/residents/{id}/proficiency-assessments', {
          params: { path: { id: residentId } },
          body: {
            framework,
            level,
            assessedOn,
            assessor: assessor.trim() || undefined,
            score: score === '' ? undefined : score,
          },
        }),
      );
      setLevel(null);
      setAssessedOn('');
      setAssessor('');
      setScore('');
      await client.invalidateQueries({ queryKey: ['resident-language', residentId] });
    } catch (caught) {
      if (caught instanceof ApiError && caught.fieldError('level')) setLevelError(caught.fieldError('level')!);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('proficiency.record')} noValidate>
        <Group align="flex-start">
          <Select
            label={t('proficiency.columns.framework')}
            data={FRAMEWORKS.map((value) => ({ value, label: t(`proficiency.frameworks.${value}`) }))}
            value={framework}
            onChange={(value) => value && changeFramework(value as Framework)}
            allowDeselect={false}
            w={300}
          />
          <Select
            label={t('proficiency.columns.level')}
            data={levels.map((value) => ({ value, label: levelLabel(t, framework, value) }))}
            value={level}
            onChange={(value) => (setLevel(value), setLevelError(null))}
            error={levelError}
            required
            w={200}
          />
          <TextInput
            label={t('proficiency.columns.assessedOn')}
            type="date"
            value={assessedOn}
            onChange={(event) => setAssessedOn(event.currentTarget.value)}
            required
          />
          <NumberInput
            label={t('proficiency.columns.score')}
            min={0}
            w={110}
            value={score}
            onChange={(value) => setScore(typeof value === 'number' ? value : '')}
          />
          <TextInput
            label={t('proficiency.columns.assessor')}
            value={assessor}
            onChange={(event) => setAssessor(event.currentTarget.value)}
          />
        </Group>
        <Button type="submit" mt="md" loading={busy}>
          {t('proficiency.record')}
        </Button>
        <FormError message={error ? problemMessage(t, error, fieldLabel) : null} />
      </form>
    </Card>
  );
}
