import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { SchoolEnrollment } from '../api/types';
import { useMe } from '../session';
import { FormError, isConflict, problemMessage } from './kit';
import { childChanged, fieldErrors, problemIs, schoolsQuery, useChildForm } from './schooling';

/** The schools the child attended, one at a time; adding one and ending the current one. */
export function SchoolEnrollments({
  residentId,
  enrollments,
  today,
}: {
  residentId: string;
  enrollments: SchoolEnrollment[];
  today: string;
}) {
  const { t } = useTranslation();
  const columns = ['school', 'kind', 'grade', 'period', 'japanese', 'end'] as const;
  return (
    <>
      <Title order={3} size="h4">
        {t('schooling.enrollments.title')}
      </Title>
      {enrollments.length === 0 ? (
        <Text>{t('schooling.enrollments.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('schooling.enrollments.title')}>
          <Table data-testid="school-enrollments">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column}>{t(`schooling.enrollments.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrollments.map((enrollment) => (
                <Table.Tr key={enrollment.id}>
                  <Table.Td>{enrollment.schoolName}</Table.Td>
                  <Table.Td>{t(`schooling.kinds.${enrollment.schoolKind}`)}</Table.Td>
                  <Table.Td>{enrollment.grade ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {enrollment.fromDate} – {enrollment.toDate ?? t('schooling.enrollments.current')}
                  </Table.Td>
                  <Table.Td>{enrollment.japaneseInstructionNeeded ? t('schooling.roster.needed') : '—'}</Table.Td>
                  <Table.Td>
                    {(enrollment.toDate === null || enrollment.toDate >= today) && (
                      <EndEnrollmentForm residentId={residentId} enrollment={enrollment} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddEnrollmentForm residentId={residentId} />
    </>
  );
}

const ENROLLMENT_FIELDS = ['schoolId', 'fromDate', 'grade', 'japaneseInstructionNeeded'] as const;

/** CreateSchoolEnrollmentDto's checks before sending: a school, a real date, a grade of 1 to 9 if given. */
function AddEnrollmentForm({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const schools = useQuery(schoolsQuery);
  const keepsSchools = useMe().data!.roles.includes('SCHOOL_OFFICER');
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [fromDate, setFromDate] = useState('');
  const [grade, setGrade] = useState<number | ''>('');
  const [japanese, setJapanese] = useState(false);
  const { invalid, error, busy, done, submit } = useChildForm(residentId, ENROLLMENT_FIELDS);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!schoolId) problems.schoolId = t('schooling.enrollments.schoolRequired');
    if (!isIsoDate(fromDate)) problems.fromDate = t('edit.date');
    if (grade !== '' && (!Number.isInteger(grade) || grade < 1 || grade > 9))
      problems.grade = t('schooling.enrollments.gradeRange');
    const saved = await submit(problems, async () => {
      await unwrap(
        api.POST('/api/v1/residents/{id}/school-enrollments', {
          params: { path: { id: residentId } },
          body: {
            schoolId: schoolId!,
            fromDate,
            grade: grade === '' ? null : grade,
            japaneseInstructionNeeded: japanese,
          },
        }),
      );
    });
    if (saved) {
      setSchoolId(null);
      setFromDate('');
      setGrade('');
      setJapanese(false);
    }
  };

  const options = (schools.data ?? []).map((school) => ({
    value: school.id,
    label: school.closedOn
      ? t('schooling.enrollments.closedSchool', { name: school.name, date: school.closedOn })
      : t('schooling.enrollments.schoolOption', { name: school.name, kind: t(`schooling.kinds.${school.kind}`) }),
  }));
  return (
    <Card withBorder>
      <form onSubmit={(event) => void record(event)} aria-label={t('schooling.enrollments.add')} noValidate>
        <Title order={4} size="h5" mb="xs">
          {t('schooling.enrollments.add')}
        </Title>
        {schools.data?.length === 0 && (
          <Text size="sm" mb="xs">
            {t('schooling.enrollments.noSchools')}{' '}
            {keepsSchools && <Link to="/schooling/schools">{t('schooling.schools.title')}</Link>}
          </Text>
        )}
        <Group align="flex-start">
          <Select
            label={t('schooling.enrollments.columns.school')}
            data={options}
            value={schoolId}
            onChange={(value) => setSchoolId(value)}
            error={invalid.schoolId}
            searchable
            required
            w={320}
          />
          <TextInput
            label={t('schooling.enrollments.fromDate')}
            type="date"
            value={fromDate}
            onChange={(event) => setFromDate(event.currentTarget.value)}
            error={invalid.fromDate}
            required
          />
          <NumberInput
            label={t('schooling.enrollments.columns.grade')}
            description={t('schooling.enrollments.gradeHelp')}
            min={1}
            max={9}
            allowDecimal={false}
            value={grade}
            onChange={(value) => setGrade(typeof value === 'number' ? value : '')}
            error={invalid.grade}
            w={260}
          />
          <Checkbox
            mt={32}
            label={t('schooling.enrollments.japaneseNeeded')}
            checked={japanese}
            onChange={(event) => setJapanese(event.currentTarget.checked)}
            error={invalid.japaneseInstructionNeeded}
          />
        </Group>
        <Button type="submit" mt="md" loading={busy}>
          {t('schooling.enrollments.addSubmit')}
        </Button>
        <FormError
          message={
            problemIs(error, 'enrollment-overlap')
              ? t('schooling.enrollments.overlap')
              : error
                ? problemMessage(t, error)
                : null
          }
        />
        {done && (
          <Text role="status" mt="xs">
            {t('schooling.enrollments.added')}
          </Text>
        )}
      </form>
    </Card>
  );
}

/** Ends an enrolment on its last day at the school, with the version read. */
function EndEnrollmentForm({ residentId, enrollment }: { residentId: string; enrollment: SchoolEnrollment }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [toDate, setToDate] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const conflict = isConflict(error);

  const end = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // UpdateSchoolEnrollmentDto's checks: a real date, not before the first day.
    if (!isIsoDate(toDate)) return setInvalid(t('edit.date'));
    if (toDate < enrollment.fromDate)
      return setInvalid(t('schooling.enrollments.endBeforeStart', { date: enrollment.fromDate }));
    setInvalid(null);
    setBusy(true);
    try {
      await unwrap(
        api.PATCH('/api/v1/residents/{id}/school-enrollments/{enrollmentId}', {
          params: { path: { id: residentId, enrollmentId: enrollment.id } },
          body: { version: enrollment.version, toDate },
        }),
      );
      await childChanged(client, residentId);
    } catch (caught) {
      const fields = fieldErrors(caught, ['toDate']);
      if (fields) setInvalid(fields.toDate);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void end(event)} noValidate>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          size="xs"
          type="date"
          aria-label={t('schooling.enrollments.lastDay', { school: enrollment.schoolName })}
          value={toDate}
          onChange={(event) => setToDate(event.currentTarget.value)}
          error={invalid}
          required
        />
        <Button size="xs" variant="default" type="submit" loading={busy} disabled={conflict}>
          {t('schooling.enrollments.end')}
        </Button>
      </Group>
      {conflict ? (
        <Alert color="red" role="alert" mt="xs" p="xs">
          <Text size="sm">{t('schooling.enrollments.conflict')}</Text>
          <Button
            mt="xs"
            size="xs"
            variant="default"
            onClick={() => void childChanged(client, residentId).then(() => setError(null))}
          >
            {t('edit.reload')}
          </Button>
        </Alert>
      ) : (
        <FormError message={error ? problemMessage(t, error) : null} />
      )}
    </form>
  );
}
