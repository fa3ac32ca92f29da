import {
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Course, CoursePage, CreateCourse, ReferenceLevel } from '../api/types';
import { LANGUAGE_CODE, PROVIDER_KINDS, REFERENCE_LEVELS } from '../components/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormError, languageName, problemMessage, ToneBadge, useCursors, PageButtons } from '../components/kit';

const PAGE_SIZE = 50;

/** Japanese-language courses of the municipality: the list, and scheduling a new one. */
export function CoursesPage() {
  const { t } = useTranslation();
  const paging = useCursors();
  const [creating, setCreating] = useState(false);
  const courses = useQuery({
    queryKey: ['language-courses', paging.cursor],
    queryFn: () =>
      unwrap<CoursePage>(
        api.GET('/api/v1/language-courses', { params: { query: { cursor: paging.cursor, limit: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('courses.title')}</Title>
        <Button onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {t('courses.create')}
        </Button>
      </Group>
      <Text>{t('courses.help')}</Text>
      {creating && <CreateCourseForm onCancel={() => setCreating(false)} />}
      {courses.isError && <ErrorNotice error={courses.error} />}
      {courses.isPending && <Loader aria-label={t('common.loading')} />}
      {courses.data?.items.length === 0 && <Text>{t('courses.none')}</Text>}
      {courses.data && courses.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('courses.list')}>
          <Table striped highlightOnHover data-testid="course-list">
            <Table.Thead>
              <Table.Tr>
                {(['title', 'provider', 'levels', 'language', 'period', 'places', 'state'] as const).map((column) => (
                  <Table.Th key={column}>{t(`courses.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {courses.data.items.map((course) => (
                <Table.Tr key={course.id}>
                  <Table.Td>
                    <Link to="/courses/$courseId" params={{ courseId: course.id }}>
                      {course.title}
                    </Link>
                  </Table.Td>
                  <Table.Td>{course.provider}</Table.Td>
                  <Table.Td>
                    {course.levelFrom === course.levelTo ? course.levelFrom : `${course.levelFrom}–${course.levelTo}`}
                  </Table.Td>
                  <Table.Td>{languageName(t, course.instructionLanguage)}</Table.Td>
                  <Table.Td>
                    {course.startsOn} – {course.endsOn}
                  </Table.Td>
                  <Table.Td>{t('courses.placesValue', placesOf(course))}</Table.Td>
                  <Table.Td>
                    <CourseState course={course} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PageButtons paging={paging} nextCursor={courses.data?.nextCursor} />
    </Stack>
  );
}

export const placesOf = (course: Course) => ({
  enrolled: course.enrolled,
  capacity: course.capacity,
  waitlisted: course.waitlisted,
  left: course.seatsLeft,
});

export function CourseState({ course }: { course: Course }) {
  const { t } = useTranslation();
  if (course.closedOn) return <ToneBadge tone="gray">{t('courses.closedOn', { date: course.closedOn })}</ToneBadge>;
  if (course.seatsLeft === 0) return <ToneBadge tone="amber">{t('courses.full')}</ToneBadge>;
  return <ToneBadge tone="green">{t('courses.open')}</ToneBadge>;
}

type Draft = Omit<CreateCourse, 'capacity' | 'feeYen' | 'completionAttendancePercent'> & {
  capacity: number | '';
  feeYen: number | '';
  completionAttendancePercent: number | '';
};

const EMPTY: Draft = {
  title: '',
  provider: '',
  providerKind: 'MUNICIPALITY',
  venue: '',
  online: false,
  levelFrom: 'A1',
  levelTo: 'A2',
  instructionLanguage: 'ja-easy',
  schedule: '',
  capacity: 20,
  feeYen: 0,
  startsOn: '',
  endsOn: '',
  completionAttendancePercent: 80,
};

function CreateCourseForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft({ ...draft, [field]: value });
  const fieldLabel = (field: string) => t(`courses.fields.${field}`, { defaultValue: field });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!LANGUAGE_CODE.test(draft.instructionLanguage.trim()))
      problems.instructionLanguage = t('courses.languageFormat');
    if (REFERENCE_LEVELS.indexOf(draft.levelTo) < REFERENCE_LEVELS.indexOf(draft.levelFrom))
      problems.levelTo = t('courses.levelOrder');
    if (draft.startsOn && draft.endsOn && draft.endsOn < draft.startsOn) problems.endsOn = t('courses.dateOrder');
    if (draft.capacity === '') problems.capacity = t('edit.required');
    setInvalid(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const created = await unwrap<Course>(
        api.POST('/api/v1/language-courses', {
          body: {
            ...draft,
            title: draft.title.trim(),
            provider: draft.provider.trim(),
            venue: draft.venue?.trim() || undefined,
            schedule: draft.schedule?.trim() || undefined,
            instructionLanguage: draft.instructionLanguage.trim(),
            capacity: Number(draft.capacity),
            feeYen: draft.feeYen === '' ? undefined : draft.feeYen,
            completionAttendancePercent:
              draft.completionAttendancePercent === '' ? undefined : draft.completionAttendancePercent,
          },
        }),
      );
      await client.invalidateQueries({ queryKey: ['language-courses'] });
      await navigate({ to: '/courses/$courseId', params: { courseId: created.id } });
    } catch (caught) {
      setError(problemMessage(t, caught, fieldLabel));
    } finally {
      setBusy(false);
    }
  };

  const levels = REFERENCE_LEVELS.map((value) => ({ value, label: value }));
  return (
    <Card withBorder>
      <form onSubmit={(event) => void create(event)} aria-label={t('courses.create')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput
            label={fieldLabel('title')}
            value={draft.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            required
            maxLength={200}
          />
          <TextInput
            label={fieldLabel('provider')}
            value={draft.provider}
            onChange={(event) => set('provider', event.currentTarget.value)}
            required
            maxLength={200}
          />
          <Select
            label={fieldLabel('providerKind')}
            data={PROVIDER_KINDS.map((value) => ({ value, label: t(`courses.providerKinds.${value}`) }))}
            value={draft.providerKind}
            onChange={(value) => value && set('providerKind', value as Draft['providerKind'])}
            allowDeselect={false}
          />
          <Select
            label={fieldLabel('levelFrom')}
            data={levels}
            value={draft.levelFrom}
            onChange={(value) => value && set('levelFrom', value as ReferenceLevel)}
            allowDeselect={false}
          />
          <Select
            label={fieldLabel('levelTo')}
            data={levels}
            value={draft.levelTo}
            onChange={(value) => value && set('levelTo', value as ReferenceLevel)}
            error={invalid.levelTo}
            allowDeselect={false}
          />
          <TextInput
            label={fieldLabel('instructionLanguage')}
            description={t('courses.languageHelp')}
            value={draft.instructionLanguage}
            onChange={(event) => set('instructionLanguage', event.currentTarget.value)}
            error={invalid.instructionLanguage}
            required
          />
          <TextInput
            label={fieldLabel('startsOn')}
            type="date"
            value={draft.startsOn}
            onChange={(event) => set('startsOn', event.currentTarget.value)}
            required
          />
          <TextInput
            label={fieldLabel('endsOn')}
            type="date"
            value={draft.endsOn}
            onChange={(event) => set('endsOn', event.currentTarget.value)}
            error={invalid.endsOn}
            required
          />
          <TextInput
            label={fieldLabel('schedule')}
            placeholder={t('courses.schedulePlaceholder')}
            value={draft.schedule ?? ''}
            onChange={(event) => set('schedule', event.currentTarget.value)}
          />
          <TextInput
            label={fieldLabel('venue')}
            value={draft.venue ?? ''}
            onChange={(event) => set('venue', event.currentTarget.value)}
          />
          <NumberInput
            label={fieldLabel('capacity')}
            min={1}
            max={10000}
            value={draft.capacity}
            onChange={(value) => set('capacity', typeof value === 'number' ? value : '')}
            error={invalid.capacity}
            required
          />
          <NumberInput
            label={fieldLabel('feeYen')}
            min={0}
            value={draft.feeYen}
            onChange={(value) => set('feeYen', typeof value === 'number' ? value : '')}
          />
          <NumberInput
            label={fieldLabel('completionAttendancePercent')}
            min={1}
            max={100}
            value={draft.completionAttendancePercent}
            onChange={(value) => set('completionAttendancePercent', typeof value === 'number' ? value : '')}
          />
          <Checkbox
            mt="xl"
            label={fieldLabel('online')}
            checked={draft.online ?? false}
            onChange={(event) => set('online', event.currentTarget.checked)}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={busy}>
            {t('courses.createSubmit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('edit.cancel')}
          </Button>
        </Group>
        <FormError message={error} />
      </form>
    </Card>
  );
}
