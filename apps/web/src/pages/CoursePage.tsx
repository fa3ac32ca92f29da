import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type {
  AbsenceSignal,
  CloseCourseResult,
  Course,
  CourseAttendanceResult,
  CourseAttendanceStatus,
  CourseSession,
  EndedEnrollment,
  Enrollment,
  RosterEntry,
} from '../api/types';
import { officeToday } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { CsvLink, Facts, FormError, isConflict, languageName, problemMessage, ToneBadge } from '../components/kit';
import { ENROLLMENT_TONES } from '../components/LanguageTab';
import { alphabetName } from '../components/names';
import { ResidentSearch } from '../components/ResidentSearch';
import { CourseState, placesOf } from './CoursesPage';

const courseKey = (id: string) => ['language-course', id];

/** One course: its facts, the roster and waitlist, class days and their attendance, closing it. */
export function CoursePage() {
  const { t } = useTranslation();
  const { courseId } = useParams({ from: '/courses/$courseId' });
  const course = useQuery({
    queryKey: courseKey(courseId),
    queryFn: () => unwrap<Course>(api.GET('/api/v1/language-courses/{id}', { params: { path: { id: courseId } } })),
  });
  const roster = useQuery({
    queryKey: ['course-roster', courseId],
    queryFn: () =>
      unwrap<RosterEntry[]>(
        api.GET('/api/v1/language-courses/{id}/enrollments', { params: { path: { id: courseId } } }),
      ),
  });
  if (course.isError) return <ErrorNotice error={course.error} />;
  if (course.isPending) return <Loader aria-label={t('common.loading')} />;
  const data = course.data;
  const closed = Boolean(data.closedOn);

  return (
    <Stack>
      <Anchor component={Link} to="/courses">
        {t('courses.back')}
      </Anchor>
      <Group align="center">
        <Title order={2}>{data.title}</Title>
        <CourseState course={data} />
      </Group>
      <Card withBorder>
        <Facts
          items={[
            [t('courses.fields.provider'), `${data.provider}（${t(`courses.providerKinds.${data.providerKind}`)}）`],
            [t('courses.columns.levels'), `${data.levelFrom}–${data.levelTo}`],
            [t('courses.fields.instructionLanguage'), languageName(t, data.instructionLanguage)],
            [t('courses.columns.period'), `${data.startsOn} – ${data.endsOn}`],
            [t('courses.fields.schedule'), data.schedule],
            [t('courses.fields.venue'), data.online ? t('orientation.online') : data.venue],
            [t('courses.columns.places'), t('courses.placesValue', placesOf(data))],
            [t('courses.fields.feeYen'), data.feeYen ? `${data.feeYen.toLocaleString('ja-JP')}円` : t('courses.free')],
            [t('courses.fields.completionAttendancePercent'), `${data.completionAttendancePercent}%`],
          ]}
        />
        <Group mt="md">
          <CsvLink href={`/api/v1/language-courses/${courseId}/enrollments.csv`}>{t('courses.rosterCsv')}</CsvLink>
          <CsvLink href={`/api/v1/language-courses/${courseId}/attendance.csv`}>{t('courses.attendanceCsv')}</CsvLink>
        </Group>
      </Card>
      <AbsentLearners courseId={courseId} roster={roster.data ?? []} />
      {!closed && <EditCourse course={data} />}
      <Title order={3} size="h4">
        {t('courses.roster')}
      </Title>
      {!closed && <Enroll courseId={courseId} />}
      {roster.isError && <ErrorNotice error={roster.error} />}
      {roster.data && <Roster courseId={courseId} roster={roster.data} closed={closed} />}
      <Sessions courseId={courseId} roster={roster.data ?? []} closed={closed} />
      <CloseCourse courseId={courseId} closedOn={data.closedOn ?? null} />
    </Stack>
  );
}

const nameOf = (entry: Pick<RosterEntry, 'familyName' | 'givenName'> | undefined) => (entry ? alphabetName(entry) : '');

