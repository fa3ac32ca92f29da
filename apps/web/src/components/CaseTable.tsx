import { Group, Table } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Case } from '../api/types';
import { ToneBadge, type Tone } from './kit';

export const CASE_STATUS_TONES: Record<string, Tone> = {
  OPEN: 'blue',
  WAITING: 'amber',
  REFERRED: 'purple',
  CLOSED: 'gray',
};
export const PRIORITY_TONES: Record<string, Tone> = { LOW: 'gray', NORMAL: 'blue', HIGH: 'amber', URGENT: 'red' };

/** Cases with their state at a glance; the title opens the case. */
export function CaseTable({ cases, label, showResident }: { cases: Case[]; label: string; showResident: boolean }) {
  const { t } = useTranslation();
  const columns = ['title', ...(showResident ? ['resident'] : []), 'category', 'status', 'priority', 'nextActionOn'];
  return (
    <Table.ScrollContainer minWidth={800} tabIndex={0} aria-label={label}>
      <Table striped highlightOnHover data-testid="case-list">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{t(`cases.columns.${column}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Link to="/cases/$caseId" params={{ caseId: item.id }}>
                  {item.title}
                </Link>
                {item.access === 'RECIPIENT' && (
                  <>
                    {' '}
                    <ToneBadge tone="purple">{t('cases.referredToUs')}</ToneBadge>
                  </>
                )}
              </Table.Td>
              {showResident && (
                <Table.Td>
                  <Link to="/residents/$residentId" params={{ residentId: item.residentId }}>
                    {item.residentName}
                  </Link>
                </Table.Td>
              )}
              <Table.Td>{t(`cases.categories.${item.category}`)}</Table.Td>
              <Table.Td>
                <ToneBadge tone={CASE_STATUS_TONES[item.status]}>{t(`cases.statuses.${item.status}`)}</ToneBadge>
              </Table.Td>
              <Table.Td>
                <ToneBadge tone={PRIORITY_TONES[item.priority]}>{t(`cases.priorities.${item.priority}`)}</ToneBadge>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {item.nextActionOn ?? '—'}
                  {item.overdue && <ToneBadge tone="red">{t('cases.overdue')}</ToneBadge>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
