import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SchoolingStatus } from '../api/types';
import { ToneBadge } from './kit';
import { STATUS_TONES } from './schooling';

/** A child's MEXT category as a badge; the badge keeps its width in a narrow table column. */
export function SchoolingStatusBadge({ status }: { status: SchoolingStatus }) {
  const { t } = useTranslation();
  return (
    <Box w="max-content">
      <ToneBadge tone={STATUS_TONES[status]}>{t(`schooling.statuses.${status}`)}</ToneBadge>
    </Box>
  );
}
