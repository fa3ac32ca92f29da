import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ADDRESS_MAX,
  COMMUNICATION_LEVELS,
  LANGUAGE_TAG,
  NAME_MAX,
  POSTAL_CODE,
  REGISTRY_CATEGORIES,
  SEXES,
  STATUS_CODE,
  STATUS_SUBTYPE,
  STAY_PERIOD,
} from '../../../../libs/residents/src/validation/resident-rules';
import { useQuery } from '@tanstack/react-query';
import { isIsoDate } from '../../../../libs/platform/src/time/office-dates';
import { api, ApiError, unwrap } from '../api/client';
import { statusesQuery } from '../api/queries';
import type { Resident } from '../api/types';
import { EDITABLE_FIELDS, type EditableField } from './resident-fields';

const REQUIRED: EditableField[] = ['familyName', 'birthDate', 'sex', 'nationality', 'registryCategory'];
const UPPER: EditableField[] = ['nationality', 'statusCode', 'statusSubtype'];

/**
 * Edits a resident with the API's own rules (resident-rules.ts) checked before sending; what the
 * API still refuses is shown on the field it names, and a stale version is explained.
 */
export function ResidentForm({
  resident,
  onSaved,
  onCancel,
}: {
  resident: Resident;
  onSaved: (saved: Resident) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const statuses = useQuery(statusesQuery);
  const initial = Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, String(resident[field] ?? '')])) as Record<
    EditableField,
    string
  >;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<EditableField, string>>>({});
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = (field: EditableField, raw: string): string | undefined => {
    const value = raw.trim();
    if (!value) return REQUIRED.includes(field) ? t('edit.required') : undefined;
    const pattern = (regex: RegExp, example: string) =>
      regex.test(value) ? undefined : t('edit.pattern', { example });
    switch (field) {
      case 'birthDate':
      case 'stayExpiryDate':
        return isIsoDate(value) ? undefined : t('edit.date');
      case 'nationality':
        return /^[A-Z]{2}$/.test(value.toUpperCase()) ? undefined : t('edit.nationality');
      case 'statusCode':
        return pattern(STATUS_CODE, 'ENGINEER_HUMANITIES');
      case 'statusSubtype':
        return pattern(STATUS_SUBTYPE, 'RO');
      case 'stayPeriod':
        return pattern(STAY_PERIOD, '3y');
      case 'postalCode':
        return pattern(POSTAL_CODE, '430-0929');
      case 'preferredLanguage':
        return pattern(LANGUAGE_TAG, 'pt-BR');
      case 'address':
        return value.length > ADDRESS_MAX ? t('edit.tooLong', { max: ADDRESS_MAX }) : undefined;
      default:
        return value.length > NAME_MAX ? t('edit.tooLong', { max: NAME_MAX }) : undefined;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(
      (Object.keys(values) as EditableField[])
        .map((field) => [field, check(field, values[field])])
        .filter(([, error]) => error),
    ) as Partial<Record<EditableField, string>>;
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    // Only what changed is sent; an emptied optional field is cleared (null).
    const changes = Object.fromEntries(
      (Object.keys(values) as EditableField[])
        .filter((field) => values[field].trim() !== initial[field])
        .map((field) => {
          const value = values[field].trim();
          return [field, value === '' ? null : UPPER.includes(field) ? value.toUpperCase() : value];
        }),
    );
    if (!Object.keys(changes).length) return onCancel();
    setBusy(true);
    try {
      const saved = await unwrap<Resident>(
        api.PATCH('/api/v1/residents/{id}', {
          params: { path: { id: resident.id }, header: { 'If-Match': `"${resident.version}"` } },
          body: changes as never,
        }),
      );
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && (error.problem.status === 409 || error.problem.status === 412))
        setConflict(true);
      else if (error instanceof ApiError && error.problem.errors?.length) {
        setErrors(
          Object.fromEntries(error.problem.errors.map((e) => [e.field, e.reason])) as Partial<
            Record<EditableField, string>
          >,
        );
      } else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: EditableField) => (
    <TextInput
      key={field}
      label={t(`resident.fields.${field}`)}
      value={values[field]}
      onChange={(event) => setValues({ ...values, [field]: event.currentTarget.value })}
      error={errors[field]}
      required={REQUIRED.includes(field)}
      placeholder={field.endsWith('Date') ? 'YYYY-MM-DD' : undefined}
    />
  );
  const choice = (
    field: EditableField,
    options: readonly string[],
    label: (option: string) => string,
    clearable = false,
  ) => (
    <Select
      key={field}
      label={t(`resident.fields.${field}`)}
      value={values[field] || null}
      onChange={(value) => setValues({ ...values, [field]: value ?? '' })}
      data={options.map((option) => ({ value: option, label: label(option) }))}
      error={errors[field]}
      required={REQUIRED.includes(field)}
      clearable={clearable}
      allowDeselect={clearable}
    />
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('edit.title')}>
      <Stack>
        {conflict && (
          <Alert color="orange" role="alert">
            {t('common.conflict')}
          </Alert>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {EDITABLE_FIELDS.slice(0, EDITABLE_FIELDS.indexOf('birthDate') + 1).map(text)}
          {choice('sex', SEXES, (sex) => t(`sex.${sex}`))}
          {text('nationality')}
          {choice('registryCategory', REGISTRY_CATEGORIES, (category) => t(`registry.${category}`))}
          <Select
            label={t('resident.fields.statusCode')}
            value={values.statusCode || null}
            onChange={(value) => setValues({ ...values, statusCode: value ?? '', statusSubtype: '' })}
            data={(statuses.data ?? []).map((status) => ({
              value: status.code,
              label: `${i18n.language === 'en' ? status.nameEn : status.nameJa} (${status.code})`,
            }))}
            error={errors.statusCode}
            searchable
            clearable
          />
          <Select
            label={t('resident.fields.statusSubtype')}
            value={values.statusSubtype || null}
            onChange={(value) => setValues({ ...values, statusSubtype: value ?? '' })}
            data={[...(statuses.data?.find((status) => status.code === values.statusCode)?.subtypes ?? [])]}
            error={errors.statusSubtype}
            disabled={!statuses.data?.find((status) => status.code === values.statusCode)?.subtypes.length}
            clearable
          />
          {(['stayPeriod', 'stayExpiryDate', 'postalCode', 'address', 'preferredLanguage'] as EditableField[]).map(
            text,
          )}
          {choice('communicationLevel', COMMUNICATION_LEVELS, (level) => level, true)}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy} disabled={conflict}>
            {t('edit.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {conflict ? t('edit.reload') : t('edit.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
