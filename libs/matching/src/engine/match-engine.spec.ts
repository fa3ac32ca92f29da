import type { ResidentCandidate } from '@app/residents';
import { checkRow, parseExternalDate } from '../runs/match-input.js';
import {
  decide,
  MatchAccumulator,
  prepareRecord,
  swapDayMonth,
  type CandidateScore,
  type ExternalRecord,
} from './match-engine.js';
import { runTogetherSimilarity, wordSetSimilarity } from './name-similarity.js';

const resident = (fields: Partial<ResidentCandidate>): ResidentCandidate => ({
  id: fields.residentKey ?? 'r',
  residentKey: 'r',
  birthDate: '1996-02-14',
  sex: 'M',
  nationality: 'VN',
  familyName: 'NGUYEN',
  givenName: 'VAN AN',
  middleName: null,
  kanjiName: null,
  commonName: null,
  commonNameKana: null,
  kanaName: null,
  ...fields,
});

function match(records: ExternalRecord[], residents: ResidentCandidate[]) {
  const accumulator = new MatchAccumulator(records.map(prepareRecord));
  const byDate = new Map<string, ResidentCandidate[]>();
  for (const r of residents) byDate.set(r.birthDate, [...(byDate.get(r.birthDate) ?? []), r]);
  for (const date of [...byDate.keys()].sort()) accumulator.add(byDate.get(date)!);
  return records.map((_, i) => accumulator.outcome(i));
}

const record = (kanaName: string, birthDate = '1996-02-14', sex = 'M'): ExternalRecord => ({
  sourceRef: 'x',
  kanaName,
  birthDate,
  sex,
});

describe('match engine', () => {
  const an = resident({ residentKey: 'AN' });

  it.each([
    'グエン ヴァン アン',
    'グエン　バン　アン',
    'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ',
    'アン ヴァン グエン',
    'グエンヴァンアン',
    'ぐえん ゔぁん あん',
  ])('matches %s to NGUYEN VAN AN', (kana) => {
    const [outcome] = match([record(kana)], [an]);
    expect(outcome).toMatchObject({ decision: 'matched', best: { residentKey: 'AN' } });
    expect(outcome.score).toBeGreaterThanOrEqual(0.9);
    expect(outcome.score).toBeLessThanOrEqual(1);
  });

  it('finds a birth date written with day and month exchanged, with a lower score', () => {
    const [exact] = match([record('グエン ヴァン アン')], [an]);
    const [swap] = match([record('グエン ヴァン アン', '1996-12-02')], [resident({ birthDate: '1996-02-12' })]);
    expect(swap.decision).not.toBe('unmatched');
    expect(swap.best!.birthDateSwapped).toBe(true);
    expect(swap.score).toBeLessThan(exact.score);
  });

  it('leaves the same name with another birth date, and another given name, unmatched or to a person', () => {
    const [otherDate, otherGiven] = match(
      [record('グエン ヴァン アン', '1997-02-14'), record('グエン ティ ホア')],
      [an],
    );
    expect(otherDate.decision).toBe('unmatched');
    expect(otherGiven.decision).toBe('unmatched');
  });

  it('sends two equally good candidates to review instead of choosing', () => {
    const twins = [
      resident({ id: 'a', residentKey: 'A', givenName: 'DUC MINH' }),
      resident({ id: 'b', residentKey: 'B', givenName: 'DUC MANH' }),
    ];
    const [half] = match([record('グエン ドゥック')], twins);
    expect(half.decision).toBe('review');
    const [whole] = match([record('グエン ドゥック ミン')], twins);
    expect(whole).toMatchObject({ decision: 'matched', best: { residentKey: 'A' } });
  });

  it("matches the common name (通称) kana and a kanji name read in on'yomi", () => {
    const kim = resident({
      residentKey: 'KIM',
      familyName: 'KIM',
      givenName: 'MINJUN',
      nationality: 'KR',
      commonName: '金本',
      commonNameKana: 'カネモト',
    });
    const chen = resident({
      residentKey: 'CHEN',
      familyName: 'CHEN',
      givenName: 'JIANGUO',
      nationality: 'CN',
      kanjiName: '陳建国',
    });
    const [common, onyomi] = match([record('カネモト'), record('チン ケンコク')], [kim, chen]);
    expect(common).toMatchObject({ decision: 'matched', best: { residentKey: 'KIM', form: 'COMMON_KANA' } });
    expect(onyomi).toMatchObject({ decision: 'matched', best: { residentKey: 'CHEN' } });
  });

  it('decides on the margin over the runner-up', () => {
    const score = (residentKey: string, value: number) => ({ residentKey, score: value }) as CandidateScore;
    expect(decide([score('a', 0.99), score('b', 0.98)]).decision).toBe('review');
    expect(decide([score('a', 0.99), score('b', 0.5)]).decision).toBe('matched');
    expect(decide([score('a', 0.3)]).decision).toBe('unmatched');
    expect(decide([]).decision).toBe('unmatched');
  });
});

