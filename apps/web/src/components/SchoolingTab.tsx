import { Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { ChildSchooling } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { Facts, ToneBadge } from './kit';
import { SchoolAbsences } from './SchoolAbsences';
import { SchoolEnrollments } from './SchoolEnrollments';
import { SchoolGuideAnswers } from './SchoolGuideAnswers';
import { childSchoolingKey, LONG_ABSENCE_DAYS, schoolYearLabel, stageGrade } from './schooling';
import { SchoolingStatusBadge } from './SchoolingStatusBadge';
import { SchoolingStatuses } from './SchoolingStatuses';

/**
 * A child's schooling for the board and the city's caseworkers: school age by the April-1 rule, the
 * MEXT category today, enrolments, the status found per school year, monthly absences and the
 * answers to the enrolment guide. Every section records through the API and reloads this one answer.
 */
export function SchoolingTab({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const schooling = useQuery({
    queryKey: childSchoolingKey(residentId),
    queryFn: () =>
      unwrap<ChildSchooling>(api.GET('/api/v1/residents/{id}/schooling', { params: { path: { id: residentId } } })),
  });
  if (schooling.isError) return <ErrorNotice error={schooling.error} />;
  if (schooling.isPending) return <Loader aria-label={t('common.loading')} />;
  const data = schooling.data;
  const { schoolAge } = data;
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('schooling.child.summary', { date: data.on, year: schoolYearLabel(t, data.schoolYear) })}
        </Title>
        <Facts
          items={[
            [t('schooling.child.stage'), stageGrade(t, schoolAge.stage, schoolAge.grade)],
            [t('schooling.child.entry'), schoolAge.elementaryEntryDate],
            [t('schooling.child.end'), schoolAge.compulsoryEndDate],
            [
              t('schooling.child.status'),
              <div data-testid="schooling-status">
                <SchoolingStatusBadge status={data.status} />
              </div>,
            ],
            [
              t('schooling.child.absentDays'),
              <Group gap="xs" data-testid="absent-days">
                <span>{t('schooling.daysValue', { count: data.absentDays })}</span>
                {data.longAbsence && <ToneBadge tone="red">{t('schooling.longAbsence')}</ToneBadge>}
              </Group>,
            ],
          ]}
        />
        {data.longAbsence && (
          <Text size="sm" mt="xs">
            {t('schooling.child.longAbsenceHelp', { days: LONG_ABSENCE_DAYS })}
          </Text>
        )}
      </Card>
      <SchoolEnrollments residentId={residentId} enrollments={data.enrollments} today={data.on} />
      <SchoolingStatuses residentId={residentId} schooling={data} />
      <SchoolAbsences residentId={residentId} absences={data.absences} today={data.on} />
      <SchoolGuideAnswers residentId={residentId} schooling={data} />
    </Stack>
  );
}
