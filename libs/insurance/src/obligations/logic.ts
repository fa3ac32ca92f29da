import type { ReasonCode, ReasonParams } from './reasons.js';
import type { RuleRef } from './rules.js';

/**
 * Three-valued conditions: a condition holds (true), does not hold (false), or cannot be told
 * because facts are missing (it then names them).
 */
export interface Missing {
  readonly missing: readonly string[];
}
export type Tri = boolean | Missing;

export function missing(...facts: string[]): Missing {
  return { missing: facts };
}

export function isMissing(value: Tri): value is Missing {
  return typeof value === 'object';
}

function union(values: Tri[]): Missing {
  // Plain loops: the gap list's decision table evaluates thousands of fact sets at once.
  let first: Missing | null = null;
  let merged: string[] | null = null;
  for (const value of values) {
    if (typeof value !== 'object') continue;
    if (!first) {
      first = value;
      continue;
    }
    merged ??= [...first.missing];
    for (const fact of value.missing) if (!merged.includes(fact)) merged.push(fact);
  }
  return merged ? { missing: merged } : first!;
}

/** Holds when every condition holds; false as soon as one is known to fail. */
export function all(...conditions: Tri[]): Tri {
  if (conditions.includes(false)) return false;
  return conditions.some(isMissing) ? union(conditions) : true;
}

/** Holds as soon as one condition is known to hold. */
export function any(...conditions: Tri[]): Tri {
  if (conditions.includes(true)) return true;
  return conditions.some(isMissing) ? union(conditions) : false;
}

export function not(condition: Tri): Tri {
  return isMissing(condition) ? condition : !condition;
}

/** A condition on a fact that may be absent (undefined or null). */
export function given<T>(value: T | null | undefined, name: string, test: (value: T) => boolean): Tri {
  return value === undefined || value === null ? missing(name) : test(value);
}

/** One row of a scheme's rule table: when the condition holds, the answer is `required` for this reason. */
export interface RuleCase {
  when: Tri;
  required: boolean;
  reason: ReasonCode;
  rule: RuleRef;
  params?: ReasonParams;
}

export type Decision =
  | { required: boolean; reason: ReasonCode; rule: RuleRef; params: ReasonParams; missingFacts: [] }
  | { required: 'unknown'; rule: RuleRef; missingFacts: string[]; reason?: ReasonCode; params?: ReasonParams };

/**
 * Reads a rule table top to bottom; the first row that holds gives the answer. A row whose
 * condition cannot be told is passed over, but it blocks any later row that would give a
 * different answer: then the answer is unknown, naming the facts that would settle it. So a known
 * fact that decides (e.g. 10 hours a week) decides even when other facts are missing, and a
 * missing fact is never guessed.
 */
export function firstMatching(cases: RuleCase[]): Decision {
  const undecided: RuleCase[] = [];
  for (const row of cases) {
    if (row.when === false) continue;
    if (isMissing(row.when)) {
      undecided.push(row);
      continue;
    }
    if (undecided.every((earlier) => earlier.required === row.required)) {
      return { required: row.required, reason: row.reason, rule: row.rule, params: row.params ?? {}, missingFacts: [] };
    }
    break;
  }
  const facts = union(undecided.map((row) => row.when)).missing;
  return { required: 'unknown', rule: undecided[0]?.rule ?? cases[cases.length - 1].rule, missingFacts: [...facts] };
}
