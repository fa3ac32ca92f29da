import { Button, Card, FileInput, Group } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The multipart body of an upload; openapi-fetch must send it as it is. */
export const asMultipart = { bodySerializer: (body: unknown) => body as FormData } as const;

/**
 * A CSV file picker with a start button (and any further fields as children). `upload` receives
 * the form data with the file as "file"; a refusal is shown under the picker with its field.
 */
export function CsvUploadForm(props: {
  label: string;
  submitLabel: string;
  upload: (form: FormData) => Promise<unknown>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(props.label);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      await props.upload(form);
    } catch (caught) {
      const first = caught instanceof ApiError ? caught.problem.errors?.[0] : undefined;
      setError(
        caught instanceof ApiError
          ? (caught.fieldError('file') ?? (first ? `${first.field}: ${first.reason}` : caught.message))
          : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void submit(event)}>
        <Group align="flex-end">
          <FileInput
            label={props.label}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            error={error}
            style={{ flex: 1 }}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
          />
          {props.children}
          <Button type="submit" loading={busy}>
            {props.submitLabel}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
