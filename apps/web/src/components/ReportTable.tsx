import { Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublishedReport, PublishedRow } from '../api/types';
import { dimensionName, formatValue, measureName, TOTAL, useDimensionValue } from './reports';

/** Whether a total row adds up this row: every dimension it does not total over is the row's. */
const adds = (total: PublishedRow, row: PublishedRow) =>
  Object.entries(total.dims).every(([dimension, value]) => value === TOTAL || row.dims[dimension] === value);

/**
 * The API lists the total rows after all the others; on screen each comes under the rows it adds
 * up (a group's total before the grand total).
 */
export function inReadingOrder(rows: PublishedRow[]): PublishedRow[] {
  const parts = rows.filter((row) => !row.isTotal);
  const totals = rows
    .filter((row) => row.isTotal)
    .map((row) => ({ row, over: Object.values(row.dims).filter((value) => value === TOTAL).length }))
    .sort((a, b) => a.over - b.over)
    .map(({ row }) => row);
  const placed = new Set<PublishedRow>();
  const ordered: PublishedRow[] = [];
  parts.forEach((row, index) => {
    ordered.push(row);
    const next = parts[index + 1];
    for (const total of totals) {
      if (!placed.has(total) && adds(total, row) && (!next || !adds(total, next))) {
        placed.add(total);
        ordered.push(total);
      }
    }
  });
  return [...ordered, ...totals.filter((total) => !placed.has(total))];
}

/**
 * A published run as a table: one row per published row, totals in bold, hidden cells as the API
 * publishes them ('<5', 'x', — for a rate), which the legend under it explains.
 */
export function ReportTable({ report, title }: { report: PublishedReport; title: string }) {
  const { t } = useTranslation();
  const dimensionValue = useDimensionValue(report.run.reportCode);
  const caption = t('reports.caption', { title, date: report.run.asOf });
  return (
    <Box>
      <Table.ScrollContainer minWidth={640} tabIndex={0} aria-label={caption}>
        <Table withTableBorder striped data-testid="report-table">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {report.dimensions.map((dimension) => (
                <Table.Th key={dimension} scope="col">
                  {dimensionName(t, dimension)}
                </Table.Th>
              ))}
              {report.measures.map((measure) => (
                <Table.Th key={measure} scope="col" ta="right">
                  {measureName(t, measure)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inReadingOrder(report.rows).map((row, index) => (
              <Table.Tr key={index} data-total={row.isTotal || undefined} fw={row.isTotal ? 700 : undefined}>
                {report.dimensions.map((dimension) => (
                  <Table.Th key={dimension} scope="row" fw={row.isTotal ? 700 : 400}>
                    {dimensionValue(dimension, row.dims)}
                  </Table.Th>
                ))}
                {report.measures.map((measure) => (
                  <Table.Td key={measure} ta="right" data-measure={measure}>
                    {formatValue(t, measure, row.values[measure])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SuppressionLegend minCell={report.run.minCell} />
    </Box>
  );
}

/** What the hidden cells mean: small counts are never published, nor anything that would give one away. */
export function SuppressionLegend({ minCell }: { minCell: number }) {
  const { t } = useTranslation();
  const entries: Array<[string, string]> = [
    [`<${minCell}`, t('reports.legend.small', { k: minCell })],
    ['x', t('reports.legend.hidden', { k: minCell })],
    ['—', t('reports.legend.rate')],
  ];
  return (
    <Box component="section" aria-labelledby="report-legend" mt="sm" data-testid="report-legend">
      <Title order={3} size="h5" id="report-legend" mb={4}>
        {t('reports.legend.title')}
      </Title>
      <Stack component="dl" gap={4} m={0}>
        {entries.map(([mark, meaning]) => (
          <Group key={mark} gap="sm" wrap="nowrap" align="baseline">
            <Text component="dt" fw={700} ff="monospace" w={36} style={{ flexShrink: 0 }}>
              {mark}
            </Text>
            <Text component="dd" m={0} size="sm">
              {meaning}
            </Text>
          </Group>
        ))}
      </Stack>
    </Box>
  );
}
