/**
 * Small-cell suppression of a published table of counts.
 *
 * Cells are counts with ids; relations say which published cells add up to which (a total row, a
 * row whose measures partition another). Primary suppression hides every count under k. Secondary
 * (complementary) suppression then hides more cells until no hidden value can be worked out from
 * what is published: first the classic rule that no relation may hide exactly one of its cells
 * (else total minus the rest gives it), then an exact audit — the hidden cells as unknowns of the
 * relations' linear equations, reduced to row echelon form — which catches values recoverable by
 * combining several relations. Each round hides the smallest published cell that breaks the
 * recovery, so as little as possible is lost.
 */

export interface Relation {
  total: string;
  parts: readonly string[];
}

const EPSILON = 1e-9;

export function suppress(values: ReadonlyMap<string, number>, relations: readonly Relation[], k: number): Set<string> {
  const hidden = new Set<string>([...values].filter(([, value]) => value < k).map(([id]) => id));
  if (hidden.size === 0) return hidden;
  const smallestPublished = (ids: Iterable<string>, except?: string): string | null => {
    let best: string | null = null;
    for (const id of ids) {
      if (id === except || hidden.has(id) || !values.has(id)) continue;
      if (best === null || values.get(id)! < values.get(best)! || (values.get(id) === values.get(best) && id < best)) {
        best = id;
      }
    }
    return best;
  };
  const members = relations.map((relation) => [relation.total, ...relation.parts]);
  for (let round = 0; round < values.size + 1; round += 1) {
    // No relation may hide exactly one cell.
    let changed = true;
    while (changed) {
      changed = false;
      for (const ids of members) {
        if (ids.filter((id) => hidden.has(id)).length !== 1) continue;
        const extra = smallestPublished(ids);
        if (extra) {
          hidden.add(extra);
          changed = true;
        }
      }
    }
    const recoverable = recoverableCells(values, relations, hidden);
    if (recoverable.length === 0) return hidden;
    // Hide the smallest published cell that shares a relation with the first recoverable one.
    const target = recoverable[0];
    const candidates = members.filter((ids) => ids.includes(target)).flat();
    const extra = smallestPublished(candidates, target);
    if (!extra) return hidden;
    hidden.add(extra);
  }
  return hidden;
}

/**
 * The hidden cells whose value follows exactly from the published cells and the relations: an
 * unknown is determined when it is a pivot of the reduced system and its row has no free unknowns.
 */
export function recoverableCells(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<string>,
): string[] {
  const unknowns = [...hidden].filter((id) => values.has(id)).sort();
  const column = new Map(unknowns.map((id, index) => [id, index]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let touches = false;
    for (const [id, sign] of [[relation.total, -1] as const, ...relation.parts.map((id) => [id, 1] as const)]) {
      const index = column.get(id);
      if (index !== undefined) {
        row[index] += sign;
        touches = true;
      }
    }
    if (touches) rows.push(row);
  }
  // Reduced row echelon form.
  const pivots: number[] = [];
  let top = 0;
  for (let col = 0; col < unknowns.length && top < rows.length; col += 1) {
    let pivot = -1;
    for (let r = top; r < rows.length; r += 1) if (Math.abs(rows[r][col]) > EPSILON) pivot = r;
    if (pivot < 0) continue;
    [rows[top], rows[pivot]] = [rows[pivot], rows[top]];
    const lead = rows[top][col];
    for (let c = 0; c < unknowns.length; c += 1) rows[top][c] /= lead;
    for (let r = 0; r < rows.length; r += 1) {
      if (r === top || Math.abs(rows[r][col]) < EPSILON) continue;
      const factor = rows[r][col];
      for (let c = 0; c < unknowns.length; c += 1) rows[r][c] -= factor * rows[top][c];
    }
    pivots.push(col);
    top += 1;
  }
  const pivotSet = new Set(pivots);
  return pivots
    .filter((col, index) => rows[index].every((value, c) => c === col || pivotSet.has(c) || Math.abs(value) < EPSILON))
    .map((col) => unknowns[col]);
}
