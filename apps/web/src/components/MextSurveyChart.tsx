import { Box, Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MextSurveyRow, SchoolingStatus } from '../api/types';
import { SURVEY_CATEGORIES } from './schooling';

/** Dark shades: a bar keeps 3:1 contrast with the white card (WCAG 1.4.11). */
const BAR_COLORS: Record<SchoolingStatus, string> = {
  ENROLLED_COMPULSORY: 'green.9',
  ENROLLED_FOREIGN_SCHOOL: 'blue.9',
  NOT_ENROLLED: 'red.9',
  MOVED_OR_LEFT: 'gray.7',
  UNCONFIRMED: 'orange.9',
  NOT_TRACKED: 'grape.9',
};

/**
 * The survey's categories as horizontal bars, each a share of the total. Made of plain boxes (the
 * project has no chart library); the numbers are written beside each bar, so the bars themselves are
 * hidden from screen readers and nothing is said by colour alone.
 */
export function MextSurveyChart({ rows }: { rows: MextSurveyRow[] }) {
  const { t } = useTranslation();
  const total = rows.find((row) => row.category === 'TOTAL')?.total ?? 0;
  const share = (count: number) => (total === 0 ? 0 : Math.round((1000 * count) / total) / 10);
  return (
    <Card withBorder component="figure" m={0}>
      <figcaption>
        <Title order={3} size="h4" mb="sm">
          {t('schooling.survey.chart')}
        </Title>
      </figcaption>
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="mext-survey-chart">
        {SURVEY_CATEGORIES.map((category) => {
          const count = rows.find((row) => row.category === category)?.total ?? 0;
          return (
            <Box component="li" key={category} mb="xs">
              <Group gap="sm" wrap="nowrap">
                <Text size="sm" w={220} style={{ flexShrink: 0 }}>
                  {t(`schooling.survey.categories.${category}`)}
                </Text>
                <Box aria-hidden style={{ flex: 1, minWidth: 80 }} bg="gray.1" h={18}>
                  <Box bg={BAR_COLORS[category]} h="100%" w={`${share(count)}%`} />
                </Box>
                <Text size="sm" w={130} ta="right" style={{ flexShrink: 0 }}>
                  {t('schooling.survey.barValue', { count, percent: share(count) })}
                </Text>
              </Group>
            </Box>
          );
        })}
      </Box>
    </Card>
  );
}
