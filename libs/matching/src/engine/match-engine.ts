import { nameTokens, type ResidentCandidate } from '@app/residents';
import { kanaTokens, phoneticKey } from '../names/index.js';
import { readingsOfName } from '../readings/index.js';
import { comparableNamesOf, type ComparableNames, type MatchedForm } from './name-forms.js';
import {
  pairOverlap,
  pairSignature,
  runTogetherSimilarity,
  wordSetSimilarity,
  type NameFit,
  type PairSignature,
} from './name-similarity.js';

/** One row of an external file, already checked: a katakana name and an ISO birth date. */
export interface ExternalRecord {
  sourceRef: string;
  kanaName: string;
  birthDate: string;
  sex: string | null;
  alphabetName?: string | null;
  nationality?: string | null;
}

export interface PreparedRecord extends ExternalRecord {
  keys: string[];
  /** The keys with their word boundaries: what a name fit depends on. */
  wordKey: string;
  text: string;
  signature: PairSignature;
  latinWords: string[] | null;
  /** The birth date with day and month exchanged, when that is another real date. */
  swappedBirthDate: string | null;
}

/** How one resident compares with one record: the score and what it rests on. */
export interface CandidateScore {
  residentId: string;
  residentKey: string | null;
  score: number;
  nameSimilarity: number;
  weakestWord: number;
  form: MatchedForm;
  alphabetSimilarity: number | null;
  birthDateSwapped: boolean;
  sexMatches: boolean;
  nationalityMatches: boolean | null;
}

export type Decision = 'matched' | 'review' | 'unmatched';

export interface MatchOutcome {
  decision: Decision;
  score: number;
  best: CandidateScore | null;
  candidates: CandidateScore[];
}

/** Decision thresholds, chosen on the labelled evaluation set (npm run eval:matching). */
export const MATCHED_AT = 0.9;
export const MATCHED_MARGIN = 0.15;
export const REVIEW_AT = 0.5;
/** Candidates kept per record: the reviewer sees the best few, not the whole birth date. */
export const KEPT_CANDIDATES = 3;
/** Candidates scoring no more than this are not worth showing anyone. */
const KEEP_ABOVE = 0.05;
/** Below this share of common letter pairs a resident is not compared in full. */
const FIRST_LOOK = 0.34;

export function swapDayMonth(isoDate: string): string | null {
  const [year, month, day] = isoDate.split('-');
  if (day === month || Number(day) > 12) return null;
  return `${year}-${day}-${month}`;
}

