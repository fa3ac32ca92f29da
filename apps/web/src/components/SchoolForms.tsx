import { Alert, Button, Card, Group, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, unwrap } from '../api/client';
import type { School, SchoolKind } from '../api/types';
import { FormError, isConflict, problemMessage } from './kit';
import { fieldErrors, problemIs, SCHOOL_CODE, SCHOOL_KINDS, schoolsQuery } from './schooling';

const NAME_MAX = 200;
const ADDRESS_MAX = 300;

interface Draft {
  code: string;
  name: string;
  kind: SchoolKind | null;
  address: string;
  closedOn: string;
}

/** CreateSchoolDto's and UpdateSchoolDto's checks, in the reader's language. */
function check(t: TFunction, draft: Draft, adding: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (adding && !SCHOOL_CODE.test(draft.code.trim())) problems.code = t('schooling.schools.codeFormat');
  if (!draft.name.trim()) problems.name = t('edit.required');
  else if (draft.name.trim().length > NAME_MAX) problems.name = t('edit.tooLong', { max: NAME_MAX });
  if (!draft.kind) problems.kind = t('edit.required');
  if (draft.address.trim().length > ADDRESS_MAX) problems.address = t('edit.tooLong', { max: ADDRESS_MAX });
  if (draft.closedOn && !isIsoDate(draft.closedOn)) problems.closedOn = t('edit.date');
  return problems;
}

const FIELDS = ['code', 'name', 'kind', 'address', 'closedOn'] as const;

/** The fields of a school; `adding` shows the code (fixed afterwards), editing the closing date. */
function SchoolFields({
  draft,
  set,
  invalid,
  adding,
}: {
  draft: Draft;
  set: (next: Partial<Draft>) => void;
  invalid: Record<string, string>;
  adding: boolean;
}) {
  const { t } = useTranslation();
  const label = (field: string) => t(`schooling.schools.fields.${field}`);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {adding && (
        <TextInput
          label={label('code')}
          description={t('schooling.schools.codeHelp')}
          value={draft.code}
          onChange={(event) => set({ code: event.currentTarget.value })}
          error={invalid.code}
          required
          maxLength={20}
        />
      )}
      <TextInput
        label={label('name')}
        value={draft.name}
        onChange={(event) => set({ name: event.currentTarget.value })}
        error={invalid.name}
        required
        maxLength={NAME_MAX}
      />
      <Select
        label={label('kind')}
        description={t('schooling.schools.kindHelp')}
        data={SCHOOL_KINDS.map((value) => ({ value, label: t(`schooling.kinds.${value}`) }))}
        value={draft.kind}
        onChange={(value) => set({ kind: value as SchoolKind | null })}
        error={invalid.kind}
        required
        allowDeselect={false}
      />
      <TextInput
        label={label('address')}
        value={draft.address}
        onChange={(event) => set({ address: event.currentTarget.value })}
        error={invalid.address}
        maxLength={ADDRESS_MAX}
      />
      {!adding && (
        <TextInput
          label={label('closedOn')}
          description={t('schooling.schools.closedOnHelp')}
          type="date"
          value={draft.closedOn}
          onChange={(event) => set({ closedOn: event.currentTarget.value })}
          error={invalid.closedOn}
        />
      )}
    </SimpleGrid>
  );
}

/** A form's state, checks and sending, shared by adding and editing. */
function useSchoolForm(initial: Draft, adding: boolean, send: (draft: Draft) => Promise<School>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<School | null> => {
    event.preventDefault();
    const problems = check(t, draft, adding);
    setInvalid(problems);
    setError(null);
    if (Object.keys(problems).length) return null;
    setBusy(true);
    try {
      const school = await send(draft);
      await client.invalidateQueries({ queryKey: schoolsQuery.queryKey });
      return school;
    } catch (caught) {
      // Each reason under its field; a taken code under the code.
      const fields = fieldErrors(caught, FIELDS);
      if (fields) setInvalid(fields);
      else if (problemIs(caught, 'duplicate'))
        setInvalid({ code: t('schooling.schools.duplicateCode', { code: draft.code.trim() }) });
      else setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { draft, set: (next: Partial<Draft>) => setDraft({ ...draft, ...next }), invalid, error, busy, submit };
}

const trimmedOrNull = (value: string) => value.trim() || null;

export function AddSchoolForm({ onAdded, onCancel }: { onAdded: (school: School) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useSchoolForm({ code: '', name: '', kind: null, address: '', closedOn: '' }, true, (draft) =>
    unwrap<School>(
      api.POST('/api/v1/schools', {
        body: {
          code: draft.code.trim(),
          name: draft.name.trim(),
          kind: draft.kind!,
          address: trimmedOrNull(draft.address),
        },
      }),
    ),
  );
  return (
    <Card withBorder>
      <form
        onSubmit={(event) => void form.submit(event).then((school) => school && onAdded(school))}
        aria-label={t('schooling.schools.add')}
        noValidate
      >
        <Title order={3} size="h4" mb="xs">
          {t('schooling.schools.add')}
        </Title>
        <SchoolFields draft={form.draft} set={form.set} invalid={form.invalid} adding />
        <Group mt="md">
          <Button type="submit" loading={form.busy}>
            {t('schooling.schools.addSubmit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('edit.cancel')}
          </Button>
        </Group>
        <FormError message={form.error ? problemMessage(t, form.error) : null} />
      </form>
    </Card>
  );
}

/**
 * Renames, reclassifies or closes a school, sending the version read; when someone else saved first,
 * says so and offers the latest (the page re-mounts this form with it).
 */
export function EditSchoolForm({
  school,
  onSaved,
  onReload,
  onCancel,
}: {
  school: School;
  onSaved: (school: School) => void;
  onReload: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchoolForm(
    {
      code: school.code,
      name: school.name,
      kind: school.kind,
      address: school.address ?? '',
      closedOn: school.closedOn ?? '',
    },
    false,
    (draft) =>
      unwrap<School>(
        api.PATCH('/api/v1/schools/{id}', {
          params: { path: { id: school.id } },
          body: {
            version: school.version,
            name: draft.name.trim(),
            kind: draft.kind!,
            address: trimmedOrNull(draft.address),
            closedOn: draft.closedOn || null,
          },
        }),
      ),
  );
  const conflict = isConflict(form.error);
  const title = t('schooling.schools.editOne', { name: school.name });
  return (
    <Card withBorder>
      <form
        onSubmit={(event) => void form.submit(event).then((saved) => saved && onSaved(saved))}
        aria-label={title}
        noValidate
      >
        <Title order={3} size="h4" mb="xs">
          {title}{' '}
          <Text span ff="monospace" size="sm">
            {school.code}
          </Text>
        </Title>
        <SchoolFields draft={form.draft} set={form.set} invalid={form.invalid} adding={false} />
        <Group mt="md">
          <Button type="submit" loading={form.busy} disabled={conflict}>
            {t('edit.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('edit.cancel')}
          </Button>
        </Group>
        {conflict ? (
          <Alert color="red" role="alert" mt="sm">
            <Text size="sm">{t('schooling.schools.conflict')}</Text>
            <Button mt="xs" size="xs" variant="default" onClick={() => void onReload()}>
              {t('edit.reload')}
            </Button>
          </Alert>
        ) : (
          <FormError message={form.error ? problemMessage(t, form.error) : null} />
        )}
      </form>
    </Card>
  );
}
