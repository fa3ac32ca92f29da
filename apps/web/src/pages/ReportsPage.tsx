import { Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../components/alerts';
import { ErrorNotice } from '../components/ErrorNotice';
import { reportsQuery } from '../components/reports';
import { useMe } from '../session';

/** The reports of the office's scope (its municipality, or the PESO office's jurisdiction) with their latest date. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const reports = useQuery(reportsQuery);
  return (
    <Stack>
      <Title order={2}>{t('reports.title')}</Title>
      <Text>{t('reports.help')}</Text>
      {me.roles.includes('ADMIN') && (
        <Anchor component={Link} to="/report-runs">
          {t('reports.toRuns')}
        </Anchor>
      )}
      {reports.isError && <ErrorNotice error={reports.error} />}
      {reports.isPending && <Loader aria-label={t('common.loading')} />}
      {reports.data?.length === 0 && <Text>{t('reports.none')}</Text>}
      {reports.data && reports.data.length > 0 && (
        <Table.ScrollContainer minWidth={640} tabIndex={0} aria-label={t('reports.title')}>
          <Table striped data-testid="report-list">
            <Table.Thead>
              <Table.Tr>
                {(['report', 'scope', 'latest'] as const).map((column) => (
                  <Table.Th key={column}>{t(`reports.columns.${column}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.data.map((report) => (
                <Table.Tr key={report.code}>
                  <Table.Td>
                    <Link to="/reports/$code" params={{ code: report.code }} search={{}}>
                      {inLanguage(report.title, i18n.language)}
                    </Link>
                  </Table.Td>
                  <Table.Td>{t(`reports.scopes.${report.scopeKind}`)}</Table.Td>
                  <Table.Td>{report.latestAsOf ?? t('reports.notYet')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
