import { Box, Card, Group, Text, Title } from '@mantine/core';

export interface ReportBar {
  key: string;
  label: string;
  /** The bar's length in percent; null when a hidden figure is involved (no bar is drawn). */
  percent: number | null;
  /** The figures in words, written beside the bar. */
  text: string;
}

/**
 * Horizontal bars made of plain boxes (the project has no chart library). The figures are written
 * beside each bar, so the bars are hidden from screen readers and nothing is said by length alone;
 * a bar whose figures are hidden is left empty, and its text says why.
 */
export function ReportBars({
  title,
  bars,
  color,
  testId,
}: {
  title: string;
  bars: ReportBar[];
  /** A dark shade: the bar keeps 3:1 contrast with the white card (WCAG 1.4.11). */
  color: string;
  testId: string;
}) {
  return (
    <Card withBorder component="figure" m={0}>
      <figcaption>
        <Title order={3} size="h4" mb="sm">
          {title}
        </Title>
      </figcaption>
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid={testId}>
        {bars.map((bar) => (
          <Box component="li" key={bar.key} mb="xs">
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" w={240} style={{ flexShrink: 0 }}>
                {bar.label}
              </Text>
              <Box aria-hidden style={{ flex: 1, minWidth: 80 }} bg="gray.1" h={18}>
                {bar.percent !== null && <Box bg={color} h="100%" w={`${Math.min(100, Math.max(0, bar.percent))}%`} />}
              </Box>
              <Text size="sm" w={220} ta="right" style={{ flexShrink: 0 }}>
                {bar.text}
              </Text>
            </Group>
          </Box>
        ))}
      </Box>
    </Card>
  );
}