function AbsentLearners({ courseId, roster }: { courseId: string; roster: RosterEntry[] }) {
  const { t } = useTranslation();
  const absent = useQuery({
    queryKey: ['course-absent', courseId],
    queryFn: () =>
      unwrap<AbsenceSignal[]>(
        api.GET('/api/v1/language-courses/{id}/absent-learners', { params: { path: { id: courseId } } }),
      ),
  });
  if (!absent.data?.length) return null;
  return (
    <Alert color="orange" title={t('courses.absentTitle')} data-testid="absent-learners">
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {absent.data.map((signal) => {
          const entry = roster.find((candidate) => candidate.id === signal.enrollmentId);
          const last = signal.lastAttendedOn as unknown as string | null;
          return (
            <li key={signal.enrollmentId}>
              <Link to="/residents/$residentId" params={{ residentId: signal.residentId }}>
                {nameOf(entry) || signal.residentId}
              </Link>{' '}
              {t('courses.absentLine', { n: signal.consecutiveAbsences, last: last ?? '—' })}
            </li>
          );
        })}
      </ul>
    </Alert>
  );
}

function EditCourse({ course }: { course: Course }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [capacity, setCapacity] = useState<number | ''>(course.capacity);
  const [endsOn, setEndsOn] = useState(course.endsOn);
  const [schedule, setSchedule] = useState(course.schedule ?? '');
  const [venue, setVenue] = useState(course.venue ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reload = async () => {
    setError(null);
    const fresh = await client.fetchQuery({
      queryKey: courseKey(course.id),
      queryFn: () => unwrap<Course>(api.GET('/api/v1/language-courses/{id}', { params: { path: { id: course.id } } })),
    });
    setCapacity(fresh.capacity);
    setEndsOn(fresh.endsOn);
    setSchedule(fresh.schedule ?? '');
    setVenue(fresh.venue ?? '');
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await unwrap<Course>(
        api.PATCH('/api/v1/language-courses/{id}', {
          params: { path: { id: course.id } },
          body: {
            version: course.version,
            capacity: capacity === '' ? undefined : capacity,
            endsOn,
            schedule: schedule.trim(),
            venue: venue.trim(),
          },
        }),
      );
      client.setQueryData(courseKey(course.id), saved);
      // More places enroll people from the waitlist.
      await client.invalidateQueries({ queryKey: ['course-roster', course.id] });
      setOpen(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <Group>
        <Button variant="default" onClick={() => (setOpen(true), void reload())}>
          {t('courses.edit')}
        </Button>
      </Group>
    );
  return (
    <Card withBorder>
      <form onSubmit={(event) => void save(event)} aria-label={t('courses.edit')}>
        <Group align="flex-end">
          <NumberInput
            label={t('courses.fields.capacity')}
            description={t('courses.capacityHelp')}
            min={1}
            max={10000}
            value={capacity}
            onChange={(value) => setCapacity(typeof value === 'number' ? value : '')}
            w={200}
          />
          <TextInput
            label={t('courses.fields.endsOn')}
            type="date"
            value={endsOn}
            onChange={(event) => setEndsOn(event.currentTarget.value)}
          />
          <TextInput
            label={t('courses.fields.schedule')}
            value={schedule}
            onChange={(event) => setSchedule(event.currentTarget.value)}
          />
          <TextInput
            label={t('courses.fields.venue')}
            value={venue}
            onChange={(event) => setVenue(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy} disabled={isConflict(error)}>
            {t('edit.save')}
          </Button>
          <Button variant="default" onClick={() => (isConflict(error) ? void reload() : setOpen(false))}>
            {isConflict(error) ? t('edit.reload') : t('edit.cancel')}
          </Button>
        </Group>
        <FormError
          message={
            error ? problemMessage(t, error, (field) => t(`courses.fields.${field}`, { defaultValue: field })) : null
          }
        />
      </form>
    </Card>
  );
}

function Enroll({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card withBorder>
      <ResidentSearch
        label={t('courses.enrollSearch')}
        actionLabel={t('courses.enroll')}
        busyId={busyId}
        onPick={async (resident) => {
          setBusyId(resident.id);
          setMessage(null);
          setError(null);
          try {
            const enrollment = await unwrap<Enrollment>(
              api.POST('/api/v1/language-courses/{id}/enrollments', {
                params: { path: { id: courseId } },
                body: { residentId: resident.id },
              }),
            );
            const name = alphabetName(resident);
            setMessage(
              enrollment.status === 'WAITLISTED'
                ? t('courses.waitlisted', { name, n: enrollment.waitlistPosition ?? '?' })
                : t('courses.enrolled', { name }),
            );
            await Promise.all([
              client.invalidateQueries({ queryKey: ['course-roster', courseId] }),
              client.invalidateQueries({ queryKey: courseKey(courseId) }),
            ]);
          } catch (caught) {
            setError(problemMessage(t, caught));
          } finally {
            setBusyId(null);
          }
        }}
      />
      {message && (
        <Text role="status" mt="xs" fw={600}>
          {message}
        </Text>
      )}
      <FormError message={error} />
    </Card>
  );
}

function Roster({ courseId, roster, closed }: { courseId: string; roster: RosterEntry[]; closed: boolean }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  if (roster.length === 0) return <Text>{t('courses.noLearners')}</Text>;
  return (
    <>
      {message && (
        <Alert color="green" role="status">
          {message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('courses.roster')}>
        <Table striped data-testid="course-roster">
          <Table.Thead>
            <Table.Tr>
              {(['name', 'kana', 'status', 'enrolledOn', 'attendance', 'action'] as const).map((column) => (
                <Table.Th key={column}>{t(`courses.rosterColumns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roster.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Link to="/residents/$residentId" params={{ residentId: entry.residentId }}>
                    {nameOf(entry)}
                  </Link>
                </Table.Td>
                <Table.Td>{entry.kanaName}</Table.Td>
                <Table.Td>
                  <ToneBadge tone={ENROLLMENT_TONES[entry.status]}>
                    {t(`courses.enrollmentStatus.${entry.status}`)}
                  </ToneBadge>
                  {entry.waitlistPosition ? ` ${t('courses.waitlistPosition', { n: entry.waitlistPosition })}` : ''}
                  {entry.endReason ? ` ${entry.endReason}` : ''}
                </Table.Td>
                <Table.Td>{entry.enrolledOn ?? '—'}</Table.Td>
                <Table.Td>
                  {entry.status === 'WAITLISTED'
                    ? '—'
                    : t('courses.attendanceValue', {
                        present: entry.sessionsPresent,
                        counted: entry.sessionsCounted,
                        percent: entry.attendancePercent ?? '—',
                      })}
                </Table.Td>
                <Table.Td>
                  {!closed && (entry.status === 'ENROLLED' || entry.status === 'WAITLISTED') && (
                    <EndEnrollment
                      courseId={courseId}
                      entry={entry}
                      roster={roster}
                      onEnded={(text) => setMessage(text)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** Withdraw (the learner left) or drop (the coordinator removed them), with a reason. */
function EndEnrollment(props: {
  courseId: string;
  entry: RosterEntry;
  roster: RosterEntry[];
  onEnded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<'WITHDRAWN' | 'DROPPED' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = nameOf(props.entry);

  const end = async (event: FormEvent) => {
    event.preventDefault();
    if (!status) return;
    setBusy(true);
    setError(null);
    try {
      const ended = await unwrap<EndedEnrollment>(
        api.PATCH('/api/v1/enrollments/{id}', {
          params: { path: { id: props.entry.id } },
          body: { version: props.entry.version, status, reason: reason.trim() || undefined },
        }),
      );
      const promoted = ended.promoted
        ? nameOf(props.roster.find((candidate) => candidate.id === ended.promoted!.id))
        : null;
      props.onEnded(
        [
          t(`courses.ended.${status}`, { name }),
          promoted !== null ? t('courses.promoted', { name: promoted || ended.promoted!.residentId }) : '',
        ].join(' '),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['course-roster', props.courseId] }),
        client.invalidateQueries({ queryKey: courseKey(props.courseId) }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusy(false);
    }
  };

  if (!status)
    return (
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => setStatus('WITHDRAWN')}
          aria-label={`${t('courses.withdraw')}: ${name}`}
        >
          {t('courses.withdraw')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => setStatus('DROPPED')}
          aria-label={`${t('courses.drop')}: ${name}`}
        >
          {t('courses.drop')}
        </Button>
      </Group>
    );
  return (
    <form onSubmit={(event) => void end(event)}>
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          label={t('courses.endReason', { what: t(`courses.enrollmentStatus.${status}`) })}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={500}
        />
        <Button size="xs" type="submit" loading={busy}>
          {t('courses.confirmEnd', { what: t(status === 'WITHDRAWN' ? 'courses.withdraw' : 'courses.drop') })}
        </Button>
        <Button size="xs" variant="default" onClick={() => setStatus(null)}>
          {t('edit.cancel')}
        </Button>
      </Group>
      <FormError message={error} />
    </form>
  );
}

function Sessions({ courseId, roster, closed }: { courseId: string; roster: RosterEntry[]; closed: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['course-sessions', courseId],
    queryFn: () =>
      unwrap<CourseSession[]>(
        api.GET('/api/v1/language-courses/{id}/sessions', { params: { path: { id: courseId } } }),
      ),
  });
  const [taking, setTaking] = useState<CourseSession | null>(null);
  const [heldOn, setHeldOn] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = officeToday();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/language-courses/{id}/sessions', {
          params: { path: { id: courseId } },
          body: { heldOn, startsAt: startsAt || undefined, topic: topic.trim() || undefined },
        }),
      );
      setHeldOn('');
      setStartsAt('');
      setTopic('');
      await client.invalidateQueries({ queryKey: ['course-sessions', courseId] });
    } catch (caught) {
      setError(problemMessage(t, caught, (field) => t(`courses.sessionFields.${field}`, { defaultValue: field })));
    } finally {
      setBusy(false);
    }
  };

  const toggleCancelled = async (session: CourseSession) => {
    setRowError(null);
    try {
      await unwrap(
        api.PATCH('/api/v1/course-sessions/{id}', {
          params: { path: { id: session.id } },
          body: { version: session.version, cancelled: !session.cancelled },
        }),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['course-sessions', courseId] }),
        client.invalidateQueries({ queryKey: ['course-roster', courseId] }),
      ]);
    } catch (caught) {
      setRowError(problemMessage(t, caught));
    }
  };

  return (
    <>
      <Title order={3} size="h4">
        {t('courses.sessions')}
      </Title>
      {sessions.isError && <ErrorNotice error={sessions.error} />}
      {sessions.data?.length === 0 && <Text>{t('courses.noSessions')}</Text>}
      {sessions.data && sessions.data.length > 0 && (
        <Table data-testid="course-sessions">
          <Table.Thead>
            <Table.Tr>
              {(['heldOn', 'startsAt', 'topic', 'action'] as const).map((column) => (
                <Table.Th key={column}>{t(`courses.sessionFields.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>{session.heldOn}</Table.Td>
                <Table.Td>{session.startsAt ?? '—'}</Table.Td>
                <Table.Td>
                  {session.topic ?? '—'}{' '}
                  {session.cancelled && <ToneBadge tone="gray">{t('courses.cancelled')}</ToneBadge>}
                </Table.Td>
                <Table.Td>
                  {!closed && (
                    <Group gap="xs">
                      {!session.cancelled && (
                        <Button
                          size="xs"
                          onClick={() => setTaking(session)}
                          disabled={session.heldOn > today}
                          title={session.heldOn > today ? t('courses.attendanceFromDay') : undefined}
                          aria-label={`${t('courses.takeAttendance')}: ${session.heldOn}`}
                        >
                          {t('courses.takeAttendance')}
                        </Button>
                      )}
                      <Button size="xs" variant="default" onClick={() => void toggleCancelled(session)}>
                        {session.cancelled ? t('courses.reinstate') : t('courses.cancel')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormError message={rowError} />
      {taking && (
        <AttendanceSheet
          key={taking.id}
          courseId={courseId}
          session={taking}
          roster={roster}
          onDone={() => setTaking(null)}
        />
      )}
      {!closed && (
        <Card withBorder>
          <form onSubmit={(event) => void add(event)} aria-label={t('courses.addSession')}>
            <Group align="flex-end">
              <TextInput
                label={t('courses.sessionFields.heldOn')}
                type="date"
                value={heldOn}
                onChange={(event) => setHeldOn(event.currentTarget.value)}
                required
              />
              <TextInput
                label={t('courses.sessionFields.startsAt')}
                type="time"
                value={startsAt}
                onChange={(event) => setStartsAt(event.currentTarget.value)}
              />
              <TextInput
                label={t('courses.sessionFields.topic')}
                value={topic}
                onChange={(event) => setTopic(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={busy}>
                {t('courses.addSession')}
              </Button>
            </Group>
            <FormError message={error} />
          </form>
        </Card>
      )}
    </>
  );
}

/** The checklist of one class day: everyone enrolled, present unless marked otherwise. */
function AttendanceSheet(props: {
  courseId: string;
  session: CourseSession;
  roster: RosterEntry[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const learners = props.roster.filter((entry) => entry.status === 'ENROLLED');
  const [marks, setMarks] = useState<Record<string, CourseAttendanceStatus>>(
    Object.fromEntries(learners.map((entry) => [entry.id, 'PRESENT'])),
  );
  const [result, setResult] = useState<CourseAttendanceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = (['PRESENT', 'ABSENT', 'EXCUSED'] as const).map((value) => ({
    value,
    label: t(`courses.attendance.${value}`),
  }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap<CourseAttendanceResult>(
        api.PUT('/api/v1/course-sessions/{id}/attendance', {
          params: { path: { id: props.session.id } },
          body: { records: learners.map((entry) => ({ enrollmentId: entry.id, status: marks[entry.id] })) },
        }),
      );
      setResult(saved);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['course-roster', props.courseId] }),
        client.invalidateQueries({ queryKey: ['course-absent', props.courseId] }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder data-testid="attendance-sheet">
      <form
        onSubmit={(event) => void save(event)}
        aria-label={t('courses.attendanceOf', { date: props.session.heldOn })}
      >
        <Title order={4} size="h5" mb="xs">
          {t('courses.attendanceOf', { date: props.session.heldOn })}
        </Title>
        {learners.length === 0 ? (
          <Text>{t('courses.noLearners')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {learners.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{nameOf(entry)}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={nameOf(entry)}
                      data={options}
                      value={marks[entry.id]}
                      onChange={(value) => setMarks({ ...marks, [entry.id]: value as CourseAttendanceStatus })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group mt="md">
          <Button type="submit" loading={busy} disabled={learners.length === 0}>
            {t('courses.saveAttendance')}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t('courses.closeSheet')}
          </Button>
        </Group>
        <FormError message={error} />
        {result && (
          <Text role="status" mt="xs">
            {t('courses.attendanceSaved', { n: result.records.length })}
          </Text>
        )}
        {result && result.absentThreeInARow.length > 0 && (
          <Alert color="orange" mt="xs" title={t('courses.absentTitle')}>
            {result.absentThreeInARow
              .map(
                (signal) => nameOf(props.roster.find((entry) => entry.id === signal.enrollmentId)) || signal.residentId,
              )
              .join('、')}
          </Alert>
        )}
      </form>
    </Card>
  );
}

function CloseCourse({ courseId, closedOn }: { courseId: string; closedOn: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<CloseCourseResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await unwrap<CloseCourseResult>(
          api.POST('/api/v1/language-courses/{id}/close', { params: { path: { id: courseId } } }),
        ),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: courseKey(courseId) }),
        client.invalidateQueries({ queryKey: ['course-roster', courseId] }),
      ]);
    } catch (caught) {
      setError(problemMessage(t, caught));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('courses.closeTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {t('courses.closeHelp')}
      </Text>
      {closedOn ? (
        <Text>{t('courses.closedOn', { date: closedOn })}</Text>
      ) : confirming ? (
        <Group>
          <Button color="#b71c1c" loading={busy} onClick={() => void close()}>
            {t('courses.closeConfirm')}
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('edit.cancel')}
          </Button>
        </Group>
      ) : (
        <Button variant="default" w={200} onClick={() => setConfirming(true)}>
          {t('courses.close')}
        </Button>
      )}
      <FormError message={error} />
      {result && (
        <Text role="status" mt="xs">
          {t('courses.closed', result)}
        </Text>
      )}
    </Card>
  );
}
