import type { ReportDefinition } from './definitions.js';
import type { RawRow } from './report-queries.js';
import { suppress, type Relation } from './suppression.js';

export const TOTAL = 'TOTAL';

export interface StoredRow {
  isTotal: boolean;
  dims: Record<string, string>;
  values: Record<string, number | null>;
  /** The measures of this row that are hidden when published. */
  suppressed: string[];
}

/**
 * A run's rows as they will be stored: the computed rows, the report's total rows, the derived
 * measures, and which cells small-cell suppression hides (every count under k, and as many others as
 * it takes for no hidden count to follow from the published ones; a derived measure is hidden with
 * any count it is computed from).
 */
export function tabulate(definition: ReportDefinition, raw: readonly RawRow[], k: number): StoredRow[] {
  const rows: StoredRow[] = raw.map((row) => ({
    isTotal: false,
    dims: { ...row.dims },
    values: { ...row.values },
    suppressed: [],
  }));
  const relations: Relation[] = [];
  const cell = (index: number, measure: string) => `${index}:${measure}`;

  if (definition.totalsBy !== null) {
    const groupKey = (dims: Record<string, string>) => JSON.stringify(definition.totalsBy!.map((dim) => dims[dim]));
    const groups = new Map<string, number[]>();
    rows.forEach((row, index) => groups.set(groupKey(row.dims), [...(groups.get(groupKey(row.dims)) ?? []), index]));
    for (const members of groups.values()) {
      const first = rows[members[0]].dims;
      const dims = Object.fromEntries(
        definition.dimensions.map((dim) => [dim, definition.totalsBy!.includes(dim) ? first[dim] : TOTAL]),
      );
      const values = Object.fromEntries(
        definition.counts.map((measure) => [
          measure,
          members.reduce((sum, i) => sum + (rows[i].values[measure] ?? 0), 0),
        ]),
      );
      const totalIndex = rows.push({ isTotal: true, dims, values, suppressed: [] }) - 1;
      for (const measure of definition.counts) {
        relations.push({ total: cell(totalIndex, measure), parts: members.map((i) => cell(i, measure)) });
      }
    }
  }
  rows.forEach((row, index) => {
    for (const relation of definition.rowRelations) {
      relations.push({ total: cell(index, relation.total), parts: relation.parts.map((part) => cell(index, part)) });
    }
  });

  const counts = new Map<string, number>();
  rows.forEach((row, index) => {
    for (const measure of definition.counts) counts.set(cell(index, measure), row.values[measure] ?? 0);
  });
  const hidden = suppress(counts, relations, k);
  rows.forEach((row, index) => {
    row.suppressed = definition.counts.filter((measure) => hidden.has(cell(index, measure)));
    for (const derived of definition.derived) {
      if (derived.compute) row.values[derived.name] = derived.compute(row.values as Record<string, number>);
      if (derived.dependsOn.some((source) => row.suppressed.includes(source))) row.suppressed.push(derived.name);
    }
  });
  return rows;
}

/** How a count hidden to protect another (complementary suppression) is shown: it is not small itself. */
export const HIDDEN = 'x';

/**
 * A published cell: the figure; `<k` for a count under k; `x` for a count hidden so that totals do
 * not give a small one away; null for a hidden rate or median.
 */
export function publishedValue(
  row: StoredRow,
  measure: string,
  k: number,
  counts: readonly string[],
): number | string | null {
  if (!row.suppressed.includes(measure)) return row.values[measure] ?? null;
  if (!counts.includes(measure)) return null;
  return (row.values[measure] ?? 0) < k ? `<${k}` : HIDDEN;
}
