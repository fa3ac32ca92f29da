import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A failed request in words a clerk can act on. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.problem.status : 0;
  const message =
    status === 404
      ? t('common.notFound')
      : status === 403
        ? t('common.forbidden')
        : status === 409 || status === 412
          ? t('common.conflict')
          : t('common.error', { message: error instanceof Error ? error.message : String(error) });
  return (
    <Alert color="red" role="alert" m="md">
      {message}
    </Alert>
  );
}