describe('records without kana', () => {
  it('matches a record that only has the alphabet name, through its katakana reading', () => {
    const [outcome] = match(
      [
        {
          sourceRef: 'x',
          kanaName: '',
          alphabetName: 'Nguyen Van An',
          birthDate: '1996-02-14',
          sex: 'M',
          nationality: 'VN',
        },
      ],
      [resident({ residentKey: 'AN' })],
    );
    expect(outcome).toMatchObject({ decision: 'matched', best: { residentKey: 'AN' } });
  });

  it('reads a Latin name typed into the kana column as the alphabet name, and refuses a row with no name', () => {
    const cells = {
      source_ref: 'x',
      kana_name: 'NGUYEN VAN AN',
      birth_date: '1996-02-14',
      sex: '1',
      alphabet_name: '',
      nationality: '',
    };
    expect(checkRow(cells)).toMatchObject({
      error: null,
      record: { kanaName: '', alphabetName: 'NGUYEN VAN AN', sex: 'M' },
    });
    expect(checkRow({ ...cells, kana_name: '' }).error).toEqual({ field: 'kana_name', reason: 'is empty' });
    expect(checkRow({ ...cells, kana_name: '阮文安' }).error?.field).toBe('kana_name');
  });
});

describe('name similarity', () => {
  const word = (keys: string[], absencePenalty = 0.8) => ({ keys, absencePenalty });

  it('is order-insensitive and forgives a dropped middle name more than a dropped given name', () => {
    const name = [word(['guen']), word(['mari']), word(['rosa'], 0.15)];
    expect(wordSetSimilarity(['mari', 'guen'], name).similarity).toBeCloseTo(
      wordSetSimilarity(['guen', 'mari'], name).similarity,
    );
    expect(wordSetSimilarity(['guen', 'mari'], name).similarity).toBeGreaterThan(
      wordSetSimilarity(['guen', 'rosa'], name).similarity,
    );
  });

  it("reads words run together against the words in order, choosing each word's closest key", () => {
    const words = [word(['guen', 'gwen']), word(['ban', 'uan'], 0.3), word(['an'])];
    expect(runTogetherSimilarity('guenbanan', words)).toEqual({ similarity: 1, weakest: 1 });
    expect(runTogetherSimilarity('guenan', words).similarity).toBe(1); // the optional word left out
    expect(runTogetherSimilarity('guenbanam', words).weakest).toBeLessThan(1);
  });
});

describe('dates', () => {
  it('reads the usual ways of writing a birth date and refuses impossible ones', () => {
    expect(parseExternalDate('1990-05-03')).toBe('1990-05-03');
    expect(parseExternalDate('1990/5/3')).toBe('1990-05-03');
    expect(parseExternalDate('19900503')).toBe('1990-05-03');
    expect(parseExternalDate('1990-02-30')).toBeNull();
    expect(parseExternalDate('03/05/1990')).toBeNull();
  });

  it('exchanges day and month only when that gives another real date', () => {
    expect(swapDayMonth('1990-05-03')).toBe('1990-03-05');
    expect(swapDayMonth('1990-05-13')).toBeNull();
    expect(swapDayMonth('1990-05-05')).toBeNull();
  });
});