export function prepareRecord(record: ExternalRecord): PreparedRecord {
  const nationality = record.nationality?.trim().toUpperCase() || null;
  // Without kana, the alphabet name's most likely katakana reading stands in for it.
  const kana = record.kanaName
    ? kanaTokens(record.kanaName)
    : readingsOfName(record.alphabetName ?? '', nationality).flatMap((readings) => readings.slice(0, 1));
  const keys = kana.map(phoneticKey).filter((key) => key !== '');
  const text = keys.join('');
  const latin = record.alphabetName ? nameTokens(record.alphabetName) : [];
  return {
    ...record,
    nationality,
    keys,
    wordKey: keys.join(' '),
    text,
    signature: keys.reduce<PairSignature>((signature, key) => pairSignature(key, signature), { low: 0, high: 0 }),
    latinWords: latin.length > 0 ? latin : null,
    swappedBirthDate: swapDayMonth(record.birthDate),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The evidence combined into one number in [0, 1], meant to read as the chance that the record is
 * this resident: the name carries most weight, then the birth date (a day/month swap is a known
 * clerical error but weaker), sex and nationality when given. Weights were fitted on the labelled
 * evaluation set.
 */
export function combine(evidence: {
  nameSimilarity: number;
  weakestWord: number;
  alphabetSimilarity: number | null;
  birthDateSwapped: boolean;
  sexMatches: boolean;
  nationalityMatches: boolean | null;
}): number {
  let z = -11 + 15 * evidence.nameSimilarity;
  // A name that fits except for one word is typically a sibling, not the person.
  if (evidence.weakestWord < 0.95) z -= 3.5 + 2 * (0.95 - evidence.weakestWord);
  z += evidence.birthDateSwapped ? -1.5 : 1.5;
  z += evidence.sexMatches ? 0.5 : -3;
  if (evidence.nationalityMatches !== null) z += evidence.nationalityMatches ? 0.5 : -2.5;
  if (evidence.alphabetSimilarity !== null) z += 8 * (evidence.alphabetSimilarity - 0.75);
  return sigmoid(z);
}

/** How well the record's name fits one of the resident's names, and which one. */
const NO_FIT: NameFit = { similarity: 0, weakest: 0 };
const better = (a: NameFit, b: NameFit) => a.similarity + a.weakest > b.similarity + b.weakest;

/**
 * Whether to also read the record as words run together: always for a record without spaces;
 * for one with spaces only when the word-by-word fit is partial (words split or merged
 * differently), not when it is already good or plainly another name.
 */
function worthRunningTogether(record: PreparedRecord, words: number, fit: NameFit): boolean {
  if (record.keys.length === 1) return true;
  if (record.keys.length >= words) return false;
  return fit.similarity >= 0.45 && (fit.similarity < 0.95 || fit.weakest < 0.95);
}

type FormFit = NameFit & { form: MatchedForm };

// Records and residents repeat names: a fit, once computed, is looked up by the resident's prepared
// names and the record's words (two levels, so that no key string is built per comparison).
const fitMemo = new Map<number, Map<string, FormFit>>();
let memoSize = 0;

/** How well the record's name fits one of the resident's names, and which one. */
function nameFit(record: PreparedRecord, names: ComparableNames): FormFit {
  let fits = fitMemo.get(names.id);
  let fit = fits?.get(record.wordKey);
  if (!fit) {
    fit = computeNameFit(record, names);
    if (memoSize >= 300_000) {
      fitMemo.clear();
      memoSize = 0;
      fits = undefined;
    }
    if (!fits) fitMemo.set(names.id, (fits = new Map()));
    fits.set(record.wordKey, fit);
    memoSize += 1;
  }
  return fit;
}

function computeNameFit(record: PreparedRecord, names: ComparableNames): FormFit {
  let best = NO_FIT;
  let form: MatchedForm = 'ALPHABET';
  for (const name of names.names) {
    let fit = record.keys.length > 1 ? wordSetSimilarity(record.keys, name.words) : NO_FIT;
    if (worthRunningTogether(record, name.words.length, fit)) {
      for (const order of name.orders) {
        const together = runTogetherSimilarity(record.text, order);
        if (better(together, fit)) fit = together;
      }
    }
    if (better(fit, best)) {
      best = fit;
      form = name.form;
      if (fit.similarity >= 0.999 && fit.weakest >= 0.999) break; // nothing can fit better
    }
  }
  return { ...best, form };
}

/**
 * The record against one resident, or null when the resident is plainly someone else or scores
 * no higher than `floor` (nothing is allocated for the many residents that are not kept).
 */
export function scoreCandidate(
  record: PreparedRecord,
  candidate: ResidentCandidate,
  birthDateSwapped: boolean,
  floor = 0,
  names: ComparableNames = comparableNamesOf(candidate),
): CandidateScore | null {
  if (pairOverlap(record.signature, names.signature) < FIRST_LOOK) return null;
  const fit = nameFit(record, names);
  const alphabetSimilarity = record.latinWords
    ? wordSetSimilarity(record.latinWords, names.latinWords).similarity
    : null;
  const sexMatches = !record.sex || record.sex === candidate.sex;
  const nationalityMatches = record.nationality ? record.nationality === candidate.nationality : null;
  const score = combine({
    nameSimilarity: fit.similarity,
    weakestWord: fit.weakest,
    alphabetSimilarity,
    birthDateSwapped,
    sexMatches,
    nationalityMatches,
  });
  if (score <= floor) return null;
  return {
    residentId: candidate.id,
    residentKey: candidate.residentKey,
    score,
    nameSimilarity: fit.similarity,
    weakestWord: fit.weakest,
    form: fit.form,
    alphabetSimilarity,
    birthDateSwapped,
    sexMatches,
    nationalityMatches,
  };
}

/** Best candidates first; a clear winner is matched, a plausible one goes to a person. */
export function decide(candidates: CandidateScore[]): MatchOutcome {
  const ranked = [...candidates].sort((a, b) => b.score - a.score).slice(0, KEPT_CANDIDATES);
  const [best, runnerUp] = ranked;
  if (!best || best.score < REVIEW_AT) {
    return { decision: 'unmatched', score: best?.score ?? 0, best: null, candidates: ranked };
  }
  const clear = best.score >= MATCHED_AT && best.score - (runnerUp?.score ?? 0) >= MATCHED_MARGIN;
  return { decision: clear ? 'matched' : 'review', score: best.score, best, candidates: ranked };
}

/** Inserts a candidate into a record's short list, best first, keeping at most KEPT_CANDIDATES. */
function keepBest(found: CandidateScore[], scored: CandidateScore): void {
  let at = found.length;
  while (at > 0 && found[at - 1].score < scored.score) at -= 1;
  found.splice(at, 0, scored);
  if (found.length > KEPT_CANDIDATES) found.length = KEPT_CANDIDATES;
}

/**
 * Scores records against residents that arrive grouped by birth date (the registry streams them
 * that way): each group is compared with the records born on that date or on its day/month swap,
 * and only each record's best few candidates are kept.
 */
export class MatchAccumulator {
  private readonly byDate = new Map<string, Array<{ index: number; swapped: boolean }>>();
  private readonly found: CandidateScore[][];

  constructor(
    readonly records: readonly PreparedRecord[],
    private readonly excluded: (recordIndex: number, residentId: string) => boolean = () => false,
  ) {
    this.found = records.map(() => []);
    records.forEach((record, index) => {
      this.want(record.birthDate, index, false);
      if (record.swappedBirthDate) this.want(record.swappedBirthDate, index, true);
    });
  }

  /** Every birth date whose residents must be seen. */
  birthDates(): string[] {
    return [...this.byDate.keys()];
  }

  add(residents: readonly ResidentCandidate[]): void {
    if (residents.length === 0) return;
    const wanting = this.byDate.get(residents[0].birthDate);
    if (!wanting) return;
    for (const resident of residents) {
      const names = comparableNamesOf(resident);
      for (const { index, swapped } of wanting) {
        if (this.excluded(index, resident.id)) continue;
        const found = this.found[index];
        const floor = found.length === KEPT_CANDIDATES ? found[KEPT_CANDIDATES - 1].score : KEEP_ABOVE;
        const scored = scoreCandidate(this.records[index], resident, swapped, floor, names);
        if (scored) keepBest(found, scored);
      }
    }
  }

  outcome(index: number): MatchOutcome {
    return decide(this.found[index]);
  }

  private want(date: string, index: number, swapped: boolean): void {
    let list = this.byDate.get(date);
    if (!list) this.byDate.set(date, (list = []));
    list.push({ index, swapped });
  }
}
